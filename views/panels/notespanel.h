#pragma once

#include "trace/tracemodel.h"

#include <QWidget>
#include <vector>

class QPushButton;
class QTreeWidget;

namespace interleave {

class TraceStore;

/// The notes of the trace on show, in time order: when, on which lane, what. Buttons and a
/// double-click ask the window to add, edit, delete or go to a note; the window owns the
/// trace and does the change.
class NotesPanel : public QWidget {
    Q_OBJECT
public:
    explicit NotesPanel(QWidget* parent = nullptr);

    /// Shows the trace's notes (the caller holds its read lock); `origin` is time zero.
    void setNotes(const TraceStore& trace, std::uint64_t origin);
    void clear();
    /// Index in the trace's annotations of the selected note, or -1.
    int selectedNote() const;
    int count() const;

signals:
    void addRequested();
    void editRequested(int note);
    void deleteRequested(int note);
    void goToRequested(int note);

private:
    void updateButtons();

    QTreeWidget* m_list;
    QPushButton* m_add;
    QPushButton* m_edit;
    QPushButton* m_delete;
};

} // namespace interleave
