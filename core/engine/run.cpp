#include "engine/run.h"

#include "base/futex.h"
#include "base/threadname.h"
#include "engine/machineinfo.h"
#include "engine/processsupervisor.h"
#include "engine/sampler.h"
#include "engine/workerbody.h"
#include "runtime/gil.h"
#include "runtime/programenvironment.h"
#include "runtime/workercontext.h"
#include "scenario/scenario.h"
#include "trace/moments.h"
#include "trace/tracestore.h"

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <sys/wait.h>
#include <unistd.h>

namespace interleave {

namespace {
constexpr std::int64_t kWaitSliceNs = 20'000'000;
/// How long the others get to end by themselves once a worker crashed.
constexpr std::chrono::milliseconds kCrashGrace{250};
/// How long a program has between the SIGINT of a stop and the SIGKILL: its finally blocks
/// run, and the whole stop stays well inside two seconds.
constexpr std::chrono::milliseconds kProgramGrace{1000};

std::string describeExit(int status)
{
    if (WIFSIGNALED(status)) {
        const int sig = WTERMSIG(status);
        const char* name = sigabbrev_np(sig);
        return "was killed by signal " + std::to_string(sig) + " (SIG" + (name ? name : "?") + ")";
    }
    return "exited with status " + std::to_string(WEXITSTATUS(status));
}

std::int64_t unixMillis()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}
} // namespace

std::string defaultWorkerExecutable()
{
    if (const char* fromEnvironment = std::getenv("INTERLEAVE_WORKER"))
        return fromEnvironment;
    std::error_code error;
    const auto self = std::filesystem::read_symlink("/proc/self/exe", error);
    if (error)
        return "interleave-worker";
    // Beside the binary in the build folder; in libexec when installed (bin/../libexec).
    const auto beside = self.parent_path() / "interleave-worker";
    const auto installed =
        self.parent_path() / ".." / "libexec" / "interleave" / "interleave-worker";
    if (!std::filesystem::exists(beside, error) && std::filesystem::exists(installed, error))
        return std::filesystem::weakly_canonical(installed, error).string();
    return beside.string();
}

Run::Run(RunConfig config)
    : m_config(std::move(config))
    , m_trace(std::make_shared<TraceStore>())
{
    if (m_config.scenario == nullptr)
        throw UsageError("no scenario given");
    m_workerExecutable =
        m_config.workerExecutable.empty() ? defaultWorkerExecutable() : m_config.workerExecutable;
    m_gilMode = m_config.scenario->usesGil(m_config.parameters);
    m_config.segment.switchIntervalUs = m_config.scenario->switchIntervalUs(m_config.parameters);
    m_config.scenario->adjustSegment(m_config.parameters, m_config.segment);
}

Run::~Run()
{
    if (m_started) {
        if (!finished())
            requestStop();
        wait();
    }
}

std::uint64_t Run::eventsCollected() const
{
    return m_collector ? m_collector->eventsCollected() : 0;
}

RingTotals Run::ringTotals() const
{
    RingTotals totals;
    if (!m_segment)
        return totals;
    for (std::uint32_t index = 0; index < m_segment->slotCount(); ++index) {
        const RingControl& ring = m_segment->slot(index).ring;
        totals.fullWaits += ring.fullWaits.load(std::memory_order_relaxed);
        totals.stallNs += ring.stallNs.load(std::memory_order_relaxed);
        totals.dropped += ring.dropped.load(std::memory_order_relaxed);
    }
    totals.stringsDropped = m_segment->header().stringsDropped.load(std::memory_order_relaxed);
    return totals;
}

