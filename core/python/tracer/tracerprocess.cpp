#include "tracerprocess.h"

#include "base/futex.h"
#include "gillayout.h"
#include "gilprobe.h"
#include "shm/processexit.h"

#include <algorithm>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <dlfcn.h>
#include <fcntl.h>
#include <fstream>
#include <pthread.h>
#include <string>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <vector>

namespace interleave::pytrace {

namespace {

TracerProcess* g_instance = nullptr;

/// The lane of the calling thread. Initial-exec: the library is loaded at start-up, so its TLS
/// is static and reading it costs one instruction on every traced call.
__attribute__((tls_model("initial-exec"))) thread_local ThreadLane* t_lane = nullptr;

/// Ends the lane when its thread exits, by returning or by pthread_exit (a daemon thread that
/// finds the interpreter finalising leaves that way).
struct LaneEnder {
    bool armed = false;
    ~LaneEnder()
    {
        if (armed && g_instance != nullptr)
            g_instance->endCurrentThread();
    }
};
thread_local LaneEnder t_ender;

/// Set around a fork() the tracer makes itself, so that its own atfork handler leaves the
/// child's lane alone.
thread_local bool t_forkingTraced = false;

bool parseNumber(const char* text, long& value)
{
    if (text == nullptr || *text == '\0')
        return false;
    char* end = nullptr;
    value = std::strtol(text, &end, 10);
    return end != nullptr && *end == '\0';
}

/// The program's children find the run through the same variables, less the root's slot: each
/// reopens the segment through the recording process and takes a process lane of its own.
void keepEnvironmentForDescendants()
{
    unsetenv(kSlotVariable);
}

/// What a process lane without a name of its own is called: its program and script, or the
/// part of multiprocessing it runs (renamed to Process-1 and so on once that is known).
std::string commandName()
{
    std::ifstream in("/proc/self/cmdline", std::ios::binary);
    std::vector<std::string> argv;
    std::string argument;
    while (std::getline(in, argument, '\0') && argv.size() < 8)
        argv.push_back(argument);
    if (argv.empty())
        return "process";
    const auto base = [](const std::string& path) {
        return path.substr(
            path.find_last_of('/') == std::string::npos ? 0 : path.find_last_of('/') + 1);
    };
    std::string name = base(argv[0]);
    for (std::size_t i = 1; i < argv.size(); ++i) {
        if (argv[i] == "-c" && i + 1 < argv.size()) {
            const std::string& code = argv[i + 1];
            if (code.find("forkserver") != std::string::npos)
                return "forkserver";
            if (code.find("resource_tracker") != std::string::npos)
                return "resource tracker";
            if (code.find("spawn_main") != std::string::npos)
                return "spawned process";
            return name + " -c";
        }
        if (!argv[i].empty() && argv[i][0] != '-')
            return name + " " + base(argv[i]);
    }
    return name;
}

std::int32_t currentTid()
{
    return std::int32_t(syscall(SYS_gettid));
}

} // namespace

std::uint8_t startFlags()
{
    if (g_instance == nullptr || !g_instance->runsPython())
        return 0;
    if (!g_instance->gilFromInterpreter())
        return std::uint8_t(StartGilInferred);
    return std::uint8_t(StartNeedsGil | StartGilFromInterpreter);
}

TracerProcess* TracerProcess::instance()
{
    return g_instance;
}

void TracerProcess::initialise()
{
    long fd = -1, slot = 0, recorder = 0;
    if (!parseNumber(std::getenv(kSegmentFdVariable), fd) ||
        !parseNumber(std::getenv(kParentPidVariable), recorder))
        return;
    const bool python = dlsym(RTLD_DEFAULT, "Py_Initialize") != nullptr;
    if (!parseNumber(std::getenv(kSlotVariable), slot)) {
        if (attachDescendant(recorder, fd))
            g_instance->startMainLane(python, g_instance->m_tracedBy == TracedBy::Fork);
        return;
    }
    // A launcher in between (pyenv's python3 is a shell script) passes everything on to the
    // interpreter it executes: only an interpreter takes the run over.
    if (!python)
        return;
    keepEnvironmentForDescendants();
    // Die with the recording process; if it is gone already, run untraced.
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != pid_t(recorder))
        return;
    try {
        SharedSegment segment = SharedSegment::attach(int(fd));
        fcntl(int(fd), F_SETFD, FD_CLOEXEC);
        if (slot < long(kFirstWorkerSlot) || std::uint32_t(slot) >= segment.header().slotCapacity)
            return;
        g_instance = new TracerProcess(std::move(segment), std::uint32_t(slot));
    } catch (const std::exception&) {
        g_instance = nullptr;
        return;
    }
    g_instance->startMainLane(true, false);
}

