#include "engine/collector.h"
#include "runtime/gil.h"
#include "runtime/sharedvalue.h"
#include "runtime/tracedmutex.h"
#include "runtime/tracedpipe.h"
#include "runtime/tracedqueue.h"
#include "runtime/workercontext.h"
#include "trace/analysis.h"
#include "trace/tracestore.h"

#include <chrono>
#include <functional>
#include <gtest/gtest.h>
#include <memory>
#include <thread>
#include <unistd.h>

using namespace interleave;
using namespace std::chrono_literals;

namespace {

/// Threads of one process using the traced primitives for real, without a scenario: a segment,
/// an optional GIL, one context per thread, and the real collector to build the trace.
class Harness {
public:
    explicit Harness(bool withGil, std::chrono::microseconds interval = 5000us)
        : m_segment(SharedSegment::create(SegmentConfig{}))
    {
        for (SlotKind kind : {SlotKind::Sampler, SlotKind::Reaper}) {
            WorkerSlot& slot = m_segment.slot(m_segment.reserveSlot());
            slot.kind = kind;
            slot.state.store(std::uint32_t(SlotState::Running));
        }
        m_parameters.set("time_scale", 1.0);
        if (withGil)
            m_gil = std::make_unique<Gil>(0xFFFE, interval);
    }

    /// The context the creator of shared objects uses (it never runs as a thread).
    WorkerContext& setup() { return context("setup"); }

    WorkerContext& context(const std::string& name)
    {
        const std::uint32_t index = m_segment.reserveSlot();
        WorkerSlot& slot = m_segment.slot(index);
        slot.workerId = workerOfSlot(index);
        slot.kind = SlotKind::Thread;
        slot.parentId = kNoWorker;
        slot.gilMode = m_gil ? 1 : 0;
        slot.nameString = m_segment.strings().intern(name);
        slot.spawnNs = Clock::now();
        slot.state.store(std::uint32_t(SlotState::Spawned), std::memory_order_release);
        m_contexts.push_back(std::make_unique<WorkerContext>(
            WorkerContext::Setup{&m_segment, index, m_gil.get(), &m_parameters, nullptr}));
        return *m_contexts.back();
    }

    /// Runs each body on its own thread as a full worker (start, GIL, body, end).
    void run(std::vector<std::pair<std::string, std::function<void(WorkerContext&)>>> bodies)
    {
        std::vector<std::thread> threads;
        for (auto& [name, body] : bodies) {
            WorkerContext& c = context(name);
            threads.emplace_back([&c, body = std::move(body)] {
                c.recordStart();
                EndReason reason = EndReason::Returned;
                try {
                    c.enterInterpreter();
                    body(c);
                } catch (const RunCancelled&) {
                    reason = EndReason::Cancelled;
                }
                c.leaveInterpreter();
                c.recordEnd(reason);
            });
        }
        for (std::thread& t : threads)
            t.join();
    }

    std::shared_ptr<TraceStore> trace()
    {
        auto trace = std::make_shared<TraceStore>();
        Collector collector(m_segment, trace, {});
        collector.start();
        collector.stopAndDrain();
        trace->finalize();
        return trace;
    }

    SharedSegment& segment() { return m_segment; }

private:
    SharedSegment m_segment;
    ParameterValues m_parameters;
    std::unique_ptr<Gil> m_gil;
    std::vector<std::unique_ptr<WorkerContext>> m_contexts;
};

std::size_t countEvents(const TraceStore& trace, EventKind kind, std::uint8_t flags = 0xFF)
{
    std::size_t n = 0;
    for (std::size_t i = 0; i < trace.laneCount(); ++i) {
        const Lane& lane = trace.lane(i);
        lane.events.forEach(0, lane.events.size(), lane.info.id, [&](const Event& e) {
            n += e.kind == kind && (flags == 0xFF || e.flags == flags);
        });
    }
    return n;
}

} // namespace

TEST(Gil, BytecodeLoopsAreSwitchedByDropRequestsAndNeverRunTogether)
{
    Harness harness(true, 2000us);
    auto loop = [](WorkerContext& c) { c.bytecode(4'000'000); };
    harness.run({{"A", loop}, {"B", loop}});
    const auto trace = harness.trace();
    EXPECT_EQ(maxParallelRunning(*trace), 1u);
    EXPECT_GT(countEvents(*trace, EventKind::GilDropRequest), 3u);
    EXPECT_GT(
        countEvents(*trace, EventKind::GilRelease, std::uint8_t(GilReleaseReason::DropRequest)), 3u)
        << "the holder must honour drop requests between bytecodes";
    // Both loops were in progress at the same time, interleaved by the GIL.
    const Lane* a = nullptr;
    const Lane* b = nullptr;
    for (std::size_t i = 0; i < trace->laneCount(); ++i) {
        a = trace->lane(i).info.name == "A" ? &trace->lane(i) : a;
        b = trace->lane(i).info.name == "B" ? &trace->lane(i) : b;
    }
    ASSERT_TRUE(a && b);
    EXPECT_GT(overlapTime({computeIntervals(*a), computeIntervals(*b)}), 0u);
}