void Run::start()
{
    if (m_started)
        return;
    m_segment.emplace(SharedSegment::create(m_config.segment));
    SharedSegment& segment = *m_segment;
    for (std::uint32_t engineSlot : {kSamplerSlot, kReaperSlot}) {
        const std::uint32_t index = segment.reserveSlot();
        WorkerSlot& slot = segment.slot(index);
        slot.workerId = kNoWorker;
        slot.kind = engineSlot == kSamplerSlot ? SlotKind::Sampler : SlotKind::Reaper;
        slot.parentId = kNoWorker;
        slot.state.store(std::uint32_t(SlotState::Running), std::memory_order_release);
    }

    const ScenarioInfo& info = m_config.scenario->info();
    RunInfo& run = m_trace->run;
    run.scenario = info.id;
    run.title = info.title;
    run.parameters = m_config.parameters.assignments();
    run.machine = currentMachine();
    run.gil = m_gilMode;
    run.switchIntervalUs = m_config.segment.switchIntervalUs;
    run.version = INTERLEAVE_VERSION;
    run.wallClockStartMs = unixMillis();
    run.startNs = Clock::now();

    if (m_gilMode)
        m_gil = std::make_unique<Gil>(registerGil(segment, "MainProcess"),
                                      std::chrono::microseconds(segment.header().switchIntervalUs));

    m_collector = std::make_unique<Collector>(segment, m_trace, m_config.onOutput);
    m_sampler = std::make_unique<Sampler>(segment, m_config.workerSampleInterval,
                                          m_config.coreSampleInterval);
    m_processes = std::make_unique<ProcessSupervisor>(
        segment, [this](std::uint32_t slot, int status, bool killed) {
            onProcessExit(slot, status, killed);
        });
    m_collector->start();
    m_sampler->start();
    m_processes->start();

    m_mainSlot =
        prepareSlot(nullptr, WorkerRequest{m_config.scenario->mainLaneName(), "main", 0, false},
                    SlotKind::Thread, run.startNs);
    {
        std::lock_guard lock(m_threadsMutex);
        m_threads.push_back(
            ThreadEntry{m_mainSlot, false, std::thread([this] { runThread(m_mainSlot); })});
    }
    m_started = true;
    m_supervisor = std::thread([this] { supervise(); });
}

std::uint32_t Run::prepareSlot(WorkerContext* parent, const WorkerRequest& request, SlotKind kind,
                               std::uint64_t spawnNs)
{
    SharedSegment& segment = *m_segment;
    const std::uint32_t index = segment.reserveSlot();
    WorkerSlot& slot = segment.slot(index);
    slot.workerId = workerOfSlot(index);
    slot.kind = kind;
    slot.parentId = parent ? parent->worker() : kNoWorker;
    slot.gilMode = m_gilMode ? 1 : 0;
    slot.nameString = segment.strings().intern(request.name);
    slot.roleString = segment.strings().intern(request.role);
    slot.argument = request.argument;
    // Written before the slot is published: the collector reads it once it sees Spawned.
    slot.spawnNs = spawnNs != 0 ? spawnNs : Clock::now();
    // Publishes the identity: the collector registers the lane once it sees Spawned.
    slot.state.store(std::uint32_t(SlotState::Spawned), std::memory_order_release);
    if (parent != nullptr)
        parent->recorder().recordAt(slot.spawnNs, EventKind::WorkerSpawn, 0, slot.workerId);
    return index;
}

WorkerHandle Run::startThread(WorkerContext& parent, const WorkerRequest& request)
{
    const std::uint32_t index = prepareSlot(&parent, request, SlotKind::Thread);
    std::lock_guard lock(m_threadsMutex);
    m_threads.push_back(
        ThreadEntry{index, request.daemon, std::thread([this, index] { runThread(index); })});
    return WorkerHandle{workerOfSlot(index), false};
}

WorkerHandle Run::startProcess(WorkerContext& parent, const WorkerRequest& request)
{
    const std::uint32_t index = prepareSlot(&parent, request, SlotKind::Process);
    SharedSegment& segment = *m_segment;
    SpawnRequest spawn;
    spawn.slot = index;
    spawn.argv = {
        m_workerExecutable,      "--segment-fd", std::to_string(segment.fd()), "--slot",
        std::to_string(index),   "--scenario",   m_config.scenario->info().id, "--parent-pid",
        std::to_string(getpid())};
    for (const auto& [name, value] : m_config.parameters.assignments()) {
        spawn.argv.push_back("--set");
        spawn.argv.push_back(name + "=" + value);
    }
    spawn.keepFds.push_back(segment.fd());
    for (std::uint32_t id = 0; id < segment.objectCount(); ++id) {
        const ObjectSlot& object = segment.object(id);
        if (object.kind == ObjectKind::Pipe && object.ready.load(std::memory_order_acquire)) {
            const auto* pipe = reinterpret_cast<const PipeState*>(object.storage);
            spawn.keepFds.push_back(pipe->readFd);
            spawn.keepFds.push_back(pipe->writeFd);
        }
    }
    return spawnLane(spawn);
}

