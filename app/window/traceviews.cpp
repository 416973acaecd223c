#include "window/traceviews.h"

#include "charts/chartstack.h"
#include "document/tracedocument.h"
#include "panels/aboutpage.h"
#include "panels/consoleview.h"
#include "panels/legendbar.h"
#include "panels/resultview.h"
#include "panels/statsmodels.h"
#include "qstrings.h"
#include "runcontroller.h"
#include "timeline/timelinemodel.h"
#include "timeline/timelinewidget.h"
#include "timeline/zoomcontrol.h"
#include "trace/slicestats.h"
#include "trace/summary.h"
#include "trace/tracestore.h"

#include <QDateTime>
#include <shared_mutex>

namespace interleave {

TraceViews::TraceViews(TraceDocument* document, RunController* run, const Parts& parts,
                       QObject* parent)
    : QObject(parent)
    , m_document(document)
    , m_run(run)
    , m_parts(parts)
{
    connect(m_document, &TraceDocument::traceChanged, this, &TraceViews::show);
    connect(m_document, &TraceDocument::recordingEnded, this, &TraceViews::recordingEnded);
    connect(m_run, &RunController::progressed, this, &TraceViews::followRecording);
}

void TraceViews::show()
{
    const auto trace = m_document->trace();
    const bool live = m_document->live();
    m_parts.timeline->pick(std::nullopt);
    m_parts.zoom->clearSelection();
    m_parts.model->setTrace(trace, live);
    // A run that just started gets a first millisecond to grow into; a finished trace is
    // shown as long as it is, however short.
    const std::uint64_t origin = m_parts.model->origin();
    m_parts.zoom->setTraceRange(origin, live ? std::max(m_parts.model->end(), origin + 1'000'000)
                                             : m_parts.model->end());
    m_parts.zoom->fitAll();
    if (live) {
        m_parts.legend->setSliceNames({});
        m_parts.legend->setGilSource({});
        m_parts.console->clear();
        std::shared_lock lock(trace->mutex());
        m_parts.result->setRunning(qs(trace->run.title));
    } else if (trace) {
        applySavedView();
        std::shared_lock lock(trace->mutex());
        m_parts.console->setTrace(*trace);
        m_parts.result->setTrace(*trace);
        showImported(*trace);
    }
    updateStatistics();
    m_parts.charts->refresh();
    if (!live && trace && !trace->run.importedFrom.empty())
        emit importedTraceShown();
    emit contentChanged();
}

TraceViews::Content TraceViews::content() const
{
    const auto trace = m_document->trace();
    Content c;
    if (!trace)
        return c;
    bool imported = false;
    {
        std::shared_lock lock(trace->mutex());
        imported = !trace->run.importedFrom.empty();
        c.result = !imported || !trace->results.verdict.empty() || !trace->results.values.empty();
    }
    // Another tool's trace has no scenario behind it: its Python would be the wrong program.
    c.python = !imported;
    c.console = m_document->live() || m_parts.console->rowCount() > 0;
    c.workers = m_parts.workerStats->rowCount() > 0;
    c.locks = m_parts.lockStats->rowCount() > 0;
    c.queues = m_parts.queueStats->rowCount() > 0;
    return c;
}

void TraceViews::followRecording()
{
    if (!m_document->live() || m_document->trace() != m_run->trace())
        return;
    m_parts.model->refresh();
    m_parts.zoom->setTraceRange(m_parts.model->origin(), m_parts.model->end());
    std::vector<ConsoleModel::Line> lines;
    const std::uint64_t origin = m_parts.model->origin();
    for (const Collector::PrintedLine& printed : m_run->takeOutput())
        lines.push_back(ConsoleModel::Line{printed.t > origin ? printed.t - origin : 0,
                                           int(printed.worker), qs(printed.workerName),
                                           qs(printed.text), printed.error});
    m_parts.console->append(lines);
    m_parts.consoleView->followNewLines();
    // Statistics are cheap for a lesson but not free: twice a second is plenty.
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (now - m_lastStatisticsMs > 500) {
        m_lastStatisticsMs = now;
        updateStatistics();
        m_parts.charts->refresh();
    }
}

void TraceViews::recordingEnded()
{
    const auto trace = m_document->trace();
    m_parts.model->finish();
    m_parts.zoom->setTraceRange(m_parts.model->origin(), m_parts.model->end());
    {
        std::shared_lock lock(trace->mutex());
        m_parts.console->setTrace(*trace);
        m_parts.result->setTrace(*trace);
        showGilSource(*trace);
    }
    updateStatistics();
    m_parts.charts->refresh();
    emit contentChanged();
}

void TraceViews::updateStatistics()
{
    const auto trace = m_document->trace();
    if (!trace) {
        m_parts.workerStats->setSummary({});
        m_parts.lockStats->setSummary({});
        m_parts.queueStats->setSummary({});
        return;
    }
    TraceSummary summary;
    {
        std::shared_lock lock(trace->mutex());
        if (!trace->finalized() && trace->eventCount() > 2'000'000)
            return; // live statistics of huge runs wait for the end
        summary = summarise(*trace);
    }
    m_parts.workerStats->setSummary(summary);
    m_parts.lockStats->setSummary(summary);
    m_parts.queueStats->setSummary(summary);
}

SavedView TraceViews::captureView() const
{
    const ZoomControl* zoom = m_parts.zoom;
    SavedView view;
    view.start = zoom->windowStart();
    view.end = zoom->windowEnd();
    view.selectionStart = zoom->hasSelection() ? zoom->selectionStart() : 0;
    view.selectionEnd = zoom->hasSelection() ? zoom->selectionEnd() : 0;
    view.scrollY = m_parts.timeline->scrollY();
    return view;
}

void TraceViews::applySavedView()
{
    const auto trace = m_document->trace();
    SavedView view;
    {
        std::shared_lock lock(trace->mutex());
        view = trace->view;
    }
    if (!view.valid())
        return;
    m_parts.zoom->setWindow(view.start, view.end);
    if (view.selectionEnd > view.selectionStart)
        m_parts.zoom->setSelection(view.selectionStart, view.selectionEnd);
    m_parts.timeline->setScrollY(view.scrollY);
}

void TraceViews::showGilSource(const TraceStore& trace)
{
    const ResultValue* source = trace.results.find("gil_source");
    if (!source || !std::holds_alternative<std::string>(*source))
        m_parts.legend->setGilSource({});
    else if (std::get<std::string>(*source) == "interpreter")
        m_parts.legend->setGilSource("GIL: read from CPython itself");
    else
        m_parts.legend->setGilSource("GIL: inferred from scheduling, not read (see the verdict)");
}

void TraceViews::showImported(const TraceStore& trace)
{
    if (trace.run.importedFrom.empty()) {
        m_parts.legend->setSliceNames({});
        showGilSource(trace);
        return;
    }
    m_parts.legend->setGilSource({});
    std::vector<std::pair<std::uint32_t, QString>> legend;
    for (const SliceNameTime& busy : busiestSliceNames(trace, {}, 12))
        legend.emplace_back(busy.name, qs(trace.string(busy.name)));
    m_parts.legend->setSliceNames(std::move(legend));
    m_parts.about->showImported(trace);
}

} // namespace interleave
