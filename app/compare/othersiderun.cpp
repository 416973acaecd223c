#include "compare/othersiderun.h"

#include "document/tracedocument.h"
#include "qstrings.h"
#include "runcontroller.h"
#include "scenario/scenario.h"
#include "trace/tracestore.h"
#include "window/usermessages.h"

#include <QTimer>
#include <algorithm>
#include <shared_mutex>

namespace interleave {

OtherSideRun::OtherSideRun(RunController* run, TraceDocument* document, UserMessages* messages,
                           QObject* parent)
    : QObject(parent)
    , m_run(run)
    , m_document(document)
    , m_messages(messages)
{
    connect(m_run, &RunController::finished, this, &OtherSideRun::finished);
}

bool OtherSideRun::isRunOf(const TraceStore& trace, const Scenario& scenario,
                           const ParameterValues& values)
{
    std::shared_lock lock(trace.mutex());
    if (trace.run.scenario != scenario.info().id || trace.run.outcome != "completed")
        return false;
    auto sorted = [](std::vector<std::pair<std::string, std::string>> list) {
        std::sort(list.begin(), list.end());
        return list;
    };
    return sorted(trace.run.parameters) == sorted(values.assignments());
}

void OtherSideRun::start(const LessonSides& sides)
{
    if (active() || m_run->running() || sides.first == nullptr || sides.second == nullptr)
        return;
    m_sides = sides;
    const auto onShow = m_document->trace();
    if (onShow && !m_document->live() && isRunOf(*onShow, *sides.first, sides.firstValues)) {
        m_first = onShow; // the run on show is this side already
        runSecond();
        return;
    }
    m_step = Step::First;
    try {
        m_run->start(*sides.first, sides.firstValues);
        m_messages->notice("Comparing: running " + qs(sides.firstLabel) + " first …", 0);
    } catch (const std::exception& e) {
        m_step = Step::Idle;
        m_messages->error("Cannot compare", e.what());
    }
}

void OtherSideRun::runSecond()
{
    m_step = Step::Second;
    try {
        m_run->start(*m_sides.second, m_sides.secondValues);
        m_messages->notice("Comparing: now running " + qs(m_sides.secondLabel) + " …", 0);
    } catch (const std::exception& e) {
        m_step = Step::Idle;
        m_first.reset();
        m_messages->error("Cannot compare", e.what());
    }
}

void OtherSideRun::finished()
{
    if (!active())
        return;
    const auto trace = m_run->trace();
    std::string outcome, message;
    if (trace) {
        std::shared_lock lock(trace->mutex());
        outcome = trace->run.outcome;
        message = trace->run.message;
    }
    if (!trace || outcome != "completed") {
        const Step step = m_step;
        m_step = Step::Idle;
        m_first.reset();
        const QString which = qs(step == Step::First ? m_sides.firstLabel : m_sides.secondLabel);
        if (outcome == "cancelled")
            m_messages->notice("Comparison stopped: " + which + " was stopped", 6000);
        else
            m_messages->error("Cannot compare", which + " did not complete: " +
                                                    qs(message.empty() ? outcome : message));
        return;
    }
    if (m_step == Step::First) {
        m_first = trace;
        // After every other part has seen this run end (the document makes it final).
        QTimer::singleShot(0, this, &OtherSideRun::runSecond);
        return;
    }
    m_step = Step::Idle;
    m_messages->notice("Compared " + qs(m_sides.firstLabel) + " with " + qs(m_sides.secondLabel));
    emit ready({std::exchange(m_first, nullptr), trace},
               {qs(m_sides.firstLabel), qs(m_sides.secondLabel)});
}

} // namespace interleave
