#include "runcontroller.h"

#include "base/clock.h"
#include "engine/run.h"
#include "scenario/scenario.h"
#include "trace/tracestore.h"

namespace interleave {

RunController::RunController(QObject* parent)
    : QObject(parent)
{
    // Twenty frames a second look live; every extra frame is CPU the workers cannot use, and
    // the lessons are about how the workers share the CPU.
    m_timer.setInterval(50);
    connect(&m_timer, &QTimer::timeout, this, &RunController::poll);
}

RunController::~RunController()
{
    m_timer.stop();
    m_run.reset(); // stops and reclaims every worker
}

void RunController::start(const Scenario& scenario, const ParameterValues& parameters)
{
    if (m_run) {
        m_timer.stop();
        m_run.reset();
    }
    RunConfig config;
    config.scenario = &scenario;
    config.parameters = parameters;
    config.workerExecutable = m_workerExecutable;
    config.onOutput = [this](const Collector::PrintedLine& line) {
        std::lock_guard lock(m_outputMutex);
        m_output.push_back(line);
    };
    {
        std::lock_guard lock(m_outputMutex);
        m_output.clear();
    }
    m_run = std::make_unique<Run>(std::move(config));
    m_trace = m_run->trace();
    m_scenario = &scenario;
    m_run->start();
    m_state = State::Running;
    m_lastEvents = 0;
    m_rate = 0;
    m_finalElapsed = 0;
    m_lastPoll = std::chrono::steady_clock::now();
    m_timer.start();
    emit started();
}

void RunController::stop()
{
    if (m_run && m_state == State::Running) {
        m_state = State::Stopping;
        m_run->requestStop();
    }
}

std::uint64_t RunController::elapsedNs() const
{
    if (!m_trace)
        return 0;
    if (m_state == State::Finished)
        return m_finalElapsed;
    const std::uint64_t start = m_trace->run.startNs;
    const std::uint64_t now = Clock::now();
    return now > start ? now - start : 0;
}

std::uint64_t RunController::events() const
{
    return m_run ? m_run->eventsCollected() : 0;
}

std::uint64_t RunController::dropped() const
{
    return m_run ? m_run->ringTotals().dropped : 0;
}

std::vector<Collector::PrintedLine> RunController::takeOutput()
{
    std::lock_guard lock(m_outputMutex);
    return std::exchange(m_output, {});
}

void RunController::poll()
{
    if (!m_run)
        return;
    const auto now = std::chrono::steady_clock::now();
    const double seconds = std::chrono::duration<double>(now - m_lastPoll).count();
    const std::uint64_t events = m_run->eventsCollected();
    if (seconds > 0.2) {
        const double instant = double(events - m_lastEvents) / seconds;
        m_rate = m_rate == 0 ? instant : 0.6 * m_rate + 0.4 * instant;
        m_lastEvents = events;
        m_lastPoll = now;
    }
    if (m_run->finished()) {
        m_timer.stop();
        m_run->wait();
        m_finalElapsed = m_trace->run.durationNs();
        m_state = State::Finished;
        emit progressed();
        emit finished();
        return;
    }
    emit progressed();
}

} // namespace interleave
