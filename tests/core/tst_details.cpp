// What the details panel, tooltips, copy and Find say about things on the timeline.
#include "testsupport.h"
#include "trace/details.h"
#include "trace/search.h"

#include <gtest/gtest.h>

using namespace interleave;

namespace {

std::uint16_t laneId(const TraceStore& trace, const std::string& name)
{
    for (std::size_t i = 0; i < trace.laneCount(); ++i)
        if (trace.lane(i).info.name == name)
            return std::uint16_t(i);
    return kNoWorker;
}

const DetailRow* row(const Details& details, const std::string& field)
{
    for (const DetailRow& r : details.rows)
        if (r.field == field)
            return &r;
    return nullptr;
}

} // namespace

TEST(Details, AGetLeadsToThePutOfItsItemAndBack)
{
    const auto trace =
        test::runScenario("process-queue", {{"messages", "3"}, {"time_scale", "0.05"}});
    const std::uint16_t getter = laneId(*trace, "f2");
    const std::uint16_t putter = laneId(*trace, "f1");
    ASSERT_NE(getter, kNoWorker);
    const Lane& lane = trace->lane(getter);
    std::size_t get = 0;
    while (get < lane.events.size() && lane.events.kind(get) != EventKind::QueueGet)
        ++get;
    ASSERT_LT(get, lane.events.size());
    TimelineItem item;
    item.kind = TimelineItem::Kind::Event;
    item.lane = getter;
    item.index = get;
    const Details details = describe(*trace, item, trace->run.startNs);
    EXPECT_EQ(details.title.rfind("get ", 0), 0u) << details.title;
    ASSERT_NE(row(details, "item"), nullptr);
    const DetailRow* from = row(details, "came from");
    ASSERT_NE(from, nullptr) << details.text();
    ASSERT_TRUE(from->link.has_value());
    EXPECT_EQ(from->link->lane, putter);
    // The link leads to a put on the other lane, before the get.
    const Lane& put = trace->lane(putter);
    const std::size_t at = put.events.lowerBound(from->link->start);
    ASSERT_LT(at, put.events.size());
    EXPECT_EQ(put.events.kind(at), EventKind::QueuePut);
    EXPECT_LE(from->link->start, lane.events.time(get));
    EXPECT_NE(details.text().find("came from"), std::string::npos);
}

TEST(Details, ALockWaitNamesItsLockAndWhoReleasedIt)
{
    const auto trace = test::runScenario("lock-serialized-threads", {{"time_scale", "0.05"}});
    const std::uint16_t waiter = laneId(*trace, "Thread-2");
    ASSERT_NE(waiter, kNoWorker);
    for (const StateSpan& span : trace->lane(waiter).spans) {
        if (span.state != LaneState::LockWait)
            continue;
        const Details details = describeSpan(*trace, waiter, span, trace->run.startNs);
        EXPECT_NE(details.title.find("waiting for lock"), std::string::npos) << details.title;
        const DetailRow* ended = row(details, "ended when");
        ASSERT_NE(ended, nullptr) << details.text();
        EXPECT_NE(ended->value.find("Thread-1 released"), std::string::npos) << ended->value;
        EXPECT_EQ(ended->link->lane, laneId(*trace, "Thread-1"));
        return;
    }
    FAIL() << "no lock wait";
}

TEST(Details, SliceArgsBecomeOneRowPerKey)
{
    const auto args = flattenArgs(R"({"url":"/index.html","size":1200,"nested":{"a":true}})");
    ASSERT_EQ(args.size(), 3u);
    EXPECT_EQ(args[0], (std::pair<std::string, std::string>{"url", "/index.html"}));
    EXPECT_EQ(args[1], (std::pair<std::string, std::string>{"size", "1200"}));
    EXPECT_EQ(args[2], (std::pair<std::string, std::string>{"nested.a", "true"}));
    EXPECT_TRUE(flattenArgs("{}").empty());
    EXPECT_EQ(flattenArgs("{broken").size(), 1u); // shown as it is, not dropped
}

TEST(Search, FindsLanesObjectsAndPrintedTextInTimeOrder)
{
    const auto trace = test::runScenario("threads-interleaved", {{"time_scale", "0.05"}});
    const auto lanes = searchTrace(*trace, "thread-2", trace->run.startNs);
    ASSERT_FALSE(lanes.empty());
    EXPECT_EQ(lanes.front().kind, SearchHit::Kind::Lane);
    EXPECT_EQ(lanes.front().target.lane, laneId(*trace, "Thread-2"));
    // Printed lines: every match, in time order, each an event on its lane.
    const auto prints = searchTrace(*trace, "7", trace->run.startNs);
    std::size_t printed = 0;
    std::uint64_t previous = 0;
    for (const SearchHit& hit : prints) {
        if (hit.kind != SearchHit::Kind::Print)
            continue;
        ++printed;
        EXPECT_GE(hit.target.start, previous);
        previous = hit.target.start;
        EXPECT_EQ(hit.item.kind, TimelineItem::Kind::Event);
        EXPECT_EQ(trace->lane(hit.item.lane).events.kind(hit.item.index), EventKind::Print);
    }
    EXPECT_EQ(printed, 3u) << "each of the three threads prints 7 once";
    EXPECT_TRUE(searchTrace(*trace, "no such text anywhere", trace->run.startNs).empty());
    EXPECT_LE(searchTrace(*trace, "e", trace->run.startNs, 5).size(), 5u);
}
