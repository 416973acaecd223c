#pragma once

#include <QPlainTextEdit>

namespace interleave {

/// The Python program of a scenario, or a traced script itself: read-only, highlighted, with
/// line numbers (a traceback's "line 12" is one glance away).
class PythonView : public QPlainTextEdit {
    Q_OBJECT
public:
    explicit PythonView(QWidget* parent = nullptr);
    void setSource(const QString& source);

    /// Width of the line-number gutter, for the digits of the last line.
    int gutterWidth() const;
    /// Paints the gutter (called by the gutter widget).
    void paintGutter(QPaintEvent* event);

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void updateGutter(const QRect& rect, int dy);

    QWidget* m_gutter;
};

} // namespace interleave
