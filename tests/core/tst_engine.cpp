#include "engine/run.h"
#include "testsupport.h"
#include "trace/tracestore.h"

#include <chrono>
#include <csignal>
#include <gtest/gtest.h>
#include <thread>

using namespace interleave;
using namespace std::chrono_literals;

namespace {

/// Waits until the lane named `name` has a pid (its process started), up to a few seconds.
int waitForPid(interleave::Run& run, const std::string& name)
{
    for (int i = 0; i < 500; ++i) {
        {
            std::shared_lock lock(run.trace()->mutex());
            if (const Lane* lane = test::laneNamed(*run.trace(), name)) {
                if (lane->info.pid > 0 && lane->events.size() >= 3)
                    return lane->info.pid;
            }
        }
        std::this_thread::sleep_for(10ms);
    }
    return 0;
}

std::vector<int> workerPids(const TraceStore& trace)
{
    std::vector<int> pids;
    for (std::size_t i = 0; i < trace.laneCount(); ++i) {
        if (trace.lane(i).info.kind == WorkerKind::Process)
            pids.push_back(trace.lane(i).info.pid);
    }
    return pids;
}

} // namespace

TEST(Engine, StoppingARunEndsEveryWorkerAndProcess)
{
    interleave::Run run(
        test::configFor("queue-sentinel", {{"items", "1000"}, {"put_interval_ms", "50"}}));
    run.start();
    ASSERT_GT(waitForPid(run, "consumer"), 0);
    const auto stopAt = std::chrono::steady_clock::now();
    run.requestStop();
    ASSERT_TRUE(run.waitFor(10s));
    EXPECT_LT(std::chrono::steady_clock::now() - stopAt, 5s);
    const auto trace = run.trace();
    EXPECT_EQ(trace->run.outcome, "cancelled");
    EXPECT_FALSE(trace->results.lessonShown);
    for (std::size_t i = 0; i < trace->laneCount(); ++i)
        EXPECT_EQ(trace->lane(i).info.fate, WorkerFate::Cancelled) << trace->lane(i).info.name;
    for (int pid : workerPids(*trace))
        EXPECT_FALSE(test::processAlive(pid)) << pid;
}

TEST(Engine, AKilledWorkerProcessEndsTheRunAsCrashedKeepingItsEvents)
{
    interleave::Run run(
        test::configFor("queue-sentinel", {{"items", "1000"}, {"put_interval_ms", "20"}}));
    run.start();
    const int creator = waitForPid(run, "creator");
    ASSERT_GT(creator, 0);
    std::this_thread::sleep_for(100ms);
    ASSERT_EQ(kill(creator, SIGKILL), 0);
    ASSERT_TRUE(run.waitFor(10s));
    const auto trace = run.trace();
    EXPECT_EQ(trace->run.outcome, "crashed");
    EXPECT_NE(trace->run.message.find("'creator'"), std::string::npos) << trace->run.message;
    EXPECT_NE(trace->run.message.find("signal 9"), std::string::npos) << trace->run.message;
    const Lane* lane = test::laneNamed(*trace, "creator");
    ASSERT_NE(lane, nullptr);
    EXPECT_EQ(lane->info.fate, WorkerFate::Crashed);
    EXPECT_EQ(lane->info.exitCode, -SIGKILL);
    EXPECT_GT(lane->events.size(), 5u) << "what it recorded before dying is kept";
    EXPECT_EQ(lane->spans.back().state, LaneState::Crashed);
    EXPECT_NE(trace->results.verdict.find("crashed"), std::string::npos);
    for (int pid : workerPids(*trace))
        EXPECT_FALSE(test::processAlive(pid)) << pid;
}

