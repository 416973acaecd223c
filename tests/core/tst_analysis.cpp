#include "trace/analysis.h"
#include "trace/cpuusage.h"
#include "trace/stepdecimation.h"
#include "trace/tracestore.h"

#include <algorithm>
#include <gtest/gtest.h>
#include <memory>
#include <optional>

using namespace interleave;

namespace {

Event event(std::uint16_t worker, std::uint64_t t, EventKind kind, std::uint16_t object = 0,
            std::uint64_t a = 0, std::uint64_t b = 0)
{
    Event e;
    e.worker = worker;
    e.tNs = t;
    e.kind = kind;
    e.object = object;
    e.a = a;
    e.b = b;
    return e;
}

WorkerInfo worker(std::uint16_t id, std::uint64_t spawn = 0)
{
    WorkerInfo info;
    info.id = id;
    info.name = "w" + std::to_string(id);
    info.spawnNs = spawn;
    return info;
}

/// Two workers that each read 0 and write 1 to value 0, the write swapping the value in and
/// saying what it replaced: A (worker 0) stamps its read and write at `aRead`, `aWrite`; B
/// (worker 1) stamps at 11 and 20 and replaced a 1. `bNext`, when given, is B's next event.
std::unique_ptr<TraceStore> twoStampedWrites(std::uint64_t aRead, std::uint64_t aWrite,
                                             std::optional<std::uint64_t> bNext = std::nullopt)
{
    auto trace = std::make_unique<TraceStore>();
    trace->addLane(worker(0));
    trace->addLane(worker(1));
    trace->addObject(ObjectInfo{0, ObjectKind::Value, "val", true, 0, 0});
    Event a = event(0, aWrite, EventKind::ValueWrite, 0, 0, 1);
    a.flags = ValueKnowsOverwritten;
    Event b = event(1, 20, EventKind::ValueWrite, 0, 1, 1);
    b.flags = ValueKnowsOverwritten;
    trace->appendEvent(event(0, aRead, EventKind::ValueRead, 0, 0, 0));
    trace->appendEvent(a);
    trace->appendEvent(event(1, 11, EventKind::ValueRead, 0, 0, 0));
    trace->appendEvent(b);
    if (bNext)
        trace->appendEvent(event(1, *bNext, EventKind::ValueRead, 0, 0, 1));
    trace->finalize();
    return trace;
}

} // namespace

TEST(Analysis, OverlapOfIntervals)
{
    EXPECT_EQ(maxOverlap({{{0, 10}}, {{10, 20}}}), 1u) << "back to back is not overlapping";
    EXPECT_EQ(maxOverlap({{{0, 10}}, {{5, 20}}, {{6, 7}}}), 3u);
    EXPECT_EQ(overlapTime({{{0, 10}}, {{5, 20}}}), 5u);
    EXPECT_EQ(overlapTime({{{0, 10}, {20, 30}}, {{10, 20}}}), 0u);
    const Interval e = envelope({{{5, 10}}, {{2, 7}, {30, 40}}});
    EXPECT_EQ(e.start, 2u);
    EXPECT_EQ(e.end, 40u);
}

TEST(Analysis, LostUpdatesNameTheOverwrittenAndTheOverwritingWrite)
{
    // Two workers read 0; A writes 1, then B writes 1 from its stale read: A's update is lost.
    // Then A reads 1 and writes 2 correctly.
    TraceStore trace;
    trace.addLane(worker(0));
    trace.addLane(worker(1));
    trace.addObject(ObjectInfo{0, ObjectKind::Value, "val", true, 0, 0});
    trace.appendEvent(event(0, 10, EventKind::ValueRead, 0, 0, 0));
    trace.appendEvent(event(0, 20, EventKind::ValueWrite, 0, 0, 1));
    trace.appendEvent(event(0, 40, EventKind::ValueRead, 0, 0, 1));
    trace.appendEvent(event(0, 50, EventKind::ValueWrite, 0, 0, 2));
    trace.appendEvent(event(1, 12, EventKind::ValueRead, 0, 0, 0));
    trace.appendEvent(event(1, 30, EventKind::ValueWrite, 0, 0, 1));
    trace.finalize();

    const LostUpdateReport report = analyseLostUpdates(trace, 0);
    ASSERT_EQ(report.writes.size(), 3u);
    ASSERT_EQ(report.lost.size(), 1u);
    EXPECT_EQ(report.totalLost, 1);
    EXPECT_EQ(report.lost[0].overwritten.worker, 0);
    EXPECT_EQ(report.lost[0].overwritten.t, 20u);
    EXPECT_EQ(report.lost[0].overwriting.worker, 1);
    EXPECT_EQ(report.lost[0].overwriting.t, 30u);
    EXPECT_EQ(report.lost[0].overwriting.basedOn, 0);
}

