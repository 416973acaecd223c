// Comparing two runs: the other side of each lesson (which run shows the contrast, with which
// values) and the figures the difference summary is made of.
#include "scenario/otherside.h"
#include "scenario/registry.h"
#include "testsupport.h"
#include "trace/comparison.h"
#include "trace/tracestore.h"

#include <gtest/gtest.h>

using namespace interleave;

namespace {

ParameterValues valuesOf(const std::string& id,
                         const std::vector<std::pair<std::string, std::string>>& assignments)
{
    return resolveParameters(requireScenario(id).info().parameters, assignments);
}

} // namespace

TEST(OtherSide, ALockFlips)
{
    for (const std::string id :
         {"thread-race-counter", "shared-value-race", "python-lost-update", "python-value-race"}) {
        const auto sides = otherSides(requireScenario(id), valuesOf(id, {{"lock", "false"}}));
        ASSERT_EQ(sides.size(), 1u) << id;
        EXPECT_EQ(sides[0].second, &requireScenario(id));
        EXPECT_FALSE(sides[0].firstValues.boolean("lock"));
        EXPECT_TRUE(sides[0].secondValues.boolean("lock"));
        EXPECT_EQ(sides[0].firstLabel, "lock = false");
        EXPECT_EQ(sides[0].secondLabel, "lock = true");
        // From the locked run the other side is the race again.
        const auto back = otherSides(requireScenario(id), valuesOf(id, {{"lock", "true"}}));
        EXPECT_FALSE(back[0].secondValues.boolean("lock")) << id;
    }
}

TEST(OtherSide, APoolOfOneAgainstAPoolOfMany)
{
    const auto sides =
        otherSides(requireScenario("pool-map"), valuesOf("pool-map", {{"processes", "4"}}));
    ASSERT_EQ(sides.size(), 1u);
    EXPECT_EQ(sides[0].secondValues.integer("processes"), 1);
    EXPECT_EQ(sides[0].firstLabel, "Pool size 4");
    EXPECT_EQ(sides[0].secondLabel, "Pool size 1");
    // From a pool of one, the other side is the default pool.
    const auto back =
        otherSides(requireScenario("pool-map"), valuesOf("pool-map", {{"processes", "1"}}));
    EXPECT_EQ(back[0].secondValues.integer("processes"), 3);
    const auto threads =
        otherSides(requireScenario("python-cpu-processes"), valuesOf("python-cpu-processes", {}));
    ASSERT_EQ(threads.size(), 1u);
    EXPECT_EQ(threads[0].secondValues.choice("kind"), "threads");
}

TEST(OtherSide, TheGilLessonComparesWithNoGilAndWithProcessesDoingTheSameWork)
{
    const ParameterValues values = valuesOf(
        "gil-cpu-threads", {{"workers", "2"}, {"steps", "1234567"}, {"switch_interval_ms", "2"}});
    const auto sides = otherSides(requireScenario("gil-cpu-threads"), values);
    ASSERT_EQ(sides.size(), 2u);
    EXPECT_EQ(sides[0].second->info().id, "free-threaded-cpu-threads");
    EXPECT_EQ(sides[1].second->info().id, "cpu-processes");
    for (const LessonSides& side : sides) {
        // The same work on the other side: the values both scenarios have are taken over.
        EXPECT_EQ(side.secondValues.integer("workers"), 2);
        EXPECT_EQ(side.secondValues.integer("steps"), 1234567);
        EXPECT_EQ(side.secondValues.choice("workload"), "bytecode");
        EXPECT_FALSE(side.secondValues.contains("switch_interval_ms"));
        EXPECT_EQ(side.firstLabel, "CPU-bound threads under the GIL");
        EXPECT_EQ(side.secondLabel, side.second->info().title);
    }
}

TEST(OtherSide, EveryScenariosOtherSidesNameRealParametersAndScenarios)
{
    int withSides = 0;
    for (const Scenario* scenario : allScenarios()) {
        const ParameterValues defaults = resolveParameters(scenario->info().parameters, {});
        const auto sides = otherSides(*scenario, defaults);
        EXPECT_EQ(sides.size(), scenario->info().otherSides.size()) << scenario->info().id;
        for (const LessonSides& side : sides) {
            // The other run's values are ones its form would accept.
            EXPECT_NO_THROW(
                resolveParameters(side.second->info().parameters, side.secondValues.assignments()))
                << scenario->info().id;
            EXPECT_NE(side.firstLabel, side.secondLabel) << scenario->info().id;
        }
        withSides += sides.empty() ? 0 : 1;
    }
    EXPECT_GE(withSides, 12);
    EXPECT_TRUE(otherSides(requireScenario("pipe"), valuesOf("pipe", {})).empty());
}