TEST(Engine, ACrashEndsTheRunWithinASecondStoppingTheOthers)
{
    // Two processes on long factorials: one is killed. The other is not waited for (it used
    // to get two seconds), and what both recorded until then is kept.
    interleave::Run run(test::configFor(
        "cpu-processes",
        {{"workers", "2"}, {"n", "5000000"}, {"baseline", "false"}, {"workload", "factorial"}}));
    run.start();
    const int victim = waitForPid(run, "Process-1");
    ASSERT_GT(victim, 0);
    ASSERT_GT(waitForPid(run, "Process-2"), 0);
    std::this_thread::sleep_for(200ms);
    ASSERT_EQ(kill(victim, SIGKILL), 0);
    const auto killedAt = std::chrono::steady_clock::now();
    ASSERT_TRUE(run.waitFor(10s));
    EXPECT_LT(std::chrono::steady_clock::now() - killedAt, 1s);
    const auto trace = run.trace();
    EXPECT_EQ(trace->run.outcome, "crashed");
    const Lane* other = test::laneNamed(*trace, "Process-2");
    ASSERT_NE(other, nullptr);
    EXPECT_GT(other->events.size(), 0u);
    EXPECT_NE(other->info.pid, 0);
    for (int pid : workerPids(*trace))
        EXPECT_FALSE(test::processAlive(pid)) << pid;
}

TEST(Engine, ARunLeavesNoDescriptorMappingOrProcessBehind)
{
    const int fdsBefore = test::openFdCount();
    std::vector<int> pids;
    {
        interleave::Run run(test::configFor("cpu-processes", {{"workers", "2"}, {"n", "20000"}}));
        run.start();
        run.wait();
        pids = workerPids(*run.trace());
        EXPECT_EQ(run.trace()->run.outcome, "completed");
    }
    EXPECT_EQ(pids.size(), 2u);
    for (int pid : pids)
        EXPECT_FALSE(test::processAlive(pid));
    EXPECT_EQ(test::openFdCount(), fdsBefore);
    EXPECT_FALSE(test::segmentMapped());
}

TEST(Engine, DestroyingARunningRunStopsIt)
{
    std::vector<int> pids;
    const auto start = std::chrono::steady_clock::now();
    {
        interleave::Run run(test::configFor("queue-sentinel", {{"items", "1000"}}));
        run.start();
        waitForPid(run, "consumer");
        std::shared_lock lock(run.trace()->mutex());
        pids = workerPids(*run.trace());
    }
    EXPECT_LT(std::chrono::steady_clock::now() - start, 10s);
    for (int pid : pids)
        EXPECT_FALSE(test::processAlive(pid));
    EXPECT_FALSE(test::segmentMapped());
}

TEST(Engine, AMissingWorkerExecutableFailsTheRunWithAClearMessage)
{
    RunConfig config = test::configFor("cpu-processes", {{"workers", "1"}, {"n", "1000"}});
    config.workerExecutable = "/nonexistent/interleave-worker";
    interleave::Run run(config);
    run.start();
    ASSERT_TRUE(run.waitFor(10s));
    const auto trace = run.trace();
    EXPECT_EQ(trace->run.outcome, "failed");
    EXPECT_NE(trace->run.message.find("/nonexistent/interleave-worker"), std::string::npos)
        << trace->run.message;
    EXPECT_NE(trace->run.message.find("No such file"), std::string::npos) << trace->run.message;
}

TEST(Engine, ProcessesTakeLongerToStartThanThreadsAndBothAreRecorded)
{
    const auto threads = test::runScenario(
        "free-threaded-cpu-threads", {{"workers", "2"}, {"n", "1000"}, {"baseline", "false"}});
    const auto processes = test::runScenario(
        "cpu-processes", {{"workers", "2"}, {"n", "1000"}, {"baseline", "false"}});
    auto latency = [](const TraceStore& trace, const std::string& name) {
        const Lane* lane = test::laneNamed(trace, name);
        EXPECT_NE(lane, nullptr);
        EXPECT_GT(lane->info.startNs, lane->info.spawnNs);
        EXPECT_EQ(lane->spans.front().state, LaneState::Starting);
        return lane->info.startNs - lane->info.spawnNs;
    };
    EXPECT_GT(latency(*processes, "Process-1"), latency(*threads, "Thread-1"));
}

TEST(Engine, EveryEventCarriesTheCpuItWasRecordedOn)
{
    const auto trace = test::runScenario("cpu-processes", {{"workers", "2"}, {"n", "100000"}});
    const int cores = trace->run.machine.cores;
    ASSERT_GT(cores, 0);
    for (std::size_t i = 0; i < trace->laneCount(); ++i) {
        const Lane& lane = trace->lane(i);
        lane.events.forEach(0, lane.events.size(), lane.info.id,
                            [&](const Event& e) { ASSERT_LT(int(e.cpu), cores); });
    }
    EXPECT_EQ(trace->rings.dropped, 0u);
}
