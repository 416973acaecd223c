// The lesson of every scenario beyond the engine's first five, as SCENARIOS.md states it.
#include "testsupport.h"
#include "trace/analysis.h"
#include "trace/tracestore.h"

#include <gtest/gtest.h>
#include <set>

using namespace interleave;

namespace {

std::string verdict(const TraceStore& trace)
{
    return trace.run.outcome + ": " + trace.results.verdict;
}

} // namespace

TEST(ThreadsInterleaved, PrintedLinesInterleaveAcrossThreads)
{
    const auto trace = test::runScenario("threads-interleaved", {{"time_scale", "0.2"}});
    EXPECT_TRUE(trace->results.lessonShown) << verdict(*trace);
    EXPECT_EQ(trace->results.integer("lines"), 30);
    EXPECT_GE(trace->results.integer("thread_switches").value_or(0), 10);
    EXPECT_GT(trace->results.integer("sleep_overlap_ns").value_or(0), 0) << "lanes interleave";
}

TEST(ProcessDoubler, EachChildPrintsItsOwnPidAndJoinWaitsForIt)
{
    const auto trace = test::runScenario("process-doubler", {{"work_steps", "100000"}});
    EXPECT_TRUE(trace->results.lessonShown) << verdict(*trace);
    EXPECT_EQ(trace->results.integer("distinct_pids"), 5);
    EXPECT_EQ(trace->results.integer("joins_after_child_ended"), 5);
    std::uint64_t joining = 0;
    for (const StateSpan& span : trace->lane(0).spans)
        joining += span.state == LaneState::Joining ? span.duration() : 0;
    EXPECT_GT(joining, 0u) << "the parent's join waits are on the timeline";
}

TEST(PoolMap, TasksSpreadOverThePoolAndResultsKeepInputOrder)
{
    const auto trace = test::runScenario("pool-map", {{"numbers", "6"}, {"work_steps", "1000000"}});
    EXPECT_TRUE(trace->results.lessonShown) << verdict(*trace);
    EXPECT_EQ(std::get<std::string>(*trace->results.find("result")), "[10, 20, 40, 60, 80, 100]");
    EXPECT_GE(trace->results.integer("workers_used").value_or(0), 2);
    std::size_t poolProcesses = 0;
    for (std::size_t i = 0; i < trace->laneCount(); ++i)
        poolProcesses += trace->lane(i).info.kind == WorkerKind::Process;
    EXPECT_EQ(poolProcesses, 3u) << "three long-lived pool processes, not one per task";
}

TEST(PoolApply, ApplyBlocksSoTasksRunOneAtATime)
{
    const auto trace = test::runScenario("pool-apply", {{"work_steps", "100000"}});
    EXPECT_TRUE(trace->results.lessonShown) << verdict(*trace);
    EXPECT_EQ(trace->results.integer("tasks_run"), 30);
    EXPECT_EQ(trace->results.integer("max_concurrent_tasks"), 1);
    EXPECT_EQ(outputLines(*trace).size(), 30u);
}

TEST(Pipe, SendsAndReceivesAreMatchedWithTheirLatency)
{
    const auto trace = test::runScenario("pipe", {{"messages", "5"}, {"time_scale", "0.1"}});
    EXPECT_TRUE(trace->results.lessonShown) << verdict(*trace);
    EXPECT_EQ(trace->results.integer("matched"), 5);
    EXPECT_GT(trace->results.integer("median_latency_ns").value_or(0), 0);
    const Lane* receiver = test::laneNamed(*trace, "receiver");
    ASSERT_NE(receiver, nullptr);
    std::uint64_t waiting = 0;
    for (const StateSpan& span : receiver->spans)
        waiting += span.state == LaneState::QueueWait ? span.duration() : 0;
    EXPECT_GT(waiting, 0u) << "recv() blocked until the sender wrote";
}

TEST(ProcessQueue, PutInOneProcessGetInTheOther)
{
    const auto trace =
        test::runScenario("process-queue", {{"messages", "4"}, {"time_scale", "0.1"}});
    EXPECT_TRUE(trace->results.lessonShown) << verdict(*trace);
    EXPECT_EQ(trace->results.integer("crossed_processes"), 4);
    const Lane* f1 = test::laneNamed(*trace, "f1");
    const Lane* f2 = test::laneNamed(*trace, "f2");
    ASSERT_TRUE(f1 && f2);
    EXPECT_NE(f1->info.pid, f2->info.pid);
}