WorkerHandle Run::spawnLane(const SpawnRequest& spawn)
{
    try {
        m_processes->spawn(spawn);
    } catch (...) {
        // The lane exists already: it ends as a process that never started.
        WorkerSlot& slot = m_segment->slot(spawn.slot);
        slot.state.store(std::uint32_t(SlotState::Crashed), std::memory_order_release);
        futexWakeAll(&slot.state);
        throw;
    }
    return WorkerHandle{workerOfSlot(spawn.slot), true};
}

WorkerHandle Run::startProgram(WorkerContext& parent, const WorkerRequest& request,
                               const ProgramLaunch& program)
{
    if (program.argv.empty())
        throw UsageError("no program to start");
    const std::uint32_t index = prepareSlot(&parent, request, SlotKind::Process);
    SharedSegment& segment = *m_segment;
    SpawnRequest spawn;
    spawn.slot = index;
    spawn.program = true;
    spawn.argv = program.argv;
    spawn.environment = program.environment;
    spawn.environment.push_back(std::string(kSegmentFdVariable) + "=" +
                                std::to_string(segment.fd()));
    spawn.environment.push_back(std::string(kSlotVariable) + "=" + std::to_string(index));
    spawn.environment.push_back(std::string(kParentPidVariable) + "=" + std::to_string(getpid()));
    spawn.workingDirectory = program.workingDirectory;
    spawn.stdinFromNull = program.stdinFromNull;
    spawn.outputToNull = program.outputToNull;
    spawn.keepFds.push_back(segment.fd());
    m_startedPrograms.store(true);
    return spawnLane(spawn);
}

void Run::runThread(std::uint32_t slot)
{
    WorkerContext context(
        WorkerContext::Setup{&*m_segment, slot, m_gil.get(), &m_config.parameters, this});
    const std::string role(m_segment->strings().lookup(m_segment->slot(slot).roleString));
    nameThisThread(context.name());
    std::string error;
    if (runWorkerBody(context, *m_config.scenario, role, error) == EndReason::Failed)
        fail("failed", "worker '" + context.name() + "' failed: " + error);
}

void Run::onProcessExit(std::uint32_t slot, int waitStatus, bool killedByUs)
{
    if (killedByUs)
        return;
    const WorkerSlot& s = m_segment->slot(slot);
    const std::string name(m_segment->strings().lookup(s.nameString));
    const std::string who = "worker process '" + name + "' (pid " +
                            std::to_string(s.pid.load(std::memory_order_relaxed)) + ")";
    if (WIFSIGNALED(waitStatus))
        fail("crashed", who + " " + describeExit(waitStatus));
    else if (SlotState(s.state.load(std::memory_order_acquire)) == SlotState::Crashed)
        fail("crashed", who + " " + describeExit(waitStatus) + " before it finished");
    else if (WEXITSTATUS(waitStatus) != 0)
        fail("failed", who + " " + describeExit(waitStatus));
}

void Run::fail(const std::string& outcome, const std::string& message)
{
    {
        std::lock_guard lock(m_outcomeMutex);
        if (m_outcome == "completed") {
            m_outcome = outcome;
            m_message = message;
        }
    }
    requestStop();
}

void Run::requestStop()
{
    if (!m_segment || m_stopRequested.exchange(true))
        return;
    {
        std::lock_guard lock(m_outcomeMutex);
        if (m_outcome == "completed") {
            m_outcome = "cancelled";
            m_message = "stopped before the scenario finished";
        }
    }
    m_segment->requestStop();
}

void Run::waitForThreads(bool daemons)
{
    for (;;) {
        bool allEnded = true;
        {
            std::lock_guard lock(m_threadsMutex);
            for (const ThreadEntry& entry : m_threads) {
                if (entry.daemon != daemons)
                    continue;
                const WorkerSlot& slot = m_segment->slot(entry.slot);
                if (slot.state.load(std::memory_order_acquire) < std::uint32_t(SlotState::Ended))
                    allEnded = false;
            }
        }
        if (allEnded)
            return;
        futexWait(&m_segment->header().stop, 0, kWaitSliceNs);
    }
}