bool TracerProcess::attachDescendant(long recorderPid, long fd)
{
    // The recording process still runs (else this one runs untraced), and holds the segment.
    if (recorderPid <= 1 || kill(pid_t(recorderPid), 0) != 0)
        return false;
    const std::string path = "/proc/" + std::to_string(recorderPid) + "/fd/" + std::to_string(fd);
    const int own = open(path.c_str(), O_RDWR | O_CLOEXEC);
    if (own < 0)
        return false;
    try {
        SharedSegment segment = SharedSegment::attach(own);
        const pid_t pid = getpid();
        // Forked by a traced interpreter, then exec'd (subprocess): that lane is this process.
        std::uint32_t slot = liveProcessSlotOf(segment, pid);
        const bool tookOver = slot != 0;
        if (!tookOver) {
            slot = segment.reserveSlot();
            WorkerSlot& s = segment.slot(slot);
            s.workerId = workerOfSlot(slot);
            s.kind = SlotKind::Process;
            const std::uint32_t parentSlot = liveProcessSlotOf(segment, getppid());
            s.parentId = parentSlot != 0 ? workerOfSlot(parentSlot) : kNoWorker;
            s.gilMode = 0;
            s.nameString = segment.strings().intern(commandName());
            s.roleString = segment.strings().intern(kChildProcessRole);
            s.argument = 0;
            s.spawnNs = Clock::now();
            s.pid.store(pid, std::memory_order_relaxed);
            s.state.store(std::uint32_t(SlotState::Spawned), std::memory_order_release);
        }
        g_instance = new TracerProcess(std::move(segment), slot);
        g_instance->m_tracedBy = tookOver ? TracedBy::Fork : TracedBy::Descendant;
    } catch (const std::exception&) {
        g_instance = nullptr;
        return false;
    }
    return true;
}

void TracerProcess::startMainLane(bool python, bool tookOver)
{
    m_python = python;
    std::string unread;
    if (python) {
        unread = gilUnreadReason();
        m_gilRead = unread.empty() && installGilProbe();
        m_gilObject =
            newObject(ObjectKind::Gil, "GIL of python (pid " + std::to_string(getpid()) + ")", 0);
    }
    if (tookOver) {
        // The forked lane goes on in the program exec'd: a fresh start says how it runs now
        // (another interpreter, or no Python at all), keeping when it began.
        bindLane(m_mainSlot);
        WorkerSlot& s = m_segment->slot(m_mainSlot);
        s.tid.store(currentTid(), std::memory_order_relaxed);
        if (!python)
            s.nameString = m_segment->strings().intern(commandName());
        t_lane->recorder.record(EventKind::WorkerStart, gilFromInterpreter() ? 0 : m_gilObject, 0,
                                (std::uint64_t(std::uint32_t(getpid())) << 32) |
                                    std::uint32_t(currentTid()),
                                python ? startFlags() : 0);
        if (!python)
            nameProcess(commandName());
    } else {
        beginThread(m_mainSlot);
    }
    if (python && !gilFromInterpreter())
        noteInferredGil(unread.empty() ? "GIL layout not recognised" : unread);
    pthread_atfork(nullptr, nullptr, &TracerProcess::disableAfterFork);
}

std::string TracerProcess::gilUnreadReason()
{
    if (const char* infer = std::getenv(kInferGilVariable); infer && std::strcmp(infer, "1") == 0)
        return "asked for with " + std::string(kInferGilVariable) + "=1";
    const auto* version = static_cast<const unsigned long*>(dlsym(RTLD_DEFAULT, "Py_Version"));
    const std::uint32_t built = il_compiled_gil_layout.versionHex;
    if (version != nullptr && (*version >> 16) == (built >> 16))
        return {};
    const auto minor = [](unsigned long hex) {
        return std::to_string((hex >> 24) & 0xFF) + "." + std::to_string((hex >> 16) & 0xFF);
    };
    using GetVersion = const char* (*)();
    const auto getVersion = reinterpret_cast<GetVersion>(dlsym(RTLD_DEFAULT, "Py_GetVersion"));
    std::string text = getVersion ? getVersion() : "";
    text = text.substr(0, std::min(text.find(' '), std::size_t(16)));
    if (text.empty() || text.find_first_not_of("0123456789.abrc+") != std::string::npos)
        text = version ? minor(*version) : "of another version";
    return "Python " + text + " is not the " + minor(built) + " the tracer was built for";
}

