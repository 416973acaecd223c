#include "gilprobe.h"

#include "gillayout.h"
#include "tracerprocess.h"

#include <array>
#include <atomic>
#include <cerrno>
#include <cstdint>
#include <dlfcn.h>
#include <pthread.h>

// glibc's own entry points (exported for compatibility only, hence the explicit versions):
// calling them never comes back through the interposers below, and needs no dlsym, which
// matters for the mutexes other libraries lock before this library's constructor has run.
extern "C" {
int il_libc_mutex_lock(pthread_mutex_t* mutex);
int il_libc_mutex_unlock(pthread_mutex_t* mutex);
}
__asm__(".symver il_libc_mutex_lock,__pthread_mutex_lock@GLIBC_2.2.5");
__asm__(".symver il_libc_mutex_unlock,__pthread_mutex_unlock@GLIBC_2.2.5");

namespace interleave::pytrace {

namespace {

using CondTimedWait = int (*)(pthread_cond_t*, pthread_mutex_t*, const struct timespec*);
using CondWait = int (*)(pthread_cond_t*, pthread_mutex_t*);
using ThisThreadState = void* (*)();

/// The GIL's fields, read in place. The mutex is the GIL's: `locked`, `last_holder` and
/// `switch_number` only change under it, and every read below happens while holding it.
struct GilView {
    std::atomic<pthread_mutex_t*> mutex{nullptr};
    pthread_cond_t* cond = nullptr;
    volatile unsigned long* interval = nullptr;
    volatile std::uintptr_t* lastHolder = nullptr;
    volatile int* locked = nullptr;
    volatile unsigned long* switchNumber = nullptr;
};
GilView g_gil;
CondTimedWait g_realTimedWait = nullptr;
CondWait g_realWait = nullptr;
ThisThreadState g_thisThreadState = nullptr;

// Shared between threads, only touched while holding the GIL's mutex.
std::uint16_t g_holder = kNoWorker;       ///< Lane holding the GIL now.
std::uint16_t g_lastReleaser = kNoWorker; ///< Lane that released it last.
bool g_dropRequested = false;             ///< A waiter asked the holder to drop it.

/// A GIL event stamped under the GIL's mutex and pushed into the ring once the mutex is
/// unlocked (or before the thread waits for the GIL): the time orders it, and a hand-over
/// does not hold the mutex longer (a thread that finds it locked sleeps in the kernel).
struct PendingGilEvent {
    std::uint64_t tNs;
    EventKind kind;
    std::uint64_t a;
    std::uint8_t flags;
};

/// This thread's view of the GIL.
struct GilThread {
    bool holds = false;
    bool waiting = false;
    std::uint64_t wantedAt = 0; ///< When it last went for the GIL's mutex.
    std::array<PendingGilEvent, 4> pending{};
    std::uint32_t pendingCount = 0;
};
__attribute__((tls_model("initial-exec"))) thread_local GilThread t_gil;

void push(const PendingGilEvent& event)
{
    TracerProcess* tracer = TracerProcess::instance();
    if (tracer == nullptr)
        return;
    if (ThreadLane* lane = tracer->currentLane())
        lane->recorder.recordAt(event.tNs, event.kind, tracer->gilObject(), event.a, 0,
                                event.flags);
}

/// Pushes the events stamped under the mutex, oldest first.
void flushPending()
{
    for (std::uint32_t i = 0; i < t_gil.pendingCount; ++i)
        push(t_gil.pending[i]);
    t_gil.pendingCount = 0;
}

void record(std::uint64_t tNs, EventKind kind, std::uint64_t a = 0, std::uint8_t flags = 0)
{
    if (t_gil.pendingCount == t_gil.pending.size())
        flushPending(); // many timed-out waits in a row: keep the lane in order
    t_gil.pending[t_gil.pendingCount++] = PendingGilEvent{tNs, kind, a, flags};
}

std::uint16_t myLane()
{
    TracerProcess* tracer = TracerProcess::instance();
    ThreadLane* lane = tracer ? tracer->currentLane() : nullptr;
    return lane ? lane->recorder.worker() : kNoWorker;
}

/// Whether the GIL's last holder is this thread's PyThreadState (a thread leaving take_gil()
/// because the interpreter is finalising unlocks the mutex while another one holds the GIL).
bool lastHolderIsMe()
{
    if (g_thisThreadState == nullptr)
        return true;
    const void* me = g_thisThreadState();
    return me == nullptr || me == reinterpret_cast<const void*>(*g_gil.lastHolder);
}

/// About to unlock the GIL's mutex: take_gil() leaves it with `locked` set, drop_gil() with it
/// cleared. Stamping here, still under the mutex, orders a release before the acquire it allows.
void beforeGilUnlock()
{
    const int locked = *g_gil.locked;
    if (!t_gil.holds && locked == 1 && lastHolderIsMe()) {
        t_gil.holds = true;
        const bool waited = t_gil.waiting;
        t_gil.waiting = false;
        const std::uint16_t previous = g_lastReleaser;
        g_holder = myLane();
        g_dropRequested = false;
        record(Clock::now(), EventKind::GilAcquire, previous == kNoWorker ? 0 : previous + 1u,
               waited ? std::uint8_t(LockContended) : std::uint8_t(0));
    } else if (t_gil.holds && locked == 0) {
        t_gil.holds = false;
        const auto reason =
            g_dropRequested ? GilReleaseReason::DropRequest : GilReleaseReason::Blocking;
        g_lastReleaser = myLane();
        g_holder = kNoWorker;
        record(Clock::now(), EventKind::GilRelease, 0, std::uint8_t(reason));
    }
}

/// take_gil() found the GIL taken and waits on its condition variable.
void beforeGilWait()
{
    if (t_gil.waiting)
        return;
    t_gil.waiting = true;
    record(t_gil.wantedAt, EventKind::GilRequest, g_holder == kNoWorker ? 0 : g_holder + 1u);
}

/// A timed wait ran out while the same holder kept the GIL: CPython now sets the drop request.
void afterGilWait(int result, unsigned long switchBefore)
{
    if (result == ETIMEDOUT && *g_gil.locked == 1 && *g_gil.switchNumber == switchBefore &&
        g_holder != kNoWorker) {
        g_dropRequested = true;
        record(Clock::now(), EventKind::GilDropRequest, g_holder);
    }
}

bool isGilMutex(pthread_mutex_t* mutex)
{
    return mutex == g_gil.mutex.load(std::memory_order_relaxed);
}

} // namespace

bool installGilProbe()
{
    const il_gil_layout& layout = il_compiled_gil_layout;
    const auto* version = static_cast<const unsigned long*>(dlsym(RTLD_DEFAULT, "Py_Version"));
    auto* runtime = static_cast<char*>(dlsym(RTLD_DEFAULT, "_PyRuntime"));
    if (version == nullptr || runtime == nullptr || (*version >> 16) != (layout.versionHex >> 16))
        return false;
    g_realTimedWait =
        reinterpret_cast<CondTimedWait>(dlvsym(RTLD_NEXT, "pthread_cond_timedwait", "GLIBC_2.3.2"));
    g_realWait = reinterpret_cast<CondWait>(dlvsym(RTLD_NEXT, "pthread_cond_wait", "GLIBC_2.3.2"));
    if (g_realTimedWait == nullptr || g_realWait == nullptr)
        return false;
    g_thisThreadState =
        reinterpret_cast<ThisThreadState>(dlsym(RTLD_DEFAULT, "PyGILState_GetThisThreadState"));
    char* gil = runtime + layout.gilInRuntime;
    g_gil.cond = reinterpret_cast<pthread_cond_t*>(gil + layout.cond);
    g_gil.interval = reinterpret_cast<volatile unsigned long*>(gil + layout.interval);
    g_gil.lastHolder = reinterpret_cast<volatile std::uintptr_t*>(gil + layout.lastHolder);
    g_gil.locked = reinterpret_cast<volatile int*>(gil + layout.locked);
    g_gil.switchNumber = reinterpret_cast<volatile unsigned long*>(gil + layout.switchNumber);
    g_gil.mutex.store(reinterpret_cast<pthread_mutex_t*>(gil + layout.mutex),
                      std::memory_order_release);
    return true;
}

void disableGilProbe()
{
    g_gil.mutex.store(nullptr, std::memory_order_release);
}

bool gilProbeAfterFork(unsigned short lane)
{
    g_holder = t_gil.holds ? std::uint16_t(lane) : kNoWorker;
    g_lastReleaser = kNoWorker;
    g_dropRequested = false;
    t_gil.waiting = false;
    t_gil.pendingCount = 0; // the parent's, pushed there
    return t_gil.holds;
}

bool validateGilProbe(unsigned long intervalUs, const void* threadState)
{
    if (g_gil.mutex.load(std::memory_order_acquire) == nullptr)
        return false;
    const bool valid = *g_gil.interval == intervalUs && *g_gil.locked == 1 &&
                       reinterpret_cast<const void*>(*g_gil.lastHolder) == threadState &&
                       t_gil.holds;
    if (!valid)
        disableGilProbe();
    return valid;
}

} // namespace interleave::pytrace

