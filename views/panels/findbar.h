#pragma once

#include "trace/search.h"

#include <QWidget>
#include <memory>

class QLabel;
class QLineEdit;
class QListWidget;
class QTimer;
class QToolButton;

namespace interleave {

class TraceStore;

/// Find on the timeline (Ctrl+F): type a lane's, a lock's or a queue's name, printed text, a
/// phase or a slice name; the matches are listed, Enter goes to the next, Shift+Enter to the
/// previous, a click to that one; Esc closes.
class FindBar : public QWidget {
    Q_OBJECT
public:
    explicit FindBar(QWidget* parent = nullptr);

    /// The trace to search (the caller keeps it alive); searched again if a query is typed.
    void setTrace(std::shared_ptr<const TraceStore> trace, std::uint64_t origin);
    /// Shows the bar with the query selected, ready to type.
    void open();
    void setQuery(const QString& query);
    const std::vector<SearchHit>& hits() const { return m_hits; }
    int current() const { return m_current; }
    void next();
    void previous();

signals:
    /// Show this match on the timeline.
    void hitChosen(const SearchHit& hit);

protected:
    void keyPressEvent(QKeyEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void search();
    void choose(int index);

    std::shared_ptr<const TraceStore> m_trace;
    std::uint64_t m_origin = 0;
    QLineEdit* m_query;
    QLabel* m_count;
    QToolButton* m_previous;
    QToolButton* m_next;
    QListWidget* m_list;
    QTimer* m_debounce;
    std::vector<SearchHit> m_hits;
    int m_current = -1;
};

} // namespace interleave
