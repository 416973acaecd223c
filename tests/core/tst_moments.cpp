// The lesson's moments, found in real runs' events: each scenario's lesson yields its moments,
// they are saved with the trace, and a hostile moments section is refused.
#include "base/errors.h"
#include "format/itracereader.h"
#include "format/itracewriter.h"
#include "testsupport.h"
#include "trace/analysis.h"
#include "trace/moments.h"
#include "trace/tracestore.h"

#include <gtest/gtest.h>

using namespace interleave;

namespace {

std::vector<const Moment*> momentsOf(const TraceStore& trace, MomentKind kind)
{
    std::vector<const Moment*> found;
    for (const Moment& m : trace.moments) {
        if (m.kind == kind)
            found.push_back(&m);
    }
    return found;
}

TEST(Moments, EachLostUpdateIsAMomentWithBothReadsAndBothWrites)
{
    const auto trace = test::runScenario("shared-value-race", {{"lock", "false"}});
    const auto lost = momentsOf(*trace, MomentKind::LostUpdate);
    ASSERT_FALSE(lost.empty());
    std::int64_t total = 0;
    std::size_t staleFirst = 0;
    for (const Moment* m : lost) {
        ASSERT_EQ(m->points.size(), 4u) << m->text;
        // Each writer read before it wrote; the two writers differ; the moment is the
        // overwriting write, the last of the four.
        EXPECT_LE(m->points[0].t, m->points[1].t);
        EXPECT_LE(m->points[2].t, m->points[3].t);
        EXPECT_NE(m->points[1].lane, m->points[3].lane);
        EXPECT_EQ(m->t, m->points[3].t);
        // The stale read came before the write it wiped out; only when a stale write put an
        // older value back can the victim (the last write of that value) come after it.
        staleFirst += m->points[2].t < m->points[1].t ? 1 : 0;
        EXPECT_NE(m->text.find("lost on val"), std::string::npos) << m->text;
        total += std::stoll(m->text.substr(m->text.rfind(": ") + 2));
    }
    // Every destructive write is a moment, with the updates it destroyed then. A later stale
    // write may put a destroyed value back (a write based on more than it overwrote), so the
    // moments can add up to more than the final count; the analysis nets both out.
    std::int64_t destroyed = 0, net = 0;
    for (const ObjectInfo& object : trace->objects()) {
        if (object.kind != ObjectKind::Value)
            continue;
        const LostUpdateReport report = analyseLostUpdates(*trace, object.id);
        for (const LostUpdate& lostUpdate : report.lost)
            destroyed += lostUpdate.updatesLost;
        net += report.totalLost;
    }
    EXPECT_GE(double(staleFirst), 0.8 * double(lost.size()));
    EXPECT_EQ(total, destroyed);
    EXPECT_GE(total, trace->results.integer("lost_updates").value_or(-1));
    EXPECT_EQ(net, trace->results.integer("lost_updates"));

    const auto locked = test::runScenario("shared-value-race", {{"lock", "true"}});
    EXPECT_TRUE(momentsOf(*locked, MomentKind::LostUpdate).empty());
}

TEST(Moments, EachGilHandOverAfterADropRequestIsAMoment)
{
    const auto trace = test::runScenario("gil-cpu-threads", {{"time_scale", "0.1"}});
    const auto handOvers = momentsOf(*trace, MomentKind::GilHandOver);
    ASSERT_GE(handOvers.size(), 3u);
    for (const Moment* m : handOvers) {
        ASSERT_EQ(m->points.size(), 4u);
        // Waits, asks the holder to drop, the holder lets go, the waiter takes it.
        EXPECT_LE(m->points[0].t, m->points[1].t);
        EXPECT_LE(m->points[1].t, m->points[2].t);
        EXPECT_LE(m->points[2].t, m->points[3].t);
        EXPECT_EQ(m->points[0].lane, m->lane);
        EXPECT_NE(m->points[2].lane, m->lane);
        // The emulated GIL's switch interval is 5 ms: the request comes after it.
        EXPECT_GE(m->points[1].t - m->points[0].t, 4'000'000u) << m->text;
    }
    const auto free = test::runScenario("free-threaded-cpu-threads", {{"time_scale", "0.1"}});
    EXPECT_TRUE(momentsOf(*free, MomentKind::GilHandOver).empty());
}

TEST(Moments, TheFirstContendedLockWaitEndsAtTheHoldersRelease)
{
    const auto trace = test::runScenario("lock-serialized-threads", {{"time_scale", "0.1"}});
    const auto waits = momentsOf(*trace, MomentKind::FirstLockWait);
    ASSERT_EQ(waits.size(), 1u);
    const Moment& m = *waits[0];
    ASSERT_EQ(m.points.size(), 3u);
    EXPECT_EQ(m.points[0].lane, m.lane);
    EXPECT_NE(m.points[1].lane, m.lane) << "released by the holder";
    EXPECT_EQ(m.t, m.points[1].t);
    EXPECT_LE(m.points[1].t, m.points[2].t);
}

TEST(Moments, TheSentinelAndTheDeepestQueueAreMoments)
{
    const auto trace = test::runScenario("queue-sentinel", {{"time_scale", "0.1"}});
    const auto sentinels = momentsOf(*trace, MomentKind::Sentinel);
    ASSERT_EQ(sentinels.size(), 1u);
    EXPECT_EQ(trace->lane(sentinels[0]->lane).info.name, "consumer");
    EXPECT_NE(sentinels[0]->text.find("(-1)"), std::string::npos) << sentinels[0]->text;
    const auto deepest = momentsOf(*trace, MomentKind::DeepestQueue);
    ASSERT_EQ(deepest.size(), 1u);
    const CounterSeries* depth = nullptr;
    for (const ObjectInfo& object : trace->objects()) {
        if (object.kind == ObjectKind::Queue)
            depth = trace->counter(CounterKind::QueueDepth, object.id);
    }
    ASSERT_TRUE(depth);
    EXPECT_NE(deepest[0]->text.find(std::to_string(std::int64_t(depth->highest)) + " items"),
              std::string::npos);
}

TEST(Moments, APoolIsBusyWhenEveryWorkerRunsATask)
{
    const auto trace = test::runScenario("pool-map", {{"numbers", "9"}, {"work_steps", "3000000"}});
    const auto busy = momentsOf(*trace, MomentKind::PoolBusy);
    ASSERT_EQ(busy.size(), 1u);
    EXPECT_EQ(busy[0]->points.size(), 3u) << busy[0]->text;
    EXPECT_NE(busy[0]->text.find("all 3 workers"), std::string::npos) << busy[0]->text;
}

TEST(Moments, AreSavedWithTheTraceAndFoundAgainInOldFiles)
{
    auto trace = test::runScenario("shared-value-race", {{"lock", "false"}});
    ASSERT_FALSE(trace->moments.empty());
    const std::vector<std::uint8_t> bytes = encodeTrace(*trace);
    const auto saved = decodeTrace(bytes.data(), bytes.size());
    ASSERT_EQ(saved->moments.size(), trace->moments.size());
    for (std::size_t i = 0; i < trace->moments.size(); ++i) {
        EXPECT_EQ(saved->moments[i].t, trace->moments[i].t);
        EXPECT_EQ(saved->moments[i].text, trace->moments[i].text);
        EXPECT_EQ(saved->moments[i].points.size(), trace->moments[i].points.size());
    }
    // A file without them (older, or the section dropped) gets the same from its events.
    const std::vector<Moment> again = findMoments(*saved);
    ASSERT_EQ(again.size(), trace->moments.size());
    EXPECT_EQ(again.front().text, trace->moments.front().text);
}

TEST(Moments, AMomentOnALaneTheTraceDoesNotHaveIsRefused)
{
    auto trace = test::runScenario("shared-value-race", {{"lock", "false"}});
    ASSERT_FALSE(trace->moments.empty());
    trace->moments.front().points.front().lane = 4000;
    const std::vector<std::uint8_t> bytes = encodeTrace(*trace);
    try {
        decodeTrace(bytes.data(), bytes.size());
        FAIL() << "a moment on lane 4000 was accepted";
    } catch (const FormatError& e) {
        EXPECT_NE(std::string(e.what()).find("moment on unknown lane 4000"), std::string::npos)
            << e.what();
    }
}

TEST(Moments, NextAndPreviousFindTheNeighbours)
{
    std::vector<Moment> moments(3);
    moments[0].t = 10;
    moments[1].t = 20;
    moments[2].t = 30;
    EXPECT_EQ(momentAfter(moments, 5), 0);
    EXPECT_EQ(momentAfter(moments, 10), 1);
    EXPECT_EQ(momentAfter(moments, 30), 3);
    EXPECT_EQ(momentBefore(moments, 20), 0);
    EXPECT_EQ(momentBefore(moments, 10), -1);
    EXPECT_EQ(momentBefore(moments, 31), 2);
}

} // namespace