void TracerProcess::noteInferredGil(const std::string& reason)
{
    // Said on the timeline, in the verdict and the legend: never silently wrong.
    StringArena& strings = m_segment->strings();
    if (t_lane != nullptr)
        t_lane->recorder.record(EventKind::Instant, 0, strings.intern("gil inferred"),
                                strings.intern("{\"reason\": \"" + reason + "\"}"));
}

void TracerProcess::disableAfterFork()
{
    // Forked through the tracer's own fork(): the child has a lane of its own already.
    if (t_forkingTraced)
        return;
    // The child shares the parent's rings: one more producer would corrupt them.
    disableGilProbe();
    t_lane = nullptr;
    t_ender.armed = false;
    g_instance = nullptr;
}

TracerProcess::TracerProcess(SharedSegment segment, std::uint32_t mainSlot)
    : m_segment(std::move(segment))
    , m_mainSlot(mainSlot)
{
}

ThreadLane* TracerProcess::currentLane()
{
    return t_lane;
}

void TracerProcess::bindLane(std::uint32_t slot)
{
    auto* lane = new ThreadLane;
    lane->recorder = Recorder(m_segment->producer(slot), workerOfSlot(slot));
    lane->slot = slot;
    t_lane = lane;
    t_ender.armed = true;
}

std::uint32_t TracerProcess::publishLane(ThreadLane& parent, SlotKind kind, std::uint32_t gilMode,
                                         std::uint32_t nameString, std::string_view role)
{
    std::uint32_t index = 0;
    try {
        index = m_segment->reserveSlot();
    } catch (const std::exception&) {
        m_untraced.fetch_add(1, std::memory_order_relaxed);
        return 0;
    }
    WorkerSlot& slot = m_segment->slot(index);
    slot.workerId = workerOfSlot(index);
    slot.kind = kind;
    slot.parentId = parent.recorder.worker();
    slot.gilMode = gilMode;
    slot.nameString = nameString;
    slot.roleString = m_segment->strings().intern(role);
    slot.argument = 0;
    slot.spawnNs = Clock::now();
    if (kind == SlotKind::Thread)
        slot.pid.store(getpid(), std::memory_order_relaxed);
    // Publishing it is what lets the collector go on to later slots: never skip this.
    slot.state.store(std::uint32_t(SlotState::Spawned), std::memory_order_release);
    parent.recorder.recordAt(slot.spawnNs, EventKind::WorkerSpawn, 0, slot.workerId);
    return index;
}

std::uint32_t TracerProcess::reserveThreadLane(ThreadLane& parent, std::uint32_t nameString,
                                               bool daemon)
{
    return publishLane(parent, SlotKind::Thread, gilFromInterpreter() ? 1 : 0, nameString,
                       daemon ? "daemon thread" : "thread");
}

void TracerProcess::beginThread(std::uint32_t slot)
{
    bindLane(slot);
    WorkerSlot& s = m_segment->slot(slot);
    const auto pid = std::int32_t(getpid());
    const std::int32_t tid = currentTid();
    s.pid.store(pid, std::memory_order_relaxed);
    s.tid.store(tid, std::memory_order_relaxed);
    // An inferred GIL's waits are drawn as waits for this object.
    const std::uint16_t gil = gilFromInterpreter() || !m_python ? 0 : m_gilObject;
    t_lane->recorder.record(EventKind::WorkerStart, gil, s.spawnNs,
                            (std::uint64_t(std::uint32_t(pid)) << 32) | std::uint32_t(tid),
                            startFlags());
    s.state.store(std::uint32_t(SlotState::Running), std::memory_order_release);
    futexWakeAll(&s.state);
}

