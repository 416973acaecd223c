#include "window/runstatus.h"

#include "document/tracedocument.h"
#include "qstrings.h"
#include "runcontroller.h"
#include "theme.h"
#include "timeline/timecoordinates.h"
#include "trace/tracestore.h"

#include <QLabel>
#include <QStatusBar>
#include <shared_mutex>

namespace interleave {

namespace {

/// Status labels are updated every poll; an unchanged rich-text label would still re-lay out
/// its document and repaint, which adds up to a visible share of a core during a run.
void setTextIfChanged(QLabel* label, const QString& text)
{
    if (label->text() != text)
        label->setText(text);
}

} // namespace

RunStatus::RunStatus(QStatusBar* bar, RunController* run, TraceDocument* document, QObject* parent)
    : QObject(parent)
    , m_run(run)
    , m_document(document)
    , m_theme(&Theme::light())
    , m_state(new QLabel)
    , m_elapsed(new QLabel)
    , m_events(new QLabel)
    , m_rate(new QLabel)
    , m_dropped(new QLabel)
{
    m_state->setObjectName("runState");
    m_dropped->setObjectName("dropped");
    bar->addWidget(m_state, 1);
    for (QLabel* label : {m_elapsed, m_events, m_rate, m_dropped}) {
        label->setMinimumWidth(110);
        label->setTextFormat(label == m_dropped ? Qt::RichText : Qt::PlainText);
        bar->addPermanentWidget(label);
    }
    connect(m_run, &RunController::started, this, &RunStatus::update);
    connect(m_run, &RunController::progressed, this, &RunStatus::update);
    connect(m_run, &RunController::finished, this, &RunStatus::update);
    connect(m_document, &TraceDocument::traceChanged, this, &RunStatus::update);
}

void RunStatus::setTheme(const Theme& theme)
{
    m_theme = &theme;
    update();
}

void RunStatus::update()
{
    QString state = "Ready";
    QString colour = m_theme->mutedText.name();
    const auto trace = m_document->trace();
    switch (m_run->state()) {
    case RunController::State::Idle: state = trace ? "Trace loaded" : "Ready"; break;
    case RunController::State::Running:
        state = "● Running";
        colour = "#009E73";
        break;
    case RunController::State::Stopping:
        state = "Stopping …";
        colour = "#E69F00";
        break;
    case RunController::State::Finished:
        if (trace) {
            std::shared_lock lock(trace->mutex());
            state =
                trace->run.outcome == "completed" ? "Finished" : "Run " + qs(trace->run.outcome);
            if (trace->run.outcome != "completed")
                colour = "#D55E00";
        }
        break;
    }
    setTextIfChanged(m_state,
                     QString("<span style='color:%1'><b>%2</b></span>").arg(colour, state));
    const bool recording = m_run->running() || m_run->state() == RunController::State::Finished;
    std::uint64_t elapsed = 0, events = 0, dropped = 0, slices = 0;
    if (recording && trace == m_run->trace()) {
        elapsed = m_run->elapsedNs();
        events = m_run->events();
        dropped = m_run->dropped();
    } else if (trace) {
        std::shared_lock lock(trace->mutex());
        elapsed = trace->run.durationNs();
        events = trace->eventCount();
        dropped = trace->rings.dropped;
        for (std::size_t i = 0; i < trace->laneCount(); ++i)
            slices += trace->lane(i).slices.sliceCount();
    }
    setTextIfChanged(m_elapsed, "elapsed " + qs(formatPrecise(elapsed)));
    // An imported trace is mostly slices: count them, or "44 events" hides 2 566 of them.
    setTextIfChanged(m_events, slices > 0
                                   ? QString("%L1 slices · %L2 events").arg(slices).arg(events)
                                   : QString("%L1 events").arg(events));
    setTextIfChanged(m_rate, m_run->running()
                                 ? QString("%L1 events/s").arg(qint64(m_run->eventsPerSecond()))
                                 : QString("– events/s"));
    setTextIfChanged(m_dropped,
                     QString("<span style='color:%1'>dropped %2</span>")
                         .arg(dropped == 0 ? m_theme->mutedText.name() : QString("#D55E00"))
                         .arg(dropped));
}

} // namespace interleave
