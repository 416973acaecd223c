// Producer cost per event and collector throughput.
//   build/dev/tests/bench/bench_ring --benchmark_repetitions=5 --benchmark_report_aggregates_only
#include "base/pagepool.h"
#include "engine/collector.h"
#include "runtime/recorder.h"
#include "shm/sharedsegment.h"
#include "trace/tracestore.h"

#include <algorithm>
#include <atomic>
#include <benchmark/benchmark.h>
#include <chrono>
#include <csignal>
#include <spawn.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace interleave;

namespace {

/// A segment with the two engine slots and one worker ring, as a run has.
SharedSegment makeSegment()
{
    SharedSegment segment = SharedSegment::create(SegmentConfig{});
    for (SlotKind kind : {SlotKind::Sampler, SlotKind::Reaper, SlotKind::Thread}) {
        const std::uint32_t index = segment.reserveSlot();
        WorkerSlot& slot = segment.slot(index);
        slot.kind = kind;
        slot.workerId = workerOfSlot(index);
        slot.nameString = segment.strings().intern("producer");
        slot.state.store(std::uint32_t(SlotState::Running));
    }
    return segment;
}

Recorder recorderFor(SharedSegment& segment, std::uint32_t slot)
{
    return Recorder(segment.producer(slot), workerOfSlot(slot));
}

/// The traced hot path: timestamp, CPU id, write into the shared ring, publish. A consumer
/// thread drains concurrently, as the collector does.
void BM_RecordEvent(benchmark::State& state)
{
    SharedSegment segment = makeSegment();
    Recorder recorder = recorderFor(segment, kFirstWorkerSlot);
    std::atomic<bool> done{false};
    std::thread consumer([&] {
        RingConsumer ring(&segment.slot(kFirstWorkerSlot).ring,
                          segment.ringBuffer(kFirstWorkerSlot), segment.header().ringCapacity);
        std::vector<Event> batch(4096);
        // Like the collector: after a small batch, pause instead of spinning on the ring's
        // head, which would bounce its cache line between the two cores on every event.
        while (!done.load(std::memory_order_relaxed)) {
            if (ring.drain(batch.data(), batch.size()) < batch.size() / 4)
                std::this_thread::sleep_for(std::chrono::microseconds(100));
        }
    });
    std::uint64_t n = 0;
    for (auto _ : state)
        recorder.record(EventKind::Mark, 1, ++n, 0);
    done = true;
    consumer.join();
    state.SetItemsProcessed(state.iterations());
    state.counters["full_waits"] = double(segment.slot(kFirstWorkerSlot).ring.fullWaits.load());
}
BENCHMARK(BM_RecordEvent);

/// Clock + CPU id alone: the floor under BM_RecordEvent on this machine.
void BM_TimestampAndCpu(benchmark::State& state)
{
    for (auto _ : state) {
        benchmark::DoNotOptimize(Clock::now());
        benchmark::DoNotOptimize(sched_getcpu());
    }
}
BENCHMARK(BM_TimestampAndCpu);

/// What a GIL-mode thread records in one turn: take the GIL, compute, an uncontended lock
/// round trip, then sleep (releasing the GIL). Three state changes in ten events.
void recordTurn(Recorder& r, std::uint64_t i)
{
    r.record(EventKind::GilRequest, 0);
    r.record(EventKind::GilAcquire, 0, 1, 0, LockContended);
    r.record(EventKind::ComputeBegin, 0, 0, i);
    r.record(EventKind::ComputeEnd, 0, 0, i);
    r.record(EventKind::LockRequest, 1);
    r.record(EventKind::LockAcquire, 1, 1);
    r.record(EventKind::LockRelease, 1);
    r.record(EventKind::SleepBegin, 0, 1000);
    r.record(EventKind::GilRelease, 0, 0, 0, std::uint8_t(GilReleaseReason::Blocking));
    r.record(EventKind::SleepEnd);
}

/// A collector drains one producer's ring into a trace store, as in a run, while
/// `produce(recorder, segment)` records; returns the trace with every event taken in.
template <class Produce> std::shared_ptr<TraceStore> collect(Produce&& produce)
{
    SharedSegment segment = makeSegment();
    auto trace = std::make_shared<TraceStore>();
    Collector collector(segment, trace, {});
    collector.start();
    Recorder recorder = recorderFor(segment, kFirstWorkerSlot);
    produce(recorder, segment);
    collector.stopAndDrain();
    return trace;
}

/// One producer records as fast as it can while the real collector drains into a trace store
/// (columns, state tracking), `kEvents` per iteration. Sustained events per second; the ring
/// never drops. Argument 0: every event changes the lane's state (worst case); 1: a GIL
/// thread's mix. With `coldPages`, the page pool gives all its free pages back before each
/// iteration, as in a freshly started program: the store's memory is then all first-touched.
void collectorThroughput(benchmark::State& state, bool coldPages)
{
    constexpr std::uint64_t kEvents = 5'000'000;
    const bool realistic = state.range(0) == 1;
    std::uint64_t waits = 0, dropped = 0;
    for (auto _ : state) {
        if (coldPages) {
            state.PauseTiming();
            PagePool::instance().trim();
            state.ResumeTiming();
        }
        const auto trace = collect([&](Recorder& recorder, SharedSegment&) {
            if (realistic) {
                for (std::uint64_t i = 0; i < kEvents / 10; ++i)
                    recordTurn(recorder, i);
            } else {
                for (std::uint64_t i = 0; i < kEvents; ++i)
                    recorder.record(i % 2 ? EventKind::SleepEnd : EventKind::SleepBegin, 0, i, 0);
            }
        });
        if (trace->eventCount() != kEvents)
            state.SkipWithError("events lost");
        waits += trace->rings.fullWaits;
        dropped += trace->rings.dropped;
    }
    state.SetItemsProcessed(std::int64_t(state.iterations() * kEvents));
    state.counters["full_waits"] =
        benchmark::Counter(double(waits), benchmark::Counter::kAvgIterations);
    state.counters["dropped"] = double(dropped);
}

/// The page pool as a running app leaves it: a previous run's pages, up to the warm reserve.
void BM_CollectorThroughput(benchmark::State& state)
{
    collectorThroughput(state, false);
}
BENCHMARK(BM_CollectorThroughput)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->UseRealTime();

/// Every page first-touched, as in the first run after start.
void BM_CollectorThroughputColdPages(benchmark::State& state)
{
    collectorThroughput(state, true);
}
BENCHMARK(BM_CollectorThroughputColdPages)
    ->Arg(0)
    ->Arg(1)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

/// Another program busy on a core for as long as it lives: a shell spinning in a loop, ended
/// (and reaped) with the object. Spawned, not forked: a forked child would share this
/// process's memory copy-on-write, and every later write to it would cost a page copy.
class CpuHog {
public:
    CpuHog()
    {
        char shell[] = "sh";
        char flag[] = "-c";
        char loop[] = "while :; do :; done";
        char* argv[] = {shell, flag, loop, nullptr};
        if (::posix_spawn(&m_pid, "/bin/sh", nullptr, nullptr, argv, environ) != 0)
            m_pid = -1;
    }
    ~CpuHog()
    {
        if (m_pid > 0) {
            ::kill(m_pid, SIGKILL);
            ::waitpid(m_pid, nullptr, 0);
        }
    }
    CpuHog(const CpuHog&) = delete;
    CpuHog& operator=(const CpuHog&) = delete;

private:
    pid_t m_pid = -1;
};

/// BM_CollectorThroughput while another CPU-bound process competes for one of the cores, as
/// on a lecturer's laptop running a browser: the collector must still keep up.
void BM_CollectorThroughputWithCpuHog(benchmark::State& state)
{
    const CpuHog hog;
    BM_CollectorThroughput(state);
}
BENCHMARK(BM_CollectorThroughputWithCpuHog)
    ->Arg(0)
    ->Arg(1)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

/// How long a producer waits when its ring is full, with a CPU hog beside it: every record()
/// is timed, and the calls that waited for room give the median and the 99th percentile.
void BM_FullRingStall(benchmark::State& state)
{
    constexpr std::uint64_t kEvents = 5'000'000;
    const CpuHog hog;
    std::vector<std::uint64_t> stalls;
    for (auto _ : state) {
        const auto trace = collect([&](Recorder& recorder, SharedSegment& segment) {
            const auto& waits = segment.slot(kFirstWorkerSlot).ring.fullWaits;
            std::uint64_t seen = waits.load(std::memory_order_relaxed);
            for (std::uint64_t i = 0; i < kEvents; ++i) {
                const std::uint64_t before = Clock::now();
                recorder.record(i % 2 ? EventKind::SleepEnd : EventKind::SleepBegin, 0, i, 0);
                const std::uint64_t now = waits.load(std::memory_order_relaxed);
                if (now != seen) {
                    stalls.push_back(Clock::now() - before);
                    seen = now;
                }
            }
        });
        if (trace->eventCount() != kEvents)
            state.SkipWithError("events lost");
    }
    std::sort(stalls.begin(), stalls.end());
    auto at = [&](double q) {
        return stalls.empty() ? 0.0 : double(stalls[std::size_t(q * double(stalls.size() - 1))]);
    };
    state.SetItemsProcessed(std::int64_t(state.iterations() * kEvents));
    state.counters["stalls"] =
        benchmark::Counter(double(stalls.size()), benchmark::Counter::kAvgIterations);
    state.counters["stall_median_us"] = at(0.5) / 1000.0;
    state.counters["stall_p99_us"] = at(0.99) / 1000.0;
}
BENCHMARK(BM_FullRingStall)->Unit(benchmark::kMillisecond)->UseRealTime();

} // namespace

BENCHMARK_MAIN();