TEST(Analysis, ALostUpdatesVictimIsAnotherWorkersWriteEvenWhenItsStampCameLater)
{
    // Both read 0. B stamps its write at 20 but is preempted before the store; A stamps at 25
    // and stores 1 first; B's store then replaces A's 1 with 1. In stamp order B's write comes
    // first, yet its victim is A's write (seen in a CI run under AddressSanitizer).
    const auto trace = twoStampedWrites(10, 25);
    const LostUpdateReport report = analyseLostUpdates(*trace, 0);
    ASSERT_EQ(report.lost.size(), 1u);
    EXPECT_EQ(report.totalLost, 1);
    EXPECT_EQ(report.lost[0].overwriting.worker, 1);
    EXPECT_EQ(report.lost[0].overwritten.worker, 0);
    EXPECT_EQ(report.lost[0].overwritten.t, 25u);
}

TEST(Analysis, AVictimStampedAfterTheOverwritingWorkersNextEventIsNeverBlamed)
{
    // B's stale write (stamped at 20) replaced a 1, and B recorded its next event at 30: its
    // store had landed by then. A's write of 1 stamped at 100 landed after it and cannot be
    // what B overwrote, however the values match.
    const auto trace = twoStampedWrites(90, 100, 30);
    const LostUpdateReport report = analyseLostUpdates(*trace, 0);
    ASSERT_EQ(report.lost.size(), 1u);
    EXPECT_EQ(report.lost[0].overwriting.t, 20u);
    EXPECT_NE(report.lost[0].overwritten.t, 100u);
}

TEST(Analysis, NoLostUpdateWhenEveryWriteSawThePreviousOne)
{
    TraceStore trace;
    trace.addLane(worker(0));
    trace.addLane(worker(1));
    trace.addObject(ObjectInfo{0, ObjectKind::Value, "val", true, 0, 0});
    trace.appendEvent(event(0, 10, EventKind::ValueRead, 0, 0, 0));
    trace.appendEvent(event(0, 11, EventKind::ValueWrite, 0, 0, 1));
    trace.appendEvent(event(1, 20, EventKind::ValueRead, 0, 0, 1));
    trace.appendEvent(event(1, 21, EventKind::ValueWrite, 0, 0, 2));
    trace.finalize();
    const LostUpdateReport report = analyseLostUpdates(trace, 0);
    EXPECT_TRUE(report.lost.empty());
    EXPECT_EQ(report.totalLost, 0);
}

TEST(RunQueueWaits, NeverShowMoreLanesRunningThanCores)
{
    // Three CPU-bound lanes on two cores for 10 ms: each got 2/3 of each 1 ms sample.
    TraceStore trace;
    trace.run.machine.cores = 2;
    for (std::uint16_t i = 0; i < 3; ++i) {
        trace.addLane(worker(i, 1'000'000));
        trace.appendEvent(event(i, 1'000'000, EventKind::WorkerStart, 0, 1'000'000));
        trace.appendEvent(event(i, 11'000'000, EventKind::WorkerEnd));
    }
    for (std::uint16_t pass = 1; pass <= 10; ++pass) {
        for (std::uint16_t i = 0; i < 3; ++i) {
            Event sample = event(i, 1'000'000 + pass * 1'000'000 + i, EventKind::WorkerSample, pass,
                                 std::uint64_t(pass) * 666'666, std::uint64_t(pass) * 333'333);
            trace.appendSample(sample);
        }
    }
    trace.finalize();
    EXPECT_LE(maxParallelRunning(trace), 2u);
    for (std::uint16_t i = 0; i < 3; ++i) {
        const std::vector<std::uint64_t> totals = stateTotals(trace.lane(i));
        const double runnable = double(totals[std::size_t(LaneState::Runnable)]) / 1e6;
        EXPECT_NEAR(runnable, 10.0 / 3.0, 0.5) << "lane " << i;
    }
}