TEST(LockSerializedThreads, TheSecondThreadWaitsForTheFirstsWholeRun)
{
    const auto trace = test::runScenario("lock-serialized-threads", {{"time_scale", "0.1"}});
    EXPECT_TRUE(trace->results.lessonShown) << verdict(*trace);
    const auto waited = trace->results.integer("lock_wait_ns").value_or(0);
    const auto held = trace->results.integer("holder_held_ns").value_or(0);
    EXPECT_GT(held, 80'000'000) << "five 20 ms sleeps under the lock";
    EXPECT_GE(double(waited), 0.8 * double(held));
    EXPECT_EQ(std::get<std::string>(*trace->results.find("holder")), "Thread-1");
}

TEST(ThreadPoolIo, AllDownloadsRunAndALargerPoolIsFaster)
{
    INTERLEAVE_SKIP_TIMING_UNDER_SANITIZERS();
    const auto one =
        test::runScenario("thread-pool-io", {{"pool_size", "1"}, {"time_scale", "0.1"}});
    const auto four =
        test::runScenario("thread-pool-io", {{"pool_size", "4"}, {"time_scale", "0.1"}});
    EXPECT_TRUE(one->results.lessonShown) << verdict(*one);
    EXPECT_TRUE(four->results.lessonShown) << verdict(*four);
    EXPECT_EQ(four->results.integer("tasks_run"), 13);
    const auto e1 = one->results.integer("elapsed_ns").value_or(0);
    const auto e4 = four->results.integer("elapsed_ns").value_or(0);
    // One thread: the downloads back to back, their sum; four overlap them.
    EXPECT_GE(double(e1), 0.95 * double(one->results.integer("serial_ns").value_or(0)));
    EXPECT_LT(double(e4), 0.6 * double(e1));
}

TEST(ProcessLockPrint, PrintSectionsNeverOverlap)
{
    const auto trace = test::runScenario("process-lock-print", {{"time_scale", "0.2"}});
    EXPECT_TRUE(trace->results.lessonShown) << verdict(*trace);
    EXPECT_EQ(trace->results.integer("printed"), 10);
    EXPECT_EQ(trace->results.integer("sections_overlap_ns"), 0);
}

TEST(ThreadRaceCounter, WithoutALockTheEndValueIsOne)
{
    const auto trace = test::runScenario("thread-race-counter", {{"time_scale", "0.2"}});
    EXPECT_TRUE(trace->results.lessonShown) << verdict(*trace);
    EXPECT_EQ(trace->results.integer("final_value"), 1);
    EXPECT_EQ(trace->results.integer("overwrites_found"), 1) << "the stale write is pointed at";
}

TEST(ThreadRaceCounter, WithALockTheEndValueIsTwo)
{
    const auto trace =
        test::runScenario("thread-race-counter", {{"lock", "true"}, {"time_scale", "0.2"}});
    EXPECT_TRUE(trace->results.lessonShown) << verdict(*trace);
    EXPECT_EQ(trace->results.integer("final_value"), 2);
}

TEST(QueueWorkerThreads, EveryItemOnceAndJoinReturnsWhenAllAreDone)
{
    const auto trace = test::runScenario("queue-worker-threads", {{"time_scale", "0.2"}});
    EXPECT_TRUE(trace->results.lessonShown) << verdict(*trace);
    EXPECT_EQ(trace->results.integer("taken"), 20);
    EXPECT_EQ(std::get<bool>(*trace->results.find("each_once")), true);
    EXPECT_GE(trace->results.integer("max_depth").value_or(0), 10) << "the depth chart rises";
    const auto lines = outputLines(*trace);
    ASSERT_FALSE(lines.empty());
    EXPECT_EQ(lines.back().text, "end main") << "join returned after every item";
    for (std::size_t i = 1; i < trace->laneCount(); ++i) // daemons end when the program does
        EXPECT_EQ(trace->lane(i).info.fate, WorkerFate::Cancelled) << trace->lane(i).info.name;
    EXPECT_EQ(trace->run.outcome, "completed");
}

TEST(StartCost, AProcessTakesLongerToStartThanAThread)
{
    const auto trace = test::runScenario("start-cost");
    EXPECT_TRUE(trace->results.lessonShown) << verdict(*trace);
    EXPECT_GT(trace->results.integer("process_start_ns").value_or(0),
              trace->results.integer("thread_start_ns").value_or(0));
}
