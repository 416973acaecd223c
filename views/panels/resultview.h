#pragma once

#include <QWidget>

class QLabel;
class QTableWidget;

namespace interleave {

class TraceStore;

/// The verdict of a run in large type, whether the lesson showed, how the run ended, and the
/// scenario's result values.
class ResultView : public QWidget {
    Q_OBJECT
public:
    explicit ResultView(QWidget* parent = nullptr);
    void setTrace(const TraceStore& trace);
    void setRunning(const QString& title);
    void clear();
    QString verdict() const;

private:
    QLabel* m_verdict;
    QLabel* m_outcome;
    QTableWidget* m_values;
};

/// How a result value's name reads to a person: "single_ns" -> "One call alone".
QString resultLabel(const std::string& name);

} // namespace interleave