TEST(RunFigures, TheRaceLosesUpdatesAndTheLockCostsWaits)
{
    const auto race =
        test::runScenario("thread-race-counter", {{"lock", "false"}, {"sleep_ms", "100"}});
    const auto locked =
        test::runScenario("thread-race-counter", {{"lock", "true"}, {"sleep_ms", "100"}});
    const RunFigures racing = runFigures(*race);
    const RunFigures guarded = runFigures(*locked);
    ASSERT_TRUE(racing.lostUpdates);
    EXPECT_EQ(*racing.lostUpdates, 1);
    ASSERT_TRUE(guarded.lostUpdates);
    EXPECT_EQ(*guarded.lostUpdates, 0);
    EXPECT_EQ(racing.lockWaitNs, 0u);
    // The second thread waits for the first's whole read-sleep-write.
    EXPECT_GT(guarded.lockWaitNs, 15'000'000u);
    EXPECT_GT(guarded.elapsedNs, racing.elapsedNs);
    const std::string summary = differenceSummary(racing, guarded);
    EXPECT_NE(summary.find("lost updates 1 → 0"), std::string::npos) << summary;
    EXPECT_NE(summary.find("slower"), std::string::npos) << summary;
}

TEST(RunFigures, TheGilWaitsAndRunsOneAtATimeWhereFreeThreadsDoNot)
{
    const auto gil = test::runScenario("gil-cpu-threads", {{"time_scale", "0.1"}});
    const auto free = test::runScenario("free-threaded-cpu-threads", {{"time_scale", "0.1"}});
    const RunFigures serial = runFigures(*gil);
    const RunFigures parallel = runFigures(*free);
    EXPECT_EQ(serial.maxParallel, 1u);
    EXPECT_GT(serial.gilWaitNs, 0u);
    EXPECT_GT(parallel.maxParallel, 1u);
    EXPECT_EQ(parallel.gilWaitNs, 0u);
    EXPECT_FALSE(serial.lostUpdates) << "no shared value, no count";
    const std::string summary = differenceSummary(serial, parallel);
    EXPECT_NE(summary.find("max parallel 1 → "), std::string::npos) << summary;
    EXPECT_EQ(summary.find("lost updates"), std::string::npos) << summary;
    EXPECT_NE(summary.find("GIL wait "), std::string::npos) << summary;
    EXPECT_NE(summary.find(" → 0 ·"), std::string::npos) << summary;
}

TEST(RunFigures, TheSummaryReadsAsOneLine)
{
    RunFigures first;
    first.elapsedNs = 629'000'000;
    first.maxParallel = 1;
    first.gilWaitNs = 1'200'000'000;
    RunFigures second;
    second.elapsedNs = 380'000'000;
    second.maxParallel = 2;
    EXPECT_EQ(differenceSummary(first, second),
              "elapsed 629 ms → 380 ms (1.66× faster) · max parallel 1 → 2 · GIL wait 1.20 s → 0 "
              "· lock wait 0 → 0");
    second.elapsedNs = 635'000'000;
    EXPECT_NE(differenceSummary(first, second).find("(about the same)"), std::string::npos);
    // Imported traces have no states: only their lengths compare.
    first.imported = true;
    EXPECT_EQ(differenceSummary(first, second), "elapsed 629 ms → 635 ms (about the same)");
}

TEST(RunFigures, TheParametersThatDifferTellTwoRunsApart)
{
    RunInfo first;
    first.scenario = "shared-value-race";
    first.parameters = {{"lock", "false"}, {"processes", "10"}, {"time_scale", "1"}};
    RunInfo second = first;
    second.parameters = {{"lock", "true"}, {"processes", "10"}, {"time_scale", "0.5"}};
    // time_scale only counts when nothing else differs.
    EXPECT_EQ(differingParameters(first, second),
              std::make_pair(std::string("lock = false"), std::string("lock = true")));
    second.parameters[0].second = "false";
    EXPECT_EQ(differingParameters(first, second),
              std::make_pair(std::string("time_scale = 1"), std::string("time_scale = 0.5")));
    second.scenario = "pipe";
    EXPECT_EQ(differingParameters(first, second), std::make_pair(std::string(), std::string()));
}