void TracerProcess::endCurrentThread()
{
    ThreadLane* lane = t_lane;
    if (lane == nullptr)
        return;
    t_lane = nullptr;
    t_ender.armed = false;
    lane->recorder.record(EventKind::WorkerEnd, 0, 0, 0, std::uint8_t(EndReason::Returned));
    WorkerSlot& s = m_segment->slot(lane->slot);
    s.state.store(std::uint32_t(SlotState::Ended), std::memory_order_release);
    futexWakeAll(&s.state);
    delete lane;
}

std::uint16_t TracerProcess::newObject(ObjectKind kind, std::string_view name,
                                       std::uint32_t capacity)
{
    std::uint32_t id = 0;
    try {
        id = m_segment->reserveObject();
    } catch (const std::exception&) {
        return kNoWorker;
    }
    ObjectSlot& object = m_segment->object(id);
    object.kind = kind;
    object.nameString = m_segment->strings().intern(name);
    object.processShared = 0;
    object.ownerPid = std::int32_t(getpid());
    object.capacity = capacity;
    object.ready.store(1, std::memory_order_release);
    return std::uint16_t(id);
}

std::uint32_t TracerProcess::reserveChildLane()
{
    ThreadLane* parent = t_lane;
    if (parent == nullptr)
        return 0;
    // Named after its parent until the program names it (multiprocessing does, at start).
    const std::string_view parentName =
        m_segment->strings().lookup(m_segment->slot(m_mainSlot).nameString);
    const std::uint32_t index = publishLane(
        *parent, SlotKind::Process, 0,
        m_segment->strings().intern("fork of " + std::string(parentName)), kChildProcessRole);
    t_forkingTraced = index != 0;
    return index;
}

void TracerProcess::becomeForkedChild(std::uint32_t slot)
{
    t_forkingTraced = false;
    // Only this thread exists in the child; the lanes of the parent's threads are not ours.
    t_lane = nullptr;
    t_ender.armed = false;
    m_mainSlot = slot;
    m_tracedBy = TracedBy::Fork;
    m_untraced.store(0, std::memory_order_relaxed);
    if (m_python)
        m_gilObject =
            newObject(ObjectKind::Gil, "GIL of python (pid " + std::to_string(getpid()) + ")", 0);
    beginThread(slot);
    // os.fork() keeps the GIL across the fork: the child's only thread starts holding it.
    if (gilFromInterpreter() && gilProbeAfterFork(t_lane->recorder.worker()))
        t_lane->recorder.record(EventKind::GilAcquire, m_gilObject, 0, 0, 0);
}

void TracerProcess::forkReturned(std::uint32_t slot, pid_t pid)
{
    t_forkingTraced = false;
    WorkerSlot& s = m_segment->slot(slot);
    if (pid > 0) {
        s.pid.store(pid, std::memory_order_relaxed);
        return;
    }
    if (t_lane != nullptr)
        t_lane->recorder.recordFor(workerOfSlot(slot), Clock::now(), EventKind::WorkerEnd, 0, 0, 0,
                                   std::uint8_t(EndReason::Failed));
    s.state.store(std::uint32_t(SlotState::Crashed), std::memory_order_release);
}

void TracerProcess::nameProcess(std::string_view name)
{
    if (t_lane == nullptr || name.empty())
        return;
    StringArena& strings = m_segment->strings();
    const std::uint32_t id = strings.intern(name);
    // The slot's name too: the children it forks are named after it.
    if (t_lane->slot == m_mainSlot)
        m_segment->slot(m_mainSlot).nameString = id;
    t_lane->recorder.record(EventKind::Instant, 0, strings.intern(kLaneNameInstant), id);
}

void TracerProcess::abandonGil()
{
    disableGilProbe();
    if (t_lane != nullptr)
        t_lane->recorder.record(EventKind::GilRelease, m_gilObject, 0, 0,
                                std::uint8_t(GilReleaseReason::Unread));
    m_gilRead = false;
    noteInferredGil("GIL layout not recognised");
}

} // namespace interleave::pytrace

namespace {
__attribute__((constructor)) void loadTracer()
{
    interleave::pytrace::TracerProcess::initialise();
}

/// A clean interpreter exit ends the main thread's lane here; os._exit and crashes leave it to
/// the recording process, which sees the exit.
__attribute__((destructor)) void unloadTracer()
{
    if (auto* tracer = interleave::pytrace::TracerProcess::instance())
        tracer->endCurrentThread();
}
} // namespace
