/// The lessons, from real code: the project's Python programs (tests/data/python) run through
/// `interleave trace` with the real interpreter, and the traces must show what they teach.
#include "tracedprogram.h"

#include <algorithm>
#include <gtest/gtest.h>
#include <numeric>
#include <set>

namespace interleave::test {
namespace {

std::vector<const Lane*> lanesStartingWith(const TraceStore& trace, const std::string& prefix)
{
    std::vector<const Lane*> lanes;
    for (const Lane* lane : programLanes(trace)) {
        if (lane->info.name.rfind(prefix, 0) == 0)
            lanes.push_back(lane);
    }
    return lanes;
}

std::uint64_t stateTime(const Lane& lane, LaneState state)
{
    std::uint64_t total = 0;
    for (std::size_t i = 0; i < lane.spans.size(); ++i) {
        if (lane.spans[i].state == state)
            total += lane.spans[i].duration();
    }
    return total;
}

bool printed(const TraceStore& trace, const std::string& text)
{
    const auto lines = outputLines(trace);
    return std::any_of(lines.begin(), lines.end(), [&](const std::string& line) {
        return line.find(text) != std::string::npos;
    });
}

TEST(PythonLessons, CpuThreadsNeverRunPythonTogetherAndHandTheGilOverEveryFiveMs)
{
    const TracedProgram run = traceProgram("gil_cpu_threads.py", {"loop"});
    ASSERT_EQ(run.exitStatus, 0) << run.err;
    ASSERT_TRUE(run.trace);
    const TraceStore& trace = *run.trace;
    EXPECT_EQ(trace.results.find("gil_source")
                  ? std::get<std::string>(*trace.results.find("gil_source"))
                  : "",
              "interpreter");
    const auto workers = lanesStartingWith(trace, "worker-");
    ASSERT_EQ(workers.size(), 3u);
    EXPECT_EQ(mostAtOnce(programLanes(trace), LaneState::Running), 1u);

    // Hand-overs between the workers: a contended GilAcquire from another worker's release.
    std::vector<std::uint64_t> handOvers;
    for (const Lane* lane : workers) {
        for (const Event& e : eventsOf(*lane, EventKind::GilAcquire)) {
            if ((e.flags & LockContended) != 0 && e.a != 0)
                handOvers.push_back(e.tNs);
        }
        EXPECT_GT(stateTime(*lane, LaneState::GilWait), 0u) << lane->info.name;
        EXPECT_FALSE(eventsOf(*lane, EventKind::GilDropRequest).empty()) << lane->info.name;
    }
    ASSERT_GE(handOvers.size(), 20u);
    std::sort(handOvers.begin(), handOvers.end());
    std::vector<std::uint64_t> gaps;
    for (std::size_t i = 1; i < handOvers.size(); ++i)
        gaps.push_back(handOvers[i] - handOvers[i - 1]);
    std::nth_element(gaps.begin(), gaps.begin() + std::ptrdiff_t(gaps.size() / 2), gaps.end());
    const double medianMs = double(gaps[gaps.size() / 2]) / 1e6;
    EXPECT_GT(medianMs, 4.0);
    EXPECT_LT(medianMs, 10.0);
}

TEST(PythonLessons, AnUnreadGilIsInferredFromSchedulingAndSaidSo)
{
    const TracedProgram run = traceProgram("gil_cpu_threads.py", {"loop"}, withInferredGil());
    ASSERT_EQ(run.exitStatus, 0) << run.err;
    ASSERT_TRUE(run.trace);
    const TraceStore& trace = *run.trace;
    ASSERT_TRUE(trace.results.find("gil_source"));
    EXPECT_EQ(std::get<std::string>(*trace.results.find("gil_source")), "inferred");
    ASSERT_TRUE(trace.results.find("gil_inferred_reason"));
    EXPECT_NE(std::get<std::string>(*trace.results.find("gil_inferred_reason"))
                  .find("INTERLEAVE_INFER_GIL"),
              std::string::npos);
    EXPECT_NE(trace.results.verdict.find("GIL inferred from scheduling"), std::string::npos);
    const auto workers = lanesStartingWith(trace, "worker-");
    ASSERT_EQ(workers.size(), 3u);
    EXPECT_EQ(mostAtOnce(programLanes(trace), LaneState::Running), 1u);
    for (const Lane* lane : workers) {
        // Nothing is read from the interpreter's GIL, yet each worker waits for it most of the
        // time: three threads taking turns on one GIL.
        EXPECT_TRUE(eventsOf(*lane, EventKind::GilAcquire).empty()) << lane->info.name;
        const double share = trace.results.real("gil_wait_share." + lane->info.name).value_or(0);
        EXPECT_GT(share, 0.35) << lane->info.name;
        EXPECT_LT(share, 0.9) << lane->info.name;
    }
}

TEST(PythonLessons, FactorialThreadsNeverRunTogetherEither)
{
    const TracedProgram run = traceProgram("gil_cpu_threads.py", {"factorial"});
    ASSERT_EQ(run.exitStatus, 0) << run.err;
    ASSERT_TRUE(run.trace);
    EXPECT_EQ(lanesStartingWith(*run.trace, "worker-").size(), 3u);
    EXPECT_EQ(mostAtOnce(programLanes(*run.trace), LaneState::Running), 1u);
    EXPECT_EQ(run.trace->results.integer("max_running_python"), 1);
}

TEST(PythonLessons, SleepReleasesTheGilSoSleepersOverlap)
{
    const TracedProgram run = traceProgram("sleeping_threads.py");
    ASSERT_EQ(run.exitStatus, 0) << run.err;
    ASSERT_TRUE(run.trace);
    const auto sleepers = lanesStartingWith(*run.trace, "sleeper-");
    ASSERT_EQ(sleepers.size(), 3u);
    EXPECT_EQ(mostAtOnce(sleepers, LaneState::Sleeping), 3u);
    for (const Lane* lane : sleepers) {
        const auto begins = eventsOf(*lane, EventKind::SleepBegin);
        ASSERT_EQ(begins.size(), 1u);
        EXPECT_EQ(begins.front().a, 300'000'000u);
        EXPECT_GE(stateTime(*lane, LaneState::Sleeping), 290'000'000u);
    }
}

TEST(PythonLessons, ReadSleepWriteLosesUpdatesWithoutALockAndNotWithOne)
{
    const TracedProgram racy = traceProgram("lost_update.py", {"5"});
    ASSERT_EQ(racy.exitStatus, 0) << racy.err;
    ASSERT_TRUE(racy.trace);
    EXPECT_FALSE(printed(*racy.trace, "balance 10 of 10")) << racy.out;
    EXPECT_TRUE(printed(*racy.trace, "of 10"));

    const TracedProgram locked = traceProgram("lost_update.py", {"--lock", "5"});
    ASSERT_EQ(locked.exitStatus, 0) << locked.err;
    ASSERT_TRUE(locked.trace);
    EXPECT_TRUE(printed(*locked.trace, "balance 10 of 10")) << locked.out;
    // The lock was fought over: a teller waited while the other read, slept and wrote.
    std::uint64_t waited = 0;
    for (const Lane* lane : lanesStartingWith(*locked.trace, "teller-"))
        waited += stateTime(*lane, LaneState::LockWait);
    EXPECT_GE(waited, 5'000'000u);
}

/// lock_holder.py's lesson: the waiter waits ~200 ms for the Lock, handed over by the holder.
void expectTheWaiterGotTheLockFromItsHolder(const TracedProgram& run)
{
    ASSERT_EQ(run.exitStatus, 0) << run.err;
    ASSERT_TRUE(run.trace);
    const Lane* holder = laneCalled(*run.trace, "holder");
    const Lane* waiter = laneCalled(*run.trace, "waiter");
    ASSERT_TRUE(holder && waiter);
    EXPECT_GE(stateTime(*waiter, LaneState::LockWait), 150'000'000u);
    bool fromHolder = false;
    for (const Event& e : eventsOf(*waiter, EventKind::LockAcquire)) {
        const ObjectInfo* object = run.trace->object(e.object);
        if ((e.flags & LockContended) && object &&
            object->name.rfind("Lock lock_holder.py", 0) == 0)
            fromHolder = e.a == holder->info.id + 1u;
    }
    EXPECT_TRUE(fromHolder);
    EXPECT_EQ(run.trace->results.integer("lock_waits"), 1);
    EXPECT_TRUE(printed(*run.trace, "waiter got the lock"));
}

TEST(PythonLessons, AThreadBlockedOnALockShowsItsHolder)
{
    expectTheWaiterGotTheLockFromItsHolder(traceProgram("lock_holder.py"));
}

TEST(PythonLessons, TheCtypesStandInRecordsLocksAsTheExtensionDoes)
{
    expectTheWaiterGotTheLockFromItsHolder(traceProgram("lock_holder.py", {}, withInferredGil()));
}

TEST(PythonLessons, DaemonQueueWorkersHandleEveryJobOnceAsTheQueueRisesAndFalls)
{
    const TracedProgram run = traceProgram("queue_workers.py", {"100"});
    ASSERT_EQ(run.exitStatus, 0) << run.err;
    ASSERT_TRUE(run.trace);
    const TraceStore& trace = *run.trace;
    EXPECT_TRUE(printed(trace, "handled 100 jobs, 100 distinct"));
    const auto workers = lanesStartingWith(trace, "worker-");
    ASSERT_EQ(workers.size(), 10u);
    std::multiset<std::uint32_t> taken;
    for (const Lane* lane : workers) {
        EXPECT_EQ(lane->info.role, "daemon thread");
        // Still waiting for a job when the program ended: ended with it, not by returning.
        EXPECT_EQ(lane->info.fate, WorkerFate::Cancelled) << lane->info.name;
        for (const Event& e : eventsOf(*lane, EventKind::QueueGet))
            taken.insert(queueSequence(e.a));
    }
    EXPECT_EQ(taken.size(), 100u);
    EXPECT_EQ(std::set<std::uint32_t>(taken.begin(), taken.end()).size(), 100u);
    const ObjectInfo* jobs = nullptr;
    for (const ObjectInfo& object : trace.objects()) {
        if (object.name.rfind("Queue queue_workers.py", 0) == 0)
            jobs = &object;
    }
    ASSERT_TRUE(jobs);
    const CounterSeries* depth = trace.counter(CounterKind::QueueDepth, jobs->id);
    ASSERT_TRUE(depth);
    EXPECT_GE(depth->highest, 50.0);
    EXPECT_EQ(depth->values.back(), 0.0);
    EXPECT_EQ(trace.results.integer("deepest_queue_depth"), std::int64_t(depth->highest));
}

TEST(PythonLessons, ThreadPoolOfMoreWorkersIsFasterAndFlattens)
{
    std::vector<double> spans;
    for (const std::string workers : {"1", "4", "8"}) {
        const TracedProgram run = traceProgram("pool_sleep.py", {workers});
        ASSERT_EQ(run.exitStatus, 0) << run.err;
        ASSERT_TRUE(run.trace);
        std::uint64_t first = ~0ull, last = 0;
        std::size_t tasks = 0;
        for (const Lane* lane : programLanes(*run.trace)) {
            for (const Event& e : eventsOf(*lane, EventKind::TaskBegin)) {
                first = std::min(first, e.tNs);
                ++tasks;
            }
            for (const Event& e : eventsOf(*lane, EventKind::TaskEnd))
                last = std::max(last, e.tNs);
        }
        EXPECT_EQ(tasks, 10u);
        EXPECT_EQ(lanesStartingWith(*run.trace, "ThreadPoolExecutor-").size(),
                  std::size_t(std::stoi(workers)));
        spans.push_back(double(last - first) / 1e9);
    }
    EXPECT_NEAR(spans[0], 1.0, 0.15);
    EXPECT_LT(spans[1], spans[0] / 2.5);
    EXPECT_LT(spans[2], spans[1]);
    // Diminishing returns: 1 -> 4 workers gains more than 4 -> 8.
    EXPECT_GT(spans[0] / spans[1], spans[1] / spans[2]);
}

TEST(PythonLessons, MultiprocessingRunsUnderTheTracerWithEveryStartMethod)
{
    for (const std::string method : {"fork", "spawn", "forkserver"}) {
        const TracedProgram run =
            traceProgram(lessonPath("other/multiprocessing_methods.py"), {method});
        ASSERT_EQ(run.exitStatus, 0) << method << run.err;
        ASSERT_TRUE(run.trace);
        EXPECT_TRUE(printed(*run.trace, method + " 328350")) << method << run.out;
        EXPECT_TRUE(printed(*run.trace, "got 42")) << method;
        EXPECT_EQ(run.trace->rings.dropped, 0u);
    }
}

TEST(PythonLessons, EveryTracedPrimitiveRecordsItsWaitAndWhoEndedIt)
{
    const TracedProgram run = traceProgram(lessonPath("other/primitives.py"));
    ASSERT_EQ(run.exitStatus, 0) << run.err;
    ASSERT_TRUE(run.trace);
    const TraceStore& trace = *run.trace;
    EXPECT_TRUE(printed(trace, "stack 2 ranked 1 simple 3")) << run.out;
    const Lane* consumer = laneCalled(trace, "consumer");
    const Lane* main = laneCalled(trace, "MainThread");
    ASSERT_TRUE(consumer && main);
    // The consumer waited on the Condition, the Semaphore, the Event and the Barrier, and the
    // main thread ended each wait (its lane + 1 in the acquire).
    std::set<std::string> endedByMain;
    for (const Event& e : eventsOf(*consumer, EventKind::LockAcquire)) {
        const ObjectInfo* object = trace.object(e.object);
        if (object && (e.flags & LockContended) && e.a == main->info.id + 1u)
            endedByMain.insert(object->name.substr(0, object->name.find(' ')));
    }
    for (const char* kind : {"Condition", "Semaphore", "Event", "Barrier"})
        EXPECT_TRUE(endedByMain.count(kind)) << kind;
    // Each kind of object was traced under the name of the line that made it.
    std::set<std::string> kinds;
    for (const ObjectInfo& object : trace.objects())
        if (object.name.find("primitives.py:") != std::string::npos)
            kinds.insert(object.name.substr(0, object.name.find(' ')));
    for (const char* kind : {"Condition", "Semaphore", "BoundedSemaphore", "Event", "Barrier",
                             "RLock", "LifoQueue", "PriorityQueue", "SimpleQueue"})
        EXPECT_TRUE(kinds.count(kind)) << kind;
    // The re-entrant RLock nests on the _thread thread's lane; that thread has a lane.
    const Lane* raw = laneCalled(trace, "raw_thread (_thread)");
    ASSERT_TRUE(raw);
    const auto onRLock = [&](EventKind kind) {
        std::size_t count = 0;
        for (const Event& e : eventsOf(*raw, kind)) {
            const ObjectInfo* object = trace.object(e.object);
            count += object && object->name.rfind("RLock primitives.py", 0) == 0;
        }
        return count;
    };
    EXPECT_EQ(onRLock(EventKind::LockAcquire), 2u);
    EXPECT_EQ(onRLock(EventKind::LockRelease), 2u);
}

} // namespace
} // namespace interleave::test
