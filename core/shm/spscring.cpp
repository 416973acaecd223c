#include "shm/spscring.h"

#include "base/clock.h"
#include "base/futex.h"

#include <algorithm>
#include <cstring>
#include <sched.h>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define INTERLEAVE_CPU_RELAX() _mm_pause()
#else
#define INTERLEAVE_CPU_RELAX() ((void)0)
#endif

namespace interleave {

namespace {
constexpr int kSpins = 256;
constexpr int kYields = 16;
/// How long a producer spins on a full ring while the collector is awake on another CPU: it
/// frees room within one batch's ingest (~20 µs). Past that the collector is likely not
/// running (another program has its CPU); sleeping then lets the scheduler move the collector
/// onto this CPU, where it gives way to the producer after each batch (RingConsumer::drain).
constexpr std::uint64_t kSpinBudgetNs = 30'000;
constexpr std::int64_t kFutexSliceNs = 2'000'000;
/// Once the run is stopping and nobody drains any more, a producer gives up after this long.
constexpr std::uint64_t kTeardownPatienceNs = 1'000'000'000;
} // namespace

RingProducer::RingProducer(RingControl* control, Event* buffer, std::uint32_t capacity,
                           const std::atomic<std::uint32_t>* stop, CollectorWake* wake)
    : m_control(control)
    , m_buffer(buffer)
    , m_stop(stop)
    , m_wake(wake)
    , m_capacity(capacity)
    , m_mask(capacity - 1)
    , m_head(control->head.load(std::memory_order_relaxed))
    , m_cachedTail(control->tail.load(std::memory_order_acquire))
{
    m_checkAt = m_cachedTail + (m_wake != nullptr ? m_capacity / 2 : m_capacity);
}

bool RingProducer::makeRoom()
{
    m_cachedTail = m_control->tail.load(std::memory_order_acquire);
    const std::uint64_t used = m_head - m_cachedTail;
    bool ok = true;
    if (used >= m_capacity / 2)
        wakeCollector();
    if (used >= m_capacity)
        ok = waitForSpace();
    // Next look: at half full if below it now (and someone is there to wake), else at full.
    const bool belowHalf = m_head - m_cachedTail < m_capacity / 2;
    m_checkAt = m_cachedTail + (belowHalf && m_wake != nullptr ? m_capacity / 2 : m_capacity);
    return ok;
}

void RingProducer::wakeCollector()
{
    if (m_wake == nullptr)
        return;
    // A sequentially consistent exchange, paired with the collector's store before it looks at
    // the rings: either it sees this ring's head, or this sees it sleeping. Only the producer
    // that takes the flag wakes it. (No fences: ThreadSanitizer does not model them.)
    if (m_wake->sleeping.exchange(0, std::memory_order_seq_cst) == 0)
        return;
    m_wake->sequence.fetch_add(1, std::memory_order_release);
    futexWakeAll(&m_wake->sequence);
}

bool RingProducer::waitForSpace()
{
    if (m_head - m_cachedTail < m_capacity)
        return true;

    m_control->fullWaits.fetch_add(1, std::memory_order_relaxed);
    const std::uint64_t start = Clock::now();
    const int current = sched_getcpu();
    const auto cpu = std::uint32_t(current < 0 ? 0 : current);
    // From here until there is room the collector knows a producer waits, and on which CPU:
    // it wakes the producer after each batch it frees, and gives way to it when they share
    // the CPU, so the wait lasts one batch rather than the whole drain.
    const std::uint32_t waiting = (cpu + 1) << 1;
    m_control->producerWaiting.store(waiting, std::memory_order_seq_cst);
    // Sequentially consistent: with the store of the sleeping bit before it, this load pairs
    // with the collector's tail store and load of producerWaiting (either this sees the room,
    // or the collector sees the bit and wakes). An acquire load could be reordered before the
    // store on CPUs with weaker loads (RCpc). Costs nothing extra on x86.
    auto hasSpace = [this] {
        m_cachedTail = m_control->tail.load(std::memory_order_seq_cst);
        return m_head - m_cachedTail < m_capacity;
    };
    auto finish = [this, start](bool ok) {
        m_control->producerWaiting.store(0, std::memory_order_relaxed);
        m_control->stallNs.fetch_add(Clock::now() - start, std::memory_order_relaxed);
        if (!ok)
            m_control->dropped.fetch_add(1, std::memory_order_relaxed);
        return ok;
    };

    auto collectorCpu = [this] { return m_wake->cpu.load(std::memory_order_relaxed); };
    // Spin while it pays: the collector is awake on another CPU (for a time budget), or, with
    // no collector to ask, a fixed number of rounds.
    auto worthSpinning = [&](int round) {
        if (m_wake == nullptr)
            return round < kSpins;
        return m_wake->sleeping.load(std::memory_order_relaxed) == 0 && collectorCpu() != cpu &&
               Clock::now() - start < kSpinBudgetNs;
    };
    for (int round = 0; worthSpinning(round); ++round) {
        for (int k = 0; k < 32; ++k)
            INTERLEAVE_CPU_RELAX();
        if (hasSpace())
            return finish(true);
    }
    // Give way while the collector shares this CPU (with none to ask: a few times anyway).
    for (int i = 0; i < kYields && (m_wake == nullptr || collectorCpu() == cpu); ++i) {
        sched_yield();
        if (hasSpace())
            return finish(true);
    }
    // Asleep on the futex: now the collector must wake it (a wake costs a system call, so only
    // then). Paired with the collector's tail store and load of this word.
    m_control->producerWaiting.store(waiting | 1, std::memory_order_seq_cst);
    for (;;) {
        const std::uint32_t seen = m_control->consumerProgress.load(std::memory_order_acquire);
        if (hasSpace())
            return finish(true);
        futexWait(&m_control->consumerProgress, seen, kFutexSliceNs);
        if (hasSpace())
            return finish(true);
        const bool stopping = m_stop != nullptr && m_stop->load(std::memory_order_acquire) != 0;
        if (stopping && Clock::now() - start > kTeardownPatienceNs)
            return finish(false);
    }
}

RingConsumer::RingConsumer(RingControl* control, const Event* buffer, std::uint32_t capacity)
    : m_control(control)
    , m_buffer(buffer)
    , m_capacity(capacity)
    , m_mask(capacity - 1)
{
}

std::size_t RingConsumer::drain(Event* out, std::size_t max)
{
    const std::uint64_t tail = m_control->tail.load(std::memory_order_relaxed);
    const std::uint64_t head = m_control->head.load(std::memory_order_acquire);
    // A corrupted head (a dying producer cannot do this, but be safe) is clamped to the capacity.
    const std::uint64_t available = std::min(head - tail, m_capacity);
    const std::size_t count = std::size_t(std::min<std::uint64_t>(available, max));
    if (count == 0)
        return 0;
    const std::uint64_t first = tail & m_mask;
    const std::size_t firstPart = std::size_t(std::min<std::uint64_t>(count, m_capacity - first));
    std::memcpy(out, m_buffer + first, firstPart * sizeof(Event));
    if (count > firstPart)
        std::memcpy(out + firstPart, m_buffer, (count - firstPart) * sizeof(Event));
    m_control->tail.store(tail + count, std::memory_order_seq_cst);
    const std::uint32_t waiting = m_control->producerWaiting.load(std::memory_order_seq_cst);
    if ((waiting & 1) != 0) {
        m_control->consumerProgress.fetch_add(1, std::memory_order_release);
        futexWakeAll(&m_control->consumerProgress);
    }
    // A waiting producer on this CPU runs only once this thread gives way, which without a
    // yield would be after the whole drain rather than after this batch.
    if (waiting != 0 && (waiting >> 1) - 1 == std::uint32_t(sched_getcpu()))
        sched_yield();
    return count;
}

std::uint64_t RingConsumer::pending() const
{
    return m_control->head.load(std::memory_order_acquire) -
           m_control->tail.load(std::memory_order_relaxed);
}

} // namespace interleave
