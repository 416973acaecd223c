#pragma once

#include "engine/collector.h"
#include "runtime/workerlauncher.h"
#include "scenario/parameters.h"
#include "shm/sharedsegment.h"
#include "trace/tracemodel.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace interleave {

class Gil;
class ProcessSupervisor;
struct SpawnRequest;
class Sampler;
class Scenario;
class TraceStore;

struct RunConfig {
    const Scenario* scenario = nullptr;
    ParameterValues parameters;
    /// interleave-worker; empty: next to the running executable (or $INTERLEAVE_WORKER).
    std::string workerExecutable;
    SegmentConfig segment;
    std::chrono::microseconds workerSampleInterval{4000};
    std::chrono::milliseconds coreSampleInterval{50};
    /// How long a stopping run lets worker processes unwind before it SIGKILLs them.
    std::chrono::milliseconds stopGrace{2000};
    /// Receives every printed line as it is collected (terminal echo); may be empty.
    Collector::OutputHandler onOutput;
};

/// One execution of a scenario: owns the shared segment, the collector, sampler and process
/// supervisor threads, the main lane and every worker thread and process. start() returns at
/// once; the run ends by itself when the main lane and every worker are done (Python's exit
/// semantics: non-daemon threads and child processes are waited for, daemons are cancelled), or
/// when stopped, or when a worker process crashes. Destroying a Run stops it and reclaims
/// everything: no thread outlives it, no child process survives it, no shared memory remains.
class Run : public WorkerLauncher {
public:
    explicit Run(RunConfig config);
    ~Run() override;
    Run(const Run&) = delete;
    Run& operator=(const Run&) = delete;

    void start();
    /// Asks every worker to stop; processes that do not unwind in time are killed.
    void requestStop();
    /// Blocks until the run has ended and its trace is final.
    void wait();
    bool waitFor(std::chrono::milliseconds timeout);
    bool finished() const { return m_finished.load(std::memory_order_acquire); }

    /// The live trace; final (with results) once finished().
    std::shared_ptr<TraceStore> trace() const { return m_trace; }
    std::uint64_t eventsCollected() const;
    /// Ring health so far (full-ring waits, drops), read live from the shared segment.
    RingTotals ringTotals() const;

    WorkerHandle startThread(WorkerContext& parent, const WorkerRequest& request) override;
    WorkerHandle startProcess(WorkerContext& parent, const WorkerRequest& request) override;
    WorkerHandle startProgram(WorkerContext& parent, const WorkerRequest& request,
                              const ProgramLaunch& program) override;

private:
    /// Reserves and publishes a worker's slot; `spawnNs` 0 means now.
    std::uint32_t prepareSlot(WorkerContext* parent, const WorkerRequest& request, SlotKind kind,
                              std::uint64_t spawnNs = 0);
    /// Starts the process of a prepared lane; a failure to start ends the lane as crashed.
    WorkerHandle spawnLane(const SpawnRequest& spawn);
    void runThread(std::uint32_t slot);
    void supervise();
    void waitForThreads(bool daemons);
    void onProcessExit(std::uint32_t slot, int waitStatus, bool killedByUs);
    /// Records the first reason the run did not complete, and stops it.
    void fail(const std::string& outcome, const std::string& message);
    void finish();

    RunConfig m_config;
    std::string m_workerExecutable;
    std::shared_ptr<TraceStore> m_trace;
    std::optional<SharedSegment> m_segment;
    std::unique_ptr<Gil> m_gil;
    std::unique_ptr<Collector> m_collector;
    std::unique_ptr<Sampler> m_sampler;
    std::unique_ptr<ProcessSupervisor> m_processes;
    bool m_gilMode = true;
    std::atomic<bool> m_startedPrograms{false};
    std::uint32_t m_mainSlot = 0;

    struct ThreadEntry {
        std::uint32_t slot;
        bool daemon;
        std::thread thread;
    };
    std::mutex m_threadsMutex;
    std::vector<ThreadEntry> m_threads;
    std::thread m_supervisor;

    std::mutex m_outcomeMutex;
    std::string m_outcome = "completed";
    std::string m_message;
    std::atomic<bool> m_stopRequested{false};

    std::mutex m_finishMutex;
    std::condition_variable m_finishedChanged;
    std::atomic<bool> m_finished{false};
    bool m_started = false;
};

/// interleave-worker next to the running executable (or in ../libexec/interleave when
/// installed), unless $INTERLEAVE_WORKER names one.
std::string defaultWorkerExecutable();

} // namespace interleave
