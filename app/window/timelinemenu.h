#pragma once

#include <QObject>
#include <QPoint>
#include <cstdint>

class QAction;
class QWidget;

namespace interleave {

class NotesController;
class TimelineWidget;
class TraceDocument;
class ZoomControl;

/// The timeline's right-click menu: edit or delete the note under the mouse, pin a new one
/// here (all lanes or this lane) or to the selection, zoom, fit, export.
class TimelineMenu : public QObject {
    Q_OBJECT
public:
    TimelineMenu(TimelineWidget* timeline, ZoomControl* zoom, TraceDocument* document,
                 NotesController* notes, QAction* exportAction, QObject* parent = nullptr);

    void show(QPoint globalPosition, std::uint64_t time, int lane);

private:
    TimelineWidget* m_timeline;
    ZoomControl* m_zoom;
    TraceDocument* m_document;
    NotesController* m_notes;
    QAction* m_export;
};

} // namespace interleave
