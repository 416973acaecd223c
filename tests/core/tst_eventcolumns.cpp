#include "trace/eventcolumns.h"

#include <gtest/gtest.h>
#include <random>
#include <vector>

using namespace interleave;

namespace {

std::vector<Event> randomEvents(std::size_t count)
{
    std::mt19937_64 random(42);
    std::vector<Event> events;
    std::uint64_t t = 1'000'000;
    for (std::size_t i = 0; i < count; ++i) {
        Event e;
        t += random() % 5000;
        e.tNs = t;
        e.worker = 7;
        e.kind = EventKind(10 + random() % 5);
        e.flags = std::uint8_t(random());
        e.cpu = std::uint16_t(random() % 64);
        e.object = std::uint16_t(random() % 300);
        // Payloads of every size, including the largest and negative values.
        switch (random() % 4) {
        case 0:
            e.a = 0;
            e.b = 0;
            break;
        case 1:
            e.a = random() % 100;
            e.b = std::uint64_t(-std::int64_t(random() % 100));
            break;
        case 2:
            e.a = random();
            e.b = random();
            break;
        default:
            e.a = ~0ull;
            e.b = std::uint64_t(INT64_MIN);
            break;
        }
        events.push_back(e);
    }
    return events;
}

void expectSame(const Event& x, const Event& y)
{
    EXPECT_EQ(x.tNs, y.tNs);
    EXPECT_EQ(x.worker, y.worker);
    EXPECT_EQ(x.kind, y.kind);
    EXPECT_EQ(x.flags, y.flags);
    EXPECT_EQ(x.cpu, y.cpu);
    EXPECT_EQ(x.object, y.object);
    EXPECT_EQ(x.a, y.a);
    EXPECT_EQ(x.b, y.b);
}

} // namespace

TEST(EventColumns, RandomAccessAndIterationReturnWhatWasAppended)
{
    const std::vector<Event> events = randomEvents(3 * EventColumns::kChunkSize + 123);
    EventColumns columns;
    for (const Event& e : events)
        columns.append(e);
    ASSERT_EQ(columns.size(), events.size());
    for (std::size_t i : {std::size_t(0), std::size_t(63), std::size_t(64), std::size_t(4095),
                          std::size_t(4096), std::size_t(4097), events.size() - 1}) {
        SCOPED_TRACE(i);
        expectSame(columns.at(i, 7), events[i]);
        EXPECT_EQ(columns.time(i), events[i].tNs);
        EXPECT_EQ(columns.kind(i), events[i].kind);
    }
    std::size_t index = 0;
    columns.forEach(0, columns.size(), 7, [&](const Event& e) { expectSame(e, events[index++]); });
    EXPECT_EQ(index, events.size());
    // A range starting mid-chunk, crossing a chunk boundary.
    index = 4000;
    columns.forEach(4000, 4200, 7, [&](const Event& e) { expectSame(e, events[index++]); });
    EXPECT_EQ(index, 4200u);
}

TEST(EventColumns, LowerBoundFindsTheFirstEventAtOrAfterATime)
{
    const std::vector<Event> events = randomEvents(10'000);
    EventColumns columns;
    for (const Event& e : events)
        columns.append(e);
    EXPECT_EQ(columns.lowerBound(0), 0u);
    EXPECT_EQ(columns.lowerBound(events.back().tNs + 1), events.size());
    for (std::size_t i :
         {std::size_t(1), std::size_t(4096), std::size_t(5000), std::size_t(9999)}) {
        const std::size_t found = columns.lowerBound(events[i].tNs);
        EXPECT_LE(found, i);
        EXPECT_EQ(columns.time(found), events[i].tNs);
        if (found > 0) {
            EXPECT_LT(columns.time(found - 1), events[i].tNs);
        }
    }
}

TEST(EventColumns, StoresFewerBytesThanRawEvents)
{
    EventColumns columns;
    const std::vector<Event> events = randomEvents(100'000);
    for (const Event& e : events)
        columns.append(e);
    EXPECT_LT(double(columns.bytesAllocated()) / double(events.size()), double(sizeof(Event)));
}
