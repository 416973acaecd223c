#include "pytraceapi.h"

#include "gilprobe.h"
#include "shm/processexit.h"
#include "tracerprocess.h"

using namespace interleave;
using namespace interleave::pytrace;

namespace {
ThreadLane* lane()
{
    TracerProcess* tracer = TracerProcess::instance();
    return tracer ? tracer->currentLane() : nullptr;
}
} // namespace

extern "C" {

int il_tracing(void)
{
    return TracerProcess::instance() != nullptr;
}

int il_gil_from_interpreter(void)
{
    TracerProcess* tracer = TracerProcess::instance();
    return tracer != nullptr && tracer->gilFromInterpreter();
}

int il_gil_validate(unsigned long intervalUs, const void* threadState)
{
    TracerProcess* tracer = TracerProcess::instance();
    if (tracer == nullptr || !tracer->gilFromInterpreter())
        return 0;
    if (!validateGilProbe(intervalUs, threadState))
        tracer->abandonGil();
    return il_gil_from_interpreter();
}

uint16_t il_worker(void)
{
    ThreadLane* current = lane();
    return current ? current->recorder.worker() : kNoWorker;
}

uint64_t il_now(void)
{
    return Clock::now();
}

void il_record(uint8_t kind, uint16_t object, uint64_t a, uint64_t b, uint8_t flags)
{
    if (ThreadLane* current = lane())
        current->recorder.record(EventKind(kind), object, a, b, flags);
}

void il_record_at(uint64_t tNs, uint8_t kind, uint16_t object, uint64_t a, uint64_t b,
                  uint8_t flags)
{
    if (ThreadLane* current = lane())
        current->recorder.recordAt(tNs, EventKind(kind), object, a, b, flags);
}

uint32_t il_intern(const char* text, size_t length)
{
    TracerProcess* tracer = TracerProcess::instance();
    if (tracer == nullptr)
        return 0;
    return tracer->segment().strings().intern(std::string_view(text, length));
}

uint16_t il_new_object(uint32_t kind, const char* name, size_t length, uint32_t capacity)
{
    TracerProcess* tracer = TracerProcess::instance();
    if (tracer == nullptr || lane() == nullptr)
        return kNoWorker;
    return tracer->newObject(ObjectKind(kind), std::string_view(name, length), capacity);
}

void il_expect_thread(const char* name, size_t length, int daemon)
{
    ThreadLane* current = lane();
    if (current == nullptr)
        return;
    current->expectingThread = true;
    current->expectedDaemon = daemon != 0;
    current->expectedName = il_intern(name, length);
}

uint16_t il_last_started(void)
{
    ThreadLane* current = lane();
    return current ? current->lastStarted : kNoWorker;
}

void il_name_process(const char* name, size_t length)
{
    if (TracerProcess* tracer = TracerProcess::instance())
        tracer->nameProcess(std::string_view(name, length));
}

uint16_t il_lane_of_process(int32_t pid)
{
    TracerProcess* tracer = TracerProcess::instance();
    const std::uint32_t slot = tracer ? processSlotOf(tracer->segment(), pid) : 0;
    return slot != 0 ? workerOfSlot(slot) : kNoWorker;
}

namespace {
MutexState* sharedState(uint16_t object)
{
    TracerProcess* tracer = TracerProcess::instance();
    if (tracer == nullptr || object >= tracer->segment().objectCount())
        return nullptr;
    return reinterpret_cast<MutexState*>(tracer->segment().object(object).storage);
}
} // namespace

void il_note_releaser(uint16_t object)
{
    if (MutexState* state = sharedState(object))
        state->lastHolder.store(std::uint32_t(il_worker()) + 1, std::memory_order_release);
}

uint16_t il_releaser(uint16_t object)
{
    const MutexState* state = sharedState(object);
    const std::uint32_t last = state ? state->lastHolder.load(std::memory_order_acquire) : 0;
    return last == 0 ? kNoWorker : std::uint16_t(last - 1);
}

int64_t il_exchange(void* address, uint32_t size, int64_t value)
{
    switch (size) {
    case 1:
        return __atomic_exchange_n(static_cast<std::int8_t*>(address), std::int8_t(value),
                                   __ATOMIC_RELAXED);
    case 2:
        return __atomic_exchange_n(static_cast<std::int16_t*>(address), std::int16_t(value),
                                   __ATOMIC_RELAXED);
    case 4:
        return __atomic_exchange_n(static_cast<std::int32_t*>(address), std::int32_t(value),
                                   __ATOMIC_RELAXED);
    default:
        return __atomic_exchange_n(static_cast<std::int64_t*>(address), value, __ATOMIC_RELAXED);
    }
}

namespace {
/// The four shared counters of an object, past the lock state in its storage; null when the
/// object is not there.
std::atomic<std::uint32_t>* sharedCounters(uint16_t object)
{
    constexpr std::size_t kCounters = 128;
    static_assert(sizeof(MutexState) <= kCounters &&
                  kCounters + 4 * sizeof(std::uint32_t) <= sizeof(ObjectSlot::storage));
    TracerProcess* tracer = TracerProcess::instance();
    if (tracer == nullptr || object >= tracer->segment().objectCount())
        return nullptr;
    return reinterpret_cast<std::atomic<std::uint32_t>*>(tracer->segment().object(object).storage +
                                                         kCounters);
}
} // namespace

uint32_t il_count(uint16_t object, uint32_t which)
{
    std::atomic<std::uint32_t>* counters = sharedCounters(object);
    if (counters == nullptr || which > 3)
        return 0;
    return counters[which].fetch_add(1, std::memory_order_relaxed);
}

namespace {
/// What went into a queue less what came out, as its put and get counters say.
std::uint32_t depthOf(const std::atomic<std::uint32_t>* counters)
{
    const std::uint32_t puts = counters[0].load(std::memory_order_relaxed);
    const std::uint32_t gets = counters[1].load(std::memory_order_relaxed);
    return puts > gets ? puts - gets : 0;
}
} // namespace

uint32_t il_queue_depth(uint16_t object)
{
    const std::atomic<std::uint32_t>* counters = sharedCounters(object);
    return counters ? depthOf(counters) : 0;
}

void il_queue_done(uint8_t kind, uint16_t object, uint64_t item)
{
    const bool put = kind == std::uint8_t(EventKind::QueuePut);
    std::uint32_t number = 0;
    std::uint32_t depth = 0;
    if (std::atomic<std::uint32_t>* counters = sharedCounters(object)) {
        number = counters[put ? 0 : 1].fetch_add(1, std::memory_order_relaxed);
        depth = depthOf(counters); // this operation included
    }
    il_record(kind, object, std::uint64_t(number) | (std::uint64_t(depth) << 32), item, 0);
}

uint32_t il_untraced_threads(void)
{
    TracerProcess* tracer = TracerProcess::instance();
    return tracer ? tracer->untracedThreads() : 0;
}

} // extern "C"