TEST(Gil, AFactorialKeepsTheGilForTheWholeCall)
{
    Harness harness(true, 1000us);
    auto call = [](WorkerContext& c) { c.factorial(300'000); };
    harness.run({{"A", call}, {"B", call}});
    const auto trace = harness.trace();
    EXPECT_EQ(maxParallelRunning(*trace), 1u);
    const Lane* a = nullptr;
    const Lane* b = nullptr;
    for (std::size_t i = 0; i < trace->laneCount(); ++i) {
        if (trace->lane(i).info.name == "A")
            a = &trace->lane(i);
        if (trace->lane(i).info.name == "B")
            b = &trace->lane(i);
    }
    ASSERT_TRUE(a && b);
    EXPECT_EQ(overlapTime({computeIntervals(*a), computeIntervals(*b)}), 0u)
        << "C calls under the GIL run one after the other";
    EXPECT_EQ(
        countEvents(*trace, EventKind::GilRelease, std::uint8_t(GilReleaseReason::DropRequest)),
        0u);
}

TEST(TracedMutex, AContendedAcquireRecordsTheWaitAndThePreviousHolder)
{
    Harness harness(false);
    TracedMutex lock = TracedMutex::create(harness.setup(), "lock", false);
    std::atomic<bool> held{false};
    harness.run({{"holder",
                  [&](WorkerContext& c) {
                      TracedMutex mine = TracedMutex::find(c, "lock");
                      ScopedLock guard(mine);
                      held = true;
                      c.sleep(0.05);
                  }},
                 {"waiter", [&](WorkerContext& c) {
                      while (!held) // whatever the scheduling, ask only once it is held
                          std::this_thread::sleep_for(1ms);
                      TracedMutex mine = TracedMutex::find(c, "lock");
                      ScopedLock guard(mine);
                  }}});
    const auto trace = harness.trace();
    std::size_t holderId = 0, waiterId = 0;
    for (std::size_t i = 0; i < trace->laneCount(); ++i) {
        holderId = trace->lane(i).info.name == "holder" ? i : holderId;
        waiterId = trace->lane(i).info.name == "waiter" ? i : waiterId;
    }
    const Lane& waiter = trace->lane(waiterId);
    bool sawContended = false;
    waiter.events.forEach(0, waiter.events.size(), waiter.info.id, [&](const Event& e) {
        if (e.kind == EventKind::LockAcquire) {
            sawContended = (e.flags & LockContended) != 0;
            EXPECT_EQ(e.a, holderId + 1) << "the acquire names who held the lock before";
            EXPECT_EQ(e.object, lock.id());
        }
    });
    EXPECT_TRUE(sawContended);
    std::uint64_t waited = 0;
    for (const StateSpan& span : waiter.spans) {
        if (span.state == LaneState::LockWait) {
            waited += span.duration();
            EXPECT_EQ(span.object, lock.id());
        }
    }
    EXPECT_GT(waited, 25'000'000u);
}

TEST(TracedQueue, ABoundedQueueBlocksTheProducerAndDeliversInOrder)
{
    Harness harness(false);
    TracedQueue::create(harness.setup(), "q", 2, false);
    std::vector<std::int64_t> received;
    harness.run({{"producer",
                  [](WorkerContext& c) {
                      TracedQueue q = TracedQueue::find(c, "q");
                      for (int i = 0; i < 10; ++i)
                          q.put(i * 10, i == 0 ? "first" : "");
                  }},
                 {"consumer", [&](WorkerContext& c) {
                      TracedQueue q = TracedQueue::find(c, "q");
                      for (int i = 0; i < 10; ++i) {
                          c.sleep(0.005);
                          const QueueMessage m = q.get();
                          received.push_back(m.value);
                          EXPECT_EQ(m.sequence, std::uint32_t(i + 1));
                          if (i == 0) {
                              EXPECT_EQ(m.text, "first");
                          }
                      }
                  }}});
    EXPECT_EQ(received, (std::vector<std::int64_t>{0, 10, 20, 30, 40, 50, 60, 70, 80, 90}));
    const auto trace = harness.trace();
    EXPECT_GT(countEvents(*trace, EventKind::QueuePutBegin), 0u) << "the producer had to wait";
    const CounterSeries* depth = trace->counter(CounterKind::QueueDepth, 0);
    ASSERT_NE(depth, nullptr);
    EXPECT_EQ(depth->times.size(), 20u);
    for (double d : depth->values)
        EXPECT_LE(d, 2.0);
    EXPECT_TRUE(std::is_sorted(depth->times.begin(), depth->times.end()));
}

TEST(TracedQueue, JoinReturnsOnlyAfterEveryItemIsDone)
{
    Harness harness(false);
    TracedQueue::create(harness.setup(), "tasks", 100, false);
    std::atomic<int> done{0};
    int doneWhenJoined = -1;
    harness.run({{"main",
                  [&](WorkerContext& c) {
                      TracedQueue q = TracedQueue::find(c, "tasks");
                      for (int i = 0; i < 5; ++i)
                          q.put(i);
                      q.join();
                      doneWhenJoined = done.load();
                  }},
                 {"worker", [&](WorkerContext& c) {
                      TracedQueue q = TracedQueue::find(c, "tasks");
                      for (int i = 0; i < 5; ++i) {
                          q.get();
                          c.sleep(0.004);
                          ++done;
                          q.taskDone();
                      }
                  }}});
    EXPECT_EQ(doneWhenJoined, 5);
    const auto trace = harness.trace();
    EXPECT_EQ(countEvents(*trace, EventKind::QueueTaskDone), 5u);
    EXPECT_EQ(countEvents(*trace, EventKind::QueueJoinEnd), 1u);
}

TEST(TracedPipe, MessagesArriveInOrderWithMatchingSequenceNumbers)
{
    Harness harness(false);
    TracedPipe::create(harness.setup(), "pipe");
    std::vector<std::string> got;
    std::atomic<bool> receiving{false};
    harness.run({{"sender",
                  [&](WorkerContext& c) {
                      TracedPipe p = TracedPipe::find(c, "pipe");
                      while (!receiving)
                          std::this_thread::sleep_for(1ms);
                      c.sleep(0.05); // the receiver is blocked in recv() by now
                      for (const char* text : {"Hello", "from", "a pipe"})
                          p.send(text);
                  }},
                 {"receiver", [&](WorkerContext& c) {
                      TracedPipe p = TracedPipe::find(c, "pipe");
                      receiving = true;
                      for (int i = 0; i < 3; ++i)
                          got.push_back(p.recv());
                  }}});
    EXPECT_EQ(got, (std::vector<std::string>{"Hello", "from", "a pipe"}));
    const auto trace = harness.trace();
    EXPECT_EQ(countEvents(*trace, EventKind::PipeSend), 3u);
    EXPECT_EQ(countEvents(*trace, EventKind::PipeRecv), 3u);
    EXPECT_GE(countEvents(*trace, EventKind::PipeRecvBegin), 1u);
    const PipeState* state =
        reinterpret_cast<const PipeState*>(harness.segment().object(0).storage);
    close(state->readFd);
    close(state->writeFd);
}

TEST(SharedValue, AReadCopySleepWriteRaceLosesAnUpdate)
{
    Harness harness(true);
    SharedValue::create(harness.setup(), "database_value", 0);
    std::atomic<int> reads{0};
    auto increase = [&reads](WorkerContext& c) {
        SharedValue v = SharedValue::find(c, "database_value");
        const std::int64_t local = v.load();
        ++reads;
        // time.sleep() releases the GIL; wait (sleeping) until the other thread read too, so
        // the race happens whatever the scheduling.
        while (reads < 2)
            c.sleep(0.001);
        v.store(local + 1);
    };
    harness.run({{"Thread-1", increase}, {"Thread-2", increase}});
    const auto trace = harness.trace();
    const LostUpdateReport report = analyseLostUpdates(*trace, 0);
    ASSERT_EQ(report.writes.size(), 2u);
    EXPECT_EQ(report.writes.back().value, 1) << "end value 1, not 2";
    ASSERT_EQ(report.lost.size(), 1u);
    EXPECT_NE(report.lost[0].overwritten.worker, report.lost[0].overwriting.worker);
}

TEST(Cancellation, ASleepingWorkerUnwindsPromptlyWhenTheRunStops)
{
    Harness harness(true);
    std::thread stopper([&] {
        std::this_thread::sleep_for(50ms);
        harness.segment().requestStop();
    });
    const auto start = std::chrono::steady_clock::now();
    harness.run({{"sleeper", [](WorkerContext& c) { c.sleep(30.0); }}});
    stopper.join();
    EXPECT_LT(std::chrono::steady_clock::now() - start, 2s);
    const auto trace = harness.trace();
    EXPECT_EQ(trace->lane(trace->laneCount() - 1).info.fate, WorkerFate::Cancelled);
}
