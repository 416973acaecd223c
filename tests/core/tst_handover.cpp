#include "testsupport.h"
#include "trace/handover.h"
#include "trace/tracestore.h"

#include <gtest/gtest.h>

using namespace interleave;

TEST(HandOver, ALockWaitEndsWithTheHoldersRelease)
{
    const auto trace = test::runScenario("lock-serialized-threads", {{"time_scale", "0.05"}});
    const Lane* second = test::laneNamed(*trace, "Thread-2");
    const Lane* first = test::laneNamed(*trace, "Thread-1");
    ASSERT_TRUE(first && second);
    bool found = false;
    for (const StateSpan& span : second->spans) {
        if (span.state != LaneState::LockWait || span.duration() < 1'000'000)
            continue;
        const auto handOver = handOverForWait(*trace, second->info.id, span);
        ASSERT_TRUE(handOver.has_value());
        EXPECT_EQ(handOver->kind, HandOver::Kind::Lock);
        EXPECT_EQ(handOver->fromLane, first->info.id);
        EXPECT_EQ(handOver->toLane, second->info.id);
        EXPECT_EQ(handOver->toTime, span.end);
        EXPECT_LE(handOver->fromTime, handOver->toTime) << "release precedes acquire";
        EXPECT_GT(handOver->fromTime, span.start);
        found = true;
    }
    EXPECT_TRUE(found);
}

TEST(HandOver, AGilWaitEndsWithAnotherThreadsRelease)
{
    const auto trace = test::runScenario(
        "gil-cpu-threads", {{"workers", "2"}, {"workload", "factorial"}, {"n", "100000"}});
    std::size_t handOvers = 0;
    for (std::size_t i = 0; i < trace->laneCount(); ++i) {
        for (const StateSpan& span : trace->lane(i).spans) {
            if (span.state != LaneState::GilWait)
                continue;
            if (const auto h = handOverForWait(*trace, std::uint16_t(i), span)) {
                EXPECT_EQ(h->kind, HandOver::Kind::Gil);
                EXPECT_NE(h->fromLane, h->toLane);
                EXPECT_LE(h->fromTime, h->toTime);
                ++handOvers;
            }
        }
    }
    EXPECT_GE(handOvers, 2u);
}

TEST(HandOver, AGetIsTracedToThePutOfTheSameItem)
{
    const auto trace =
        test::runScenario("process-queue", {{"messages", "3"}, {"time_scale", "0.05"}});
    const Lane* getter = test::laneNamed(*trace, "f2");
    const Lane* putter = test::laneNamed(*trace, "f1");
    ASSERT_TRUE(getter && putter);
    std::size_t matched = 0;
    for (std::size_t i = 0; i < getter->events.size(); ++i) {
        if (getter->events.kind(i) != EventKind::QueueGet)
            continue;
        const auto h = handOverForEvent(*trace, getter->info.id, i);
        ASSERT_TRUE(h.has_value());
        EXPECT_EQ(h->fromLane, putter->info.id);
        EXPECT_LT(h->fromTime, h->toTime);
        EXPECT_EQ(h->value, std::int64_t(matched)) << "items 0, 1, 2 in order";
        ++matched;
    }
    EXPECT_EQ(matched, 3u);
    // And the wait before each get points at the same put.
    for (const StateSpan& span : getter->spans) {
        if (span.state == LaneState::QueueWait) {
            const auto h = handOverForWait(*trace, getter->info.id, span);
            ASSERT_TRUE(h.has_value());
            EXPECT_EQ(h->fromLane, putter->info.id);
        }
    }
}

TEST(HandOver, ARecvIsTracedToItsSend)
{
    const auto trace = test::runScenario("pipe", {{"messages", "2"}, {"time_scale", "0.05"}});
    const Lane* receiver = test::laneNamed(*trace, "receiver");
    const Lane* sender = test::laneNamed(*trace, "sender");
    ASSERT_TRUE(receiver && sender);
    std::size_t matched = 0;
    for (std::size_t i = 0; i < receiver->events.size(); ++i) {
        if (receiver->events.kind(i) == EventKind::PipeRecv) {
            const auto h = handOverForEvent(*trace, receiver->info.id, i);
            ASSERT_TRUE(h.has_value());
            EXPECT_EQ(h->kind, HandOver::Kind::Pipe);
            EXPECT_EQ(h->fromLane, sender->info.id);
            ++matched;
        }
    }
    EXPECT_EQ(matched, 2u);
}
