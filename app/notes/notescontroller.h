#pragma once

#include <QObject>
#include <QString>
#include <cstdint>

class QWidget;

namespace interleave {

class NotesPanel;
class TraceDocument;
class ZoomControl;

/// The notes pinned to the trace on show: adds, edits and deletes them (asking for the text
/// where the user chose "Add Note…"), finds the note under the mouse, moves the view to a note,
/// keeps the Notes panel current and marks the document modified.
class NotesController : public QObject {
    Q_OBJECT
public:
    NotesController(TraceDocument* document, ZoomControl* zoom, NotesPanel* panel,
                    QWidget* dialogParent, QObject* parent = nullptr);

    /// `lane` -1 pins the note to every lane; end == start for a moment. Blank text adds none.
    void add(std::uint64_t start, std::uint64_t end, int lane, const QString& text);
    void edit(int index, const QString& text);
    void remove(int index);
    /// Moves the view so that the note is in the middle, with as much around it as it lasts.
    void goTo(int index);
    /// The note drawn at `time` (within `slackNs`) on `lane`, or -1.
    int noteAt(std::uint64_t time, int lane, std::uint64_t slackNs) const;
    int count() const;

    /// Ask for the text, then add / edit.
    void promptAdd(std::uint64_t start, std::uint64_t end, int lane);
    /// A note for the selection, or for the middle of the view.
    void promptAddAtView();
    void promptEdit(int index);

    /// Shows the notes of the trace on show again (after another trace came up).
    void refresh();

signals:
    void notesChanged(int count);

private:
    /// Time zero of the trace on show (the run's start).
    std::uint64_t origin() const;
    void changed();

    TraceDocument* m_document;
    ZoomControl* m_zoom;
    NotesPanel* m_panel;
    QWidget* m_dialogParent;
};

} // namespace interleave
