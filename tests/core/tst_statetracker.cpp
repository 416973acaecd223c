#include "trace/statetracker.h"
#include "trace/tracestore.h"

#include <gtest/gtest.h>
#include <vector>

using namespace interleave;

namespace {

Event at(std::uint64_t t, EventKind kind, std::uint16_t object = 0, std::uint64_t a = 0,
         std::uint8_t flags = 0)
{
    Event e;
    e.tNs = t;
    e.kind = kind;
    e.object = object;
    e.a = a;
    e.flags = flags;
    return e;
}

struct Expected {
    std::uint64_t start, end;
    LaneState state;
};

SpanList track(const std::vector<Event>& events, std::uint64_t end)
{
    StateTracker tracker;
    SpanList spans;
    for (const Event& e : events)
        tracker.onEvent(e, spans);
    tracker.close(end, spans);
    return spans;
}

void expectSpans(const SpanList& spans, const std::vector<Expected>& expected)
{
    ASSERT_EQ(spans.size(), expected.size());
    for (std::size_t i = 0; i < spans.size(); ++i) {
        SCOPED_TRACE(i);
        EXPECT_EQ(spans[i].start, expected[i].start);
        EXPECT_EQ(spans[i].end, expected[i].end);
        EXPECT_EQ(laneStateName(spans[i].state), laneStateName(expected[i].state));
    }
}

} // namespace

TEST(StateTracker, GilThreadWaitsRunsSleepsAndFinishes)
{
    const auto spans = track(
        {
            at(10, EventKind::WorkerStart, 0, /*spawn*/ 5, StartNeedsGil),
            at(12, EventKind::GilAcquire, 1),
            at(20, EventKind::SleepBegin),
            at(21, EventKind::GilRelease, 1, 0, std::uint8_t(GilReleaseReason::Blocking)),
            at(30, EventKind::SleepEnd),
            at(31, EventKind::GilRequest, 1),
            at(35, EventKind::GilAcquire, 1, 0, LockContended),
            at(40, EventKind::GilRelease, 1, 0, std::uint8_t(GilReleaseReason::Exit)),
            at(41, EventKind::WorkerEnd),
        },
        50);
    expectSpans(spans, {{5, 10, LaneState::Starting},
                        {10, 12, LaneState::GilWait},
                        {12, 20, LaneState::Running},
                        {20, 30, LaneState::Sleeping},
                        {30, 35, LaneState::GilWait},
                        {35, 40, LaneState::Running},
                        {40, 50, LaneState::Finished}});
    EXPECT_EQ(spans[4].object, 1);
}

TEST(StateTracker, LockQueueAndJoinWaitsCarryTheirObject)
{
    const auto spans = track(
        {
            at(0, EventKind::WorkerStart),
            at(10, EventKind::LockRequest, 3),
            at(15, EventKind::LockAcquire, 3, 0, LockContended),
            at(20, EventKind::QueueGetBegin, 4),
            at(25, EventKind::QueueGet, 4),
            at(30, EventKind::JoinBegin, 0, 2),
            at(40, EventKind::JoinEnd, 0, 2),
            at(45, EventKind::WorkerEnd),
        },
        45);
    expectSpans(spans, {{0, 10, LaneState::Running},
                        {10, 15, LaneState::LockWait},
                        {15, 20, LaneState::Running},
                        {20, 25, LaneState::QueueWait},
                        {25, 30, LaneState::Running},
                        {30, 40, LaneState::Joining},
                        {40, 45, LaneState::Running}});
    EXPECT_EQ(spans[1].object, 3);
    EXPECT_EQ(spans[3].object, 4);
    EXPECT_EQ(spans[5].related, 2);
}

TEST(StateTracker, AProcessKilledWithoutEndingIsCrashed)
{
    const auto spans = track(
        {
            at(0, EventKind::WorkerStart),
            at(5, EventKind::SleepBegin),
            at(9, EventKind::WorkerExit, 0, 9, std::uint8_t(ExitKind::Signaled)),
        },
        20);
    expectSpans(
        spans,
        {{0, 5, LaneState::Running}, {5, 9, LaneState::Sleeping}, {9, 20, LaneState::Crashed}});
}

