#include "base/errors.h"
#include "engine/sweep.h"
#include "scenario/registry.h"
#include "testsupport.h"

#include <filesystem>
#include <gtest/gtest.h>

using namespace interleave;

TEST(Sweep, ThreadPoolElapsedFallsWithPoolSizeAndFlattens)
{
    INTERLEAVE_SKIP_TIMING_UNDER_SANITIZERS();
    SweepRequest request;
    request.scenario = &requireScenario("thread-pool-io");
    request.parameter = "pool_size";
    request.values = {"1", "4", "8", "16"};
    request.assignments = {{"time_scale", "0.1"}};
    const test::TemporaryDirectory scratch;
    request.outputDirectory = scratch.path();
    request.workerExecutable = INTERLEAVE_WORKER_PATH;
    const SweepResult sweep = runSweep(request);
    ASSERT_EQ(sweep.rows.size(), 4u);
    ASSERT_TRUE(sweep.allCompleted());
    const double e1 = double(sweep.rows[0].elapsedNs);
    const double e4 = double(sweep.rows[1].elapsedNs);
    const double e8 = double(sweep.rows[2].elapsedNs);
    const double e16 = double(sweep.rows[3].elapsedNs);
    EXPECT_GT(e1, e4);
    EXPECT_GT(e4, e8 * 0.98);
    EXPECT_GT(e8, e16 * 0.98);
    EXPECT_GT(e1 - e4, 3 * (e8 - e16)) << "the gains flatten out";
    EXPECT_DOUBLE_EQ(sweep.rows[0].speedup, 1.0);
    EXPECT_GT(sweep.rows[3].speedup, 2.5);
    for (const SweepRow& row : sweep.rows)
        EXPECT_TRUE(std::filesystem::exists(row.runs.front().tracePath));
    std::filesystem::remove_all(request.outputDirectory);
}

TEST(Sweep, RepeatsEachValueAndReportsTheMedian)
{
    SweepRequest request;
    request.scenario = &requireScenario("start-cost");
    request.parameter = "starts";
    request.values = {"1", "2"};
    request.repeat = 3;
    request.workerExecutable = INTERLEAVE_WORKER_PATH;
    const SweepResult sweep = runSweep(request);
    ASSERT_EQ(sweep.rows.size(), 2u);
    for (const SweepRow& row : sweep.rows) {
        ASSERT_EQ(row.runs.size(), 3u);
        std::vector<std::uint64_t> elapsed;
        for (const SweepRun& run : row.runs)
            elapsed.push_back(run.elapsedNs);
        std::sort(elapsed.begin(), elapsed.end());
        EXPECT_EQ(row.elapsedNs, elapsed[1]);
    }
}

TEST(Sweep, BadValuesAreRejectedBeforeAnythingRuns)
{
    SweepRequest request;
    request.scenario = &requireScenario("thread-pool-io");
    request.parameter = "pool_size";
    request.values = {"1", "999"};
    EXPECT_THROW(runSweep(request), UsageError);
    request.parameter = "threads";
    request.values = {"1"};
    EXPECT_THROW(runSweep(request), UsageError);
    EXPECT_THROW(splitValues("1,,2"), UsageError);
    EXPECT_EQ(splitValues("1,4,8"), (std::vector<std::string>{"1", "4", "8"}));
}
