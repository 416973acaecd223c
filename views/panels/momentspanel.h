#pragma once

#include "theme.h"
#include "trace/tracemodel.h"

#include <QWidget>
#include <vector>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace interleave {

class TraceStore;

/// The lesson's moments beside the timeline: time, lane and what happens, in the lesson's
/// words. A click (or Enter) shows one; Previous / Next walk through them; "Add as notes"
/// turns them into the trace's notes.
class MomentsPanel : public QWidget {
    Q_OBJECT
public:
    explicit MomentsPanel(QWidget* parent = nullptr);

    void setTheme(const Theme& theme);
    /// The moments of the trace on show (none: an empty list that says why).
    void setTrace(const TraceStore* trace);
    int count() const { return int(m_moments.size()); }
    const Moment& moment(int index) const { return m_moments[std::size_t(index)]; }
    /// Marks the moment on show (-1: none) and scrolls it into view.
    void setCurrent(int index);
    int current() const { return m_current; }

signals:
    void momentChosen(int index);
    void stepRequested(bool forward);
    /// Every moment (or the selected ones) as notes.
    void notesRequested(std::vector<int> indices);

private:
    QTreeWidget* m_list;
    QLabel* m_empty;
    QLabel* m_explanation; ///< The moment on show, in full, for the room to read.
    QPushButton* m_previous;
    QPushButton* m_next;
    QPushButton* m_notes;
    std::vector<Moment> m_moments;
    std::uint64_t m_origin = 0;
    int m_current = -1;
    QColor m_highlight;
};

} // namespace interleave
