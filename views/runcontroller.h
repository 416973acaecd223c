#pragma once

#include "engine/collector.h"
#include "scenario/parameters.h"

#include <QObject>
#include <QTimer>
#include <chrono>
#include <memory>
#include <mutex>
#include <vector>

namespace interleave {

class Run;
class Scenario;
class TraceStore;

/// The GUI's handle on one recording: starts a Run, polls it from the event loop (never from
/// the run's threads), hands out its printed lines and status figures, and stops it.
class RunController : public QObject {
    Q_OBJECT
public:
    enum class State { Idle, Running, Stopping, Finished };

    explicit RunController(QObject* parent = nullptr);
    ~RunController() override;

    /// Starts `scenario`; throws UsageError for bad parameters. A run in progress is stopped.
    void start(const Scenario& scenario, const ParameterValues& parameters);
    /// Asks every worker to stop; finished() follows once all are gone.
    void stop();

    State state() const { return m_state; }
    bool running() const { return m_state == State::Running || m_state == State::Stopping; }
    std::shared_ptr<TraceStore> trace() const { return m_trace; }
    const Scenario* scenario() const { return m_scenario; }

    std::uint64_t elapsedNs() const;
    std::uint64_t events() const;
    double eventsPerSecond() const { return m_rate; }
    std::uint64_t dropped() const;
    /// Lines printed since the last call.
    std::vector<Collector::PrintedLine> takeOutput();

    /// For tests: the interleave-worker to spawn (default: next to the executable).
    void setWorkerExecutable(const QString& path) { m_workerExecutable = path.toStdString(); }

signals:
    void started();
    /// New data was collected (about 20 times a second while running).
    void progressed();
    void finished();

private:
    void poll();

    std::unique_ptr<Run> m_run;
    std::shared_ptr<TraceStore> m_trace;
    const Scenario* m_scenario = nullptr;
    State m_state = State::Idle;
    QTimer m_timer;
    std::string m_workerExecutable;
    std::uint64_t m_lastEvents = 0;
    std::chrono::steady_clock::time_point m_lastPoll;
    double m_rate = 0;
    std::uint64_t m_finalElapsed = 0;
    std::mutex m_outputMutex;
    std::vector<Collector::PrintedLine> m_output;
};

} // namespace interleave
