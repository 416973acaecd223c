#include "tracerprocess.h"

#include "base/futex.h"
#include "gillayout.h"
#include "gilprobe.h"

#include <algorithm>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <dlfcn.h>
#include <fcntl.h>
#include <pthread.h>
#include <string>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

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

bool parseNumber(const char* text, long& value)
{
    if (text == nullptr || *text == '\0')
        return false;
    char* end = nullptr;
    value = std::strtol(text, &end, 10);
    return end != nullptr && *end == '\0';
}

/// Children the program starts (subprocess, multiprocessing's spawn) must not attach to this
/// run as if they were this interpreter: the variables go, LD_PRELOAD gets its old value back.
void scrubEnvironment()
{
    unsetenv(kSegmentFdVariable);
    unsetenv(kSlotVariable);
    unsetenv(kParentPidVariable);
    if (const char* saved = std::getenv(kSavedPreloadVariable); saved && *saved)
        setenv("LD_PRELOAD", saved, 1);
    else
        unsetenv("LD_PRELOAD");
    unsetenv(kSavedPreloadVariable);
}

std::int32_t currentTid()
{
    return std::int32_t(syscall(SYS_gettid));
}

} // namespace

std::uint8_t startFlags()
{
    if (g_instance == nullptr)
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
    long fd = -1, slot = 0, parent = 0;
    const bool configured = parseNumber(std::getenv(kSegmentFdVariable), fd) &&
                            parseNumber(std::getenv(kSlotVariable), slot) &&
                            parseNumber(std::getenv(kParentPidVariable), parent);
    // A launcher in between (pyenv's python3 is a shell script) passes everything on to the
    // interpreter it executes: only an interpreter takes the run over.
    if (!configured || dlsym(RTLD_DEFAULT, "Py_Initialize") == nullptr)
        return;
    scrubEnvironment();
    // Die with the recording process; if it is gone already, run untraced.
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != pid_t(parent))
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
    const std::string unread = gilUnreadReason();
    g_instance->m_gilRead = unread.empty() && installGilProbe();
    g_instance->m_gilObject = g_instance->newObject(
        ObjectKind::Gil, "GIL of python (pid " + std::to_string(getpid()) + ")", 0);
    g_instance->beginThread(g_instance->m_mainSlot);
    if (!g_instance->gilFromInterpreter())
        g_instance->noteInferredGil(unread.empty() ? "GIL layout not recognised" : unread);
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
    WorkerSlot& s = m_segment->slot(slot);
    lane->recorder =
        Recorder(RingProducer(&s.ring, m_segment->ringBuffer(slot),
                              m_segment->header().ringCapacity, &m_segment->header().stop),
                 workerOfSlot(slot));
    lane->slot = slot;
    t_lane = lane;
    t_ender.armed = true;
}

std::uint32_t TracerProcess::reserveThreadLane(ThreadLane& parent, std::uint32_t nameString,
                                               bool daemon)
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
    slot.kind = SlotKind::Thread;
    slot.parentId = parent.recorder.worker();
    slot.gilMode = gilFromInterpreter() ? 1 : 0;
    slot.nameString = nameString;
    slot.roleString = m_segment->strings().intern(daemon ? "daemon thread" : "thread");
    slot.argument = 0;
    slot.spawnNs = Clock::now();
    slot.pid.store(getpid(), std::memory_order_relaxed);
    // Publishing it is what lets the collector go on to later slots: never skip this.
    slot.state.store(std::uint32_t(SlotState::Spawned), std::memory_order_release);
    parent.recorder.recordAt(slot.spawnNs, EventKind::WorkerSpawn, 0, slot.workerId);
    return index;
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
    const std::uint16_t gil = gilFromInterpreter() ? 0 : m_gilObject;
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