void Run::supervise()
{
    nameThisThread("il-run");
    SharedSegment& segment = *m_segment;
    // 1. The main lane's code returns (or is stopped).
    WorkerSlot& main = segment.slot(m_mainSlot);
    while (main.state.load(std::memory_order_acquire) < std::uint32_t(SlotState::Ended))
        futexWait(&main.state, main.state.load(std::memory_order_acquire), kWaitSliceNs);

    // 2. Python's exit: wait for non-daemon threads, then daemon threads are cancelled.
    waitForThreads(false);
    {
        std::lock_guard lock(m_threadsMutex);
        for (ThreadEntry& entry : m_threads) {
            if (entry.daemon)
                segment.slot(entry.slot).cancel.store(1, std::memory_order_release);
        }
    }
    futexWakeAll(&segment.header().stop); // sleepers re-check their cancel word
    waitForThreads(true);
    {
        std::lock_guard lock(m_threadsMutex);
        for (ThreadEntry& entry : m_threads)
            entry.thread.join();
    }

    // 3. multiprocessing joins its children at exit; a stopping run kills the slow ones. After
    // a crash the others are not waited for long: the run ends within a second of it, and
    // everything they recorded until then is kept.
    while (!m_processes->waitAllExited(std::chrono::milliseconds(100))) {
        if (m_stopRequested.load()) {
            const bool crashed = [this] {
                std::lock_guard lock(m_outcomeMutex);
                return m_outcome == "crashed" || m_outcome == "failed";
            }();
            auto grace = crashed ? std::min(m_config.stopGrace, kCrashGrace) : m_config.stopGrace;
            if (m_startedPrograms.load()) {
                m_processes->interruptPrograms();
                grace = std::min(grace, kProgramGrace);
            }
            if (!m_processes->waitAllExited(grace))
                m_processes->killAll();
        }
    }
    finish();
}

void Run::finish()
{
    {
        // The window reads the trace's run info while it is recording.
        std::unique_lock lock(m_trace->mutex());
        m_trace->run.endNs = Clock::now();
    }
    m_processes->stop();
    m_sampler->stop();
    m_collector->stopAndDrain();
    {
        std::unique_lock lock(m_trace->mutex());
        {
            std::lock_guard outcomeLock(m_outcomeMutex);
            m_trace->run.outcome = m_outcome;
            m_trace->run.message = m_message;
        }
        m_trace->finalize();
        try {
            m_config.scenario->evaluate(*m_trace, m_config.parameters, m_trace->results);
        } catch (const std::exception& e) {
            m_trace->results.verdict = std::string("could not evaluate the run: ") + e.what();
        }
        m_trace->moments = findMoments(*m_trace);
        // A run had a GIL when it recorded one: emulated, or a traced interpreter's own.
        for (const ObjectInfo& object : m_trace->objects())
            m_trace->run.gil = m_trace->run.gil || object.kind == ObjectKind::Gil;
        if (m_trace->run.outcome != "completed" && !m_config.scenario->explainsFailedRuns()) {
            m_trace->results.lessonShown = false;
            m_trace->results.verdict = "run " + m_trace->run.outcome + ": " + m_trace->run.message;
        }
    }
    // Close the pipe ends this process created, then release the segment.
    for (std::uint32_t id = 0; id < m_segment->objectCount(); ++id) {
        const ObjectSlot& object = m_segment->object(id);
        if (object.kind == ObjectKind::Pipe && object.ready.load(std::memory_order_acquire)) {
            const auto* pipe = reinterpret_cast<const PipeState*>(object.storage);
            close(pipe->readFd);
            close(pipe->writeFd);
        }
    }
    {
        std::lock_guard lock(m_finishMutex);
        m_finished.store(true, std::memory_order_release);
    }
    m_finishedChanged.notify_all();
}

void Run::wait()
{
    if (m_supervisor.joinable() && m_supervisor.get_id() != std::this_thread::get_id())
        m_supervisor.join();
}

bool Run::waitFor(std::chrono::milliseconds timeout)
{
    std::unique_lock lock(m_finishMutex);
    if (!m_finishedChanged.wait_for(lock, timeout, [this] { return finished(); }))
        return false;
    lock.unlock();
    wait();
    return true;
}

} // namespace interleave