TEST(Analysis, OutputLinesComeInTimeOrderAcrossLanes)
{
    TraceStore trace;
    trace.addLane(worker(0));
    trace.addLane(worker(1));
    const std::uint32_t first = trace.addString("first");
    const std::uint32_t second = trace.addString("second");
    trace.appendEvent(event(1, 5, EventKind::Print, 0, first));
    trace.appendEvent(event(0, 9, EventKind::Print, 0, second));
    trace.finalize();
    const auto lines = outputLines(trace);
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(lines[0].text, "first");
    EXPECT_EQ(lines[0].worker, 1);
    EXPECT_EQ(lines[1].text, "second");
}

TEST(StepDecimation, KeepsEachColumnsRangeAndTheValueInForce)
{
    CounterSeries counter;
    counter.append(50, 7.0); // before the window: in force at its start
    for (std::uint64_t t = 100; t < 1100; ++t)
        counter.append(t, t == 555 ? 99.0 : double(t % 3));
    const std::vector<StepPoint> points = decimateSteps(counter, 100, 1100, 2000, 10);
    EXPECT_LE(points.size(), 2u + 4u * 10u); // a few per column, not 1000
    EXPECT_EQ(points.front().t, 100u);
    EXPECT_EQ(points.front().value, 7.0);
    EXPECT_TRUE(std::any_of(points.begin(), points.end(),
                            [](const StepPoint& p) { return p.value == 99.0; })); // the spike
    EXPECT_EQ(points.back().t, 1100u);
    EXPECT_EQ(points.back().value, double(1099 % 3));
    for (std::size_t i = 1; i < points.size(); ++i)
        EXPECT_LE(points[i - 1].t, points[i].t);
    // Nothing before the window: it starts at 0.
    EXPECT_EQ(decimateSteps(counter, 0, 40, 2000, 10).front().value, 0.0);
}

TEST(StepDecimation, KeepsAPeakMadeOfTwoChangesInOneColumn)
{
    // A queue that a message fills and empties within one pixel: depth 0 -> 1 -> 0 (the
    // process-queue lesson at Fit All). Each of the 50 messages must still show its peak.
    CounterSeries depth;
    for (std::uint64_t message = 0; message < 50; ++message) {
        depth.append(1000 + message * 1000, 1.0);
        depth.append(1000 + message * 1000 + 3, 0.0);
    }
    const std::vector<StepPoint> points = decimateSteps(depth, 0, 60'000, 60'000, 100);
    std::size_t peaks = 0;
    for (std::size_t i = 1; i < points.size(); ++i)
        peaks += points[i].value == 1.0 && points[i - 1].value == 0.0;
    EXPECT_EQ(peaks, 50u);
    // A dip within a column shows too.
    CounterSeries busy;
    busy.append(0, 4.0);
    busy.append(5000, 2.0);
    busy.append(5002, 4.0);
    const std::vector<StepPoint> dip = decimateSteps(busy, 0, 10'000, 10'000, 10);
    EXPECT_TRUE(
        std::any_of(dip.begin(), dip.end(), [](const StepPoint& p) { return p.value == 2.0; }));
}

