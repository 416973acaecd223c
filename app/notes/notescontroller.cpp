#include "notes/notescontroller.h"

#include "document/tracedocument.h"
#include "panels/notespanel.h"
#include "qstrings.h"
#include "timeline/timecoordinates.h"
#include "timeline/zoomcontrol.h"
#include "trace/tracestore.h"

#include <QInputDialog>
#include <algorithm>
#include <mutex>
#include <shared_mutex>

namespace interleave {

NotesController::NotesController(TraceDocument* document, ZoomControl* zoom, NotesPanel* panel,
                                 QWidget* dialogParent, QObject* parent)
    : QObject(parent)
    , m_document(document)
    , m_zoom(zoom)
    , m_panel(panel)
    , m_dialogParent(dialogParent)
{
    connect(m_panel, &NotesPanel::addRequested, this, &NotesController::promptAddAtView);
    connect(m_panel, &NotesPanel::editRequested, this, &NotesController::promptEdit);
    connect(m_panel, &NotesPanel::deleteRequested, this, &NotesController::remove);
    connect(m_panel, &NotesPanel::goToRequested, this, &NotesController::goTo);
    connect(m_document, &TraceDocument::traceChanged, this, &NotesController::refresh);
}

std::uint64_t NotesController::origin() const
{
    const auto trace = m_document->trace();
    if (!trace)
        return 0;
    std::shared_lock lock(trace->mutex());
    return trace->run.startNs;
}

void NotesController::add(std::uint64_t start, std::uint64_t end, int lane, const QString& text)
{
    const auto trace = m_document->trace();
    if (!trace || text.trimmed().isEmpty())
        return;
    {
        std::unique_lock lock(trace->mutex());
        Annotation note;
        note.start = std::min(start, end);
        note.end = std::max(start, end);
        note.lane =
            lane >= 0 && std::size_t(lane) < trace->laneCount() ? std::uint16_t(lane) : kNoWorker;
        note.text = text.trimmed().toStdString();
        trace->annotations.push_back(std::move(note));
    }
    changed();
}

void NotesController::edit(int index, const QString& text)
{
    const auto trace = m_document->trace();
    if (!trace || text.trimmed().isEmpty())
        return;
    {
        std::unique_lock lock(trace->mutex());
        if (index < 0 || std::size_t(index) >= trace->annotations.size())
            return;
        trace->annotations[std::size_t(index)].text = text.trimmed().toStdString();
    }
    changed();
}

void NotesController::remove(int index)
{
    const auto trace = m_document->trace();
    if (!trace)
        return;
    {
        std::unique_lock lock(trace->mutex());
        if (index < 0 || std::size_t(index) >= trace->annotations.size())
            return;
        trace->annotations.erase(trace->annotations.begin() + index);
    }
    changed();
}

void NotesController::goTo(int index)
{
    const auto trace = m_document->trace();
    if (!trace)
        return;
    Annotation note;
    {
        std::shared_lock lock(trace->mutex());
        if (index < 0 || std::size_t(index) >= trace->annotations.size())
            return;
        note = trace->annotations[std::size_t(index)];
    }
    const std::uint64_t span =
        note.isRange() ? (note.end - note.start) * 2 : m_zoom->windowDuration();
    const std::uint64_t middle = note.start / 2 + note.end / 2;
    m_zoom->setWindow(middle - std::min(middle, span / 2), middle + span / 2);
}

int NotesController::noteAt(std::uint64_t time, int lane, std::uint64_t slackNs) const
{
    const auto trace = m_document->trace();
    if (!trace)
        return -1;
    std::shared_lock lock(trace->mutex());
    for (std::size_t i = trace->annotations.size(); i-- > 0;) {
        const Annotation& note = trace->annotations[i];
        if (note.lane != kNoWorker && int(note.lane) != lane)
            continue;
        if (time + slackNs >= note.start && time <= note.end + slackNs)
            return int(i);
    }
    return -1;
}

int NotesController::count() const
{
    return m_panel->count();
}

void NotesController::promptAdd(std::uint64_t start, std::uint64_t end, int lane)
{
    const std::uint64_t zero = origin();
    const auto since = [zero](std::uint64_t t) { return qs(formatPrecise(t - std::min(t, zero))); };
    const QString where = end > start ? QString("from %1 to %2").arg(since(start), since(end))
                                      : QString("at %1").arg(since(start));
    bool ok = false;
    const QString text = QInputDialog::getText(m_dialogParent, "Add note", "Note " + where + ":",
                                               QLineEdit::Normal, QString(), &ok);
    if (ok)
        add(start, end, lane, text);
}

void NotesController::promptAddAtView()
{
    if (!m_document->hasTrace())
        return;
    if (m_zoom->hasSelection()) {
        promptAdd(m_zoom->selectionStart(), m_zoom->selectionEnd(), -1);
        return;
    }
    const std::uint64_t middle = m_zoom->windowStart() / 2 + m_zoom->windowEnd() / 2;
    promptAdd(middle, middle, -1);
}

void NotesController::promptEdit(int index)
{
    const auto trace = m_document->trace();
    if (!trace)
        return;
    QString current;
    {
        std::shared_lock lock(trace->mutex());
        if (index < 0 || std::size_t(index) >= trace->annotations.size())
            return;
        current = qs(trace->annotations[std::size_t(index)].text);
    }
    bool ok = false;
    const QString text = QInputDialog::getText(m_dialogParent, "Edit note",
                                               "Note:", QLineEdit::Normal, current, &ok);
    if (ok)
        edit(index, text);
}

void NotesController::refresh()
{
    const auto trace = m_document->trace();
    if (!trace) {
        m_panel->clear();
    } else {
        std::shared_lock lock(trace->mutex());
        m_panel->setNotes(*trace, trace->run.startNs);
    }
    emit notesChanged(m_panel->count());
}

void NotesController::changed()
{
    m_document->setModified(true);
    refresh();
}

} // namespace interleave
