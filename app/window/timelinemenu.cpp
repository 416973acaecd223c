#include "window/timelinemenu.h"

#include "document/tracedocument.h"
#include "notes/notescontroller.h"
#include "qstrings.h"
#include "timeline/timelinewidget.h"
#include "timeline/zoomcontrol.h"
#include "trace/tracestore.h"

#include <QMenu>
#include <algorithm>
#include <shared_mutex>

namespace interleave {

TimelineMenu::TimelineMenu(TimelineWidget* timeline, ZoomControl* zoom, TraceDocument* document,
                           NotesController* notes, QAction* exportAction, QObject* parent)
    : QObject(parent)
    , m_timeline(timeline)
    , m_zoom(zoom)
    , m_document(document)
    , m_notes(notes)
    , m_export(exportAction)
{
    connect(m_timeline, &TimelineWidget::contextMenuRequested, this, &TimelineMenu::show);
}

void TimelineMenu::show(QPoint globalPosition, std::uint64_t time, int lane)
{
    QMenu menu(m_timeline);
    QString laneName;
    if (const auto trace = m_document->trace(); trace && lane >= 0) {
        std::shared_lock lock(trace->mutex());
        if (std::size_t(lane) < trace->laneCount())
            laneName = qs(trace->lane(std::size_t(lane)).info.name);
    }
    // A note is hit within a few pixels of its flag or band.
    const double nsPerPixel =
        double(m_zoom->windowDuration()) / std::max(1, m_timeline->plotRect().width());
    const int note = m_notes->noteAt(time, lane, std::uint64_t(nsPerPixel * 4));
    if (note >= 0) {
        menu.addAction("&Edit Note…", this, [this, note] { m_notes->promptEdit(note); });
        menu.addAction("&Delete Note", this, [this, note] { m_notes->remove(note); });
        menu.addSeparator();
    }
    menu.addAction("Add Note &Here (all lanes)…", this,
                   [this, time] { m_notes->promptAdd(time, time, -1); });
    if (lane >= 0)
        menu.addAction(QString("Add Note Here on %1…").arg(laneName), this,
                       [this, time, lane] { m_notes->promptAdd(time, time, lane); });
    if (m_zoom->hasSelection())
        menu.addAction("Add Note for the &Selection…", this, [this] {
            m_notes->promptAdd(m_zoom->selectionStart(), m_zoom->selectionEnd(), -1);
        });
    menu.addSeparator();
    if (m_zoom->hasSelection())
        menu.addAction("&Zoom to Selection", m_zoom, &ZoomControl::zoomToSelection);
    menu.addAction("&Fit All", m_zoom, &ZoomControl::fitAll);
    menu.addAction(m_export);
    menu.exec(globalPosition);
}

} // namespace interleave