TEST(CpuUsage, TheRunsOwnShareAndTheMachinesFromTheFirstInterval)
{
    // Sampler passes 50 ms apart (readings are pooled over 40 ms at least).
    constexpr std::uint64_t ms = 1'000'000;
    TraceStore trace;
    trace.registerWorker(worker(0, 10 * ms));
    trace.registerWorker(worker(1, 10 * ms));
    // Worker 0 runs all of [10, 60) ms and half of [60, 110); worker 1 only the second.
    trace.appendSample(event(0, 60 * ms, EventKind::WorkerSample, 0, 50 * ms, 0));
    trace.appendSample(event(1, 60 * ms, EventKind::WorkerSample, 0, 0, 0));
    trace.appendSample(event(0, 110 * ms, EventKind::WorkerSample, 1, 75 * ms, 0));
    trace.appendSample(event(1, 110 * ms, EventKind::WorkerSample, 1, 50 * ms, 0));
    // Two cores: both busy in the first interval (another program is on core 1), then 1.5.
    trace.appendSample(event(kNoWorker, 60 * ms, EventKind::CoreSample, 0, 50 * ms, 50 * ms));
    trace.appendSample(event(kNoWorker, 60 * ms, EventKind::CoreSample, 1, 50 * ms, 50 * ms));
    trace.appendSample(event(kNoWorker, 110 * ms, EventKind::CoreSample, 0, 50 * ms, 50 * ms));
    trace.appendSample(event(kNoWorker, 110 * ms, EventKind::CoreSample, 1, 25 * ms, 50 * ms));
    const CpuUsage usage = cpuUsage(trace);
    ASSERT_EQ(usage.run.times, (std::vector<std::uint64_t>{10 * ms, 60 * ms, 110 * ms}));
    EXPECT_EQ(usage.run.values, (std::vector<double>{1.0, 1.5, 0.0}));
    // The first interval is drawn where it happened, not one interval late.
    ASSERT_EQ(usage.machine.times, (std::vector<std::uint64_t>{10 * ms, 60 * ms, 110 * ms}));
    EXPECT_EQ(usage.machine.values, (std::vector<double>{2.0, 1.5, 0.0}));
    EXPECT_TRUE(cpuUsage(TraceStore()).empty());
}

TEST(InferredGil, OffCpuTimeOutsideTracedWaitsBecomesGilWaitAndOneThreadRunsPythonAtOnce)
{
    // Three threads of one interpreter whose GIL is not read, running (no traced wait) all of
    // [10, 40) ms; sampled every 10 ms, each was on a CPU 3 ms of each window and waited
    // 0.3 ms for a core once woken. A fourth lane of another process, with a read GIL, is left
    // alone.
    constexpr std::uint64_t ms = 1'000'000;
    TraceStore trace;
    for (std::uint16_t id = 0; id < 4; ++id) {
        WorkerInfo info = worker(id, 10 * ms);
        info.pid = id < 3 ? 100 : 200;
        trace.registerWorker(info);
        Event start = event(id, 10 * ms, EventKind::WorkerStart, id < 3 ? 7 : 0);
        start.flags = id < 3 ? std::uint8_t(StartGilInferred) : 0;
        trace.appendEvent(start);
    }
    for (std::uint16_t pass = 0; pass < 3; ++pass) {
        const std::uint64_t t = (pass + 2) * 10 * ms;
        for (std::uint16_t id = 0; id < 4; ++id) {
            const std::uint64_t onCpu = id < 3 ? (pass + 1) * 3 * ms : (pass + 1) * 10 * ms;
            const std::uint64_t runQueue = id < 3 ? (pass + 1) * 300'000 : 0;
            trace.appendSample(event(id, t, EventKind::WorkerSample, pass, onCpu, runQueue));
        }
    }
    trace.run.endNs = 40 * ms;
    trace.finalize();

    std::vector<std::vector<Interval>> running;
    for (std::uint16_t id = 0; id < 3; ++id) {
        const Lane& lane = trace.lane(id);
        std::uint64_t gilWait = 0, runnable = 0;
        running.emplace_back();
        for (const StateSpan& span : lane.spans) {
            if (span.state == LaneState::GilWait) {
                gilWait += span.duration();
                EXPECT_EQ(span.object, 7u) << "drawn as a wait for the interpreter's GIL";
            }
            if (span.state == LaneState::Runnable)
                runnable += span.duration();
            if (span.state == LaneState::Running)
                running.back().push_back(Interval{span.start, span.end});
        }
        // Off CPU 7 ms of each 10: 6.7 ms for the GIL, 0.3 ms for a core.
        EXPECT_NEAR(double(gilWait) / ms, 20.1, 0.2) << lane.info.name;
        EXPECT_NEAR(double(runnable) / ms, 0.9, 0.2) << lane.info.name;
    }
    EXPECT_EQ(maxOverlap(running), 1u) << "one GIL: one thread runs Python at a time";
    for (const StateSpan& span : trace.lane(3).spans)
        EXPECT_EQ(span.state == LaneState::GilWait, false);
}