// Regression: a pool worker ended by Pool.terminate() (SIGTERM, recorded as killed on request)
// was drawn crashed to the end of the trace.
TEST(StateTracker, AProcessEndedOnRequestIsFinishedNotCrashed)
{
    const auto spans = track(
        {
            at(0, EventKind::WorkerStart),
            at(5, EventKind::SleepBegin),
            at(9, EventKind::WorkerExit, 0, 15, std::uint8_t(ExitKind::Killed)),
        },
        20);
    expectSpans(
        spans,
        {{0, 5, LaneState::Running}, {5, 9, LaneState::Sleeping}, {9, 20, LaneState::Finished}});
}

TEST(StateTracker, AProcessThatEndedAndExitedCleanlyIsFinished)
{
    const auto spans = track({at(0, EventKind::WorkerStart), at(5, EventKind::WorkerEnd),
                              at(7, EventKind::WorkerExit, 0, 0)},
                             10);
    expectSpans(spans, {{0, 5, LaneState::Running}, {5, 10, LaneState::Finished}});
}

TEST(StateTracker, AnUncontendedAcquireIsNotAWait)
{
    const auto spans = track(
        {
            at(0, EventKind::WorkerStart),
            at(10, EventKind::LockRequest, 3),
            at(11, EventKind::LockAcquire, 3),
            at(20, EventKind::LockRelease, 3),
            at(30, EventKind::WorkerEnd),
        },
        30);
    expectSpans(spans, {{0, 30, LaneState::Running}});
}

TEST(MergeRunnable, SplitsOnlyRunningSpans)
{
    const SpanList spans{{0, 10, LaneState::Running, 0, kNoWorker},
                         {10, 20, LaneState::Sleeping, 0, kNoWorker},
                         {20, 30, LaneState::Running, 0, kNoWorker}};
    const auto merged = mergeRunnable(spans, {{2, 4}, {8, 25}});
    expectSpans(merged, {{0, 2, LaneState::Running},
                         {2, 4, LaneState::Runnable},
                         {4, 8, LaneState::Running},
                         {8, 10, LaneState::Runnable},
                         {10, 20, LaneState::Sleeping},
                         {20, 25, LaneState::Runnable},
                         {25, 30, LaneState::Running}});
}

// The interpreter's own GIL: a lane waits for it only from GilRequest to GilAcquire; a sleep that
// has ended is a GIL wait once it asks for the GIL again, not more sleep; without the GIL and not
// waiting for it (an untraced C call) the lane is outside Python.
TEST(StateTracker, TheInterpretersGilIsAWaitOnlyFromRequestToAcquire)
{
    const auto flags = std::uint8_t(StartNeedsGil | StartGilFromInterpreter);
    const auto spans =
        track({at(0, EventKind::WorkerStart, 0, 0, flags), at(10, EventKind::GilAcquire, 1),
               at(20, EventKind::SleepBegin, 0, 50), at(21, EventKind::GilRelease, 1),
               at(70, EventKind::SleepEnd), at(71, EventKind::GilRequest, 1),
               at(90, EventKind::GilAcquire, 1, 0, LockContended),
               at(100, EventKind::GilRelease, 1), at(130, EventKind::GilAcquire, 1)},
              140);
    expectSpans(spans, {{0, 10, LaneState::Sleeping},
                        {10, 20, LaneState::Running},
                        {20, 71, LaneState::Sleeping},
                        {71, 90, LaneState::GilWait},
                        {90, 100, LaneState::Running},
                        {100, 130, LaneState::Sleeping},
                        {130, 140, LaneState::Running}});
}

// The emulated GIL keeps its meaning: not holding it and not blocked is waiting for it.
TEST(StateTracker, TheEmulatedGilStillWaitsWheneverItIsNotHeld)
{
    const auto spans =
        track({at(0, EventKind::WorkerStart, 0, 0, StartNeedsGil), at(10, EventKind::GilAcquire, 1),
               at(20, EventKind::GilRelease, 1), at(30, EventKind::GilAcquire, 1)},
              40);
    expectSpans(spans, {{0, 10, LaneState::GilWait},
                        {10, 20, LaneState::Running},
                        {20, 30, LaneState::GilWait},
                        {30, 40, LaneState::Running}});
}