using namespace interleave::pytrace;

extern "C" {

__attribute__((visibility("default"))) int pthread_mutex_lock(pthread_mutex_t* mutex)
{
    if (isGilMutex(mutex)) [[unlikely]] {
        const std::uint64_t wanted = interleave::Clock::now();
        const int result = il_libc_mutex_lock(mutex);
        t_gil.wantedAt = wanted;
        return result;
    }
    return il_libc_mutex_lock(mutex);
}

__attribute__((visibility("default"))) int pthread_mutex_unlock(pthread_mutex_t* mutex)
{
    if (isGilMutex(mutex)) [[unlikely]] {
        beforeGilUnlock();
        const int result = il_libc_mutex_unlock(mutex);
        flushPending();
        return result;
    }
    return il_libc_mutex_unlock(mutex);
}

__attribute__((visibility("default"))) int
pthread_cond_timedwait(pthread_cond_t* cond, pthread_mutex_t* mutex, const struct timespec* until)
{
    static const auto fallback =
        reinterpret_cast<CondTimedWait>(dlvsym(RTLD_NEXT, "pthread_cond_timedwait", "GLIBC_2.3.2"));
    const CondTimedWait real = g_realTimedWait ? g_realTimedWait : fallback;
    if (cond == g_gil.cond && isGilMutex(mutex)) [[unlikely]] {
        beforeGilWait();
        // A wait can be long (or the process's last act): what it waits for shows now.
        flushPending();
        const unsigned long switchBefore = *g_gil.switchNumber;
        const int result = real(cond, mutex, until);
        afterGilWait(result, switchBefore);
        return result;
    }
    return real(cond, mutex, until);
}

__attribute__((visibility("default"))) int pthread_cond_wait(pthread_cond_t* cond,
                                                             pthread_mutex_t* mutex)
{
    static const auto fallback =
        reinterpret_cast<CondWait>(dlvsym(RTLD_NEXT, "pthread_cond_wait", "GLIBC_2.3.2"));
    const CondWait real = g_realWait ? g_realWait : fallback;
    if (cond == g_gil.cond && isGilMutex(mutex)) [[unlikely]] {
        beforeGilWait();
        flushPending();
    }
    return real(cond, mutex);
}

} // extern "C"
