#include "base/futex.h"
#include "shm/sharedsegment.h"
#include "shm/spscring.h"

#include <atomic>
#include <chrono>
#include <gtest/gtest.h>
#include <sched.h>
#include <thread>
#include <vector>

using namespace interleave;

namespace {

struct RingUnderTest {
    explicit RingUnderTest(std::uint32_t capacity)
        : segment(SharedSegment::create([capacity] {
            SegmentConfig c;
            c.ringCapacity = capacity;
            c.slotCapacity = 1;
            return c;
        }()))
    {
        segment.reserveSlot();
    }
    RingProducer producer()
    {
        return RingProducer(&segment.slot(0).ring, segment.ringBuffer(0),
                            segment.header().ringCapacity, &segment.header().stop);
    }
    RingConsumer consumer()
    {
        return RingConsumer(&segment.slot(0).ring, segment.ringBuffer(0),
                            segment.header().ringCapacity);
    }
    SharedSegment segment;
};

Event numbered(std::uint64_t n)
{
    Event e;
    e.tNs = n;
    e.kind = EventKind::Mark;
    e.a = n * 3;
    e.b = ~n;
    return e;
}

/// Drains everything until `expected` events arrived; checks order and content.
void consumeInOrder(RingConsumer consumer, std::uint64_t expected, bool slow)
{
    std::vector<Event> batch(512);
    std::uint64_t next = 0;
    while (next < expected) {
        const std::size_t n = consumer.drain(batch.data(), batch.size());
        for (std::size_t i = 0; i < n; ++i, ++next) {
            ASSERT_EQ(batch[i].tNs, next);
            ASSERT_EQ(batch[i].a, next * 3);
            ASSERT_EQ(batch[i].b, ~next);
        }
        if (n == 0 || slow)
            std::this_thread::sleep_for(std::chrono::microseconds(slow ? 200 : 10));
    }
}

} // namespace

TEST(SpscRing, DeliversEveryEventInOrderAcrossThreads)
{
    RingUnderTest ring(1024);
    constexpr std::uint64_t kCount = 2'000'000;
    std::thread producer([p = ring.producer()]() mutable {
        for (std::uint64_t i = 0; i < kCount; ++i)
            p.push(numbered(i));
    });
    consumeInOrder(ring.consumer(), kCount, false);
    producer.join();
    EXPECT_EQ(ring.segment.slot(0).ring.dropped.load(), 0u);
}

TEST(SpscRing, FullRingMakesTheProducerWaitAndCountsIt)
{
    RingUnderTest ring(64);
    constexpr std::uint64_t kCount = 20'000;
    std::thread producer([p = ring.producer()]() mutable {
        for (std::uint64_t i = 0; i < kCount; ++i)
            p.push(numbered(i));
    });
    consumeInOrder(ring.consumer(), kCount, true); // a deliberately slow consumer
    producer.join();
    const RingControl& control = ring.segment.slot(0).ring;
    EXPECT_GT(control.fullWaits.load(), 0u);
    EXPECT_GT(control.stallNs.load(), 0u);
    EXPECT_EQ(control.dropped.load(), 0u) << "a live run must never drop";
}

TEST(SpscRing, OnlyATornDownRunWithNoConsumerGivesUpAndCountsTheLoss)
{
    RingUnderTest ring(64);
    RingProducer producer = ring.producer();
    for (std::uint64_t i = 0; i < 64; ++i)
        producer.push(numbered(i));
    ring.segment.requestStop();
    const auto start = std::chrono::steady_clock::now();
    producer.push(numbered(64)); // full, stopping, nobody drains
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
    EXPECT_EQ(ring.segment.slot(0).ring.dropped.load(), 1u);
    EXPECT_EQ(ring.consumer().pending(), 64u);
}

TEST(SpscRing, AHalfFullRingWakesASleepingCollectorOnce)
{
    RingUnderTest ring(64);
    CollectorWake& wake = ring.segment.header().collectorWake;
    RingProducer producer = ring.segment.producer(0);
    for (std::uint64_t i = 0; i < 31; ++i)
        producer.push(numbered(i));
    wake.sleeping.store(1);
    producer.push(numbered(31));
    EXPECT_EQ(wake.sequence.load(), 0u) << "not half full yet: let the collector sleep";
    producer.push(numbered(32));
    EXPECT_EQ(wake.sequence.load(), 1u) << "half full: the sleeping collector is woken";
    EXPECT_EQ(wake.sleeping.load(), 0u);
    for (std::uint64_t i = 33; i < 64; ++i)
        producer.push(numbered(i));
    EXPECT_EQ(wake.sequence.load(), 1u) << "one wake is enough";
    EXPECT_EQ(ring.consumer().pending(), 64u);
}

/// A producer facing a full ring says it waits, and on which CPU, so that the collector can
/// give way to it; once asleep it says so too (only then does the collector pay for a wake),
/// and the first drain lets it go on.
TEST(SpscRing, AWaitingProducerSaysWhereAndWhenItSleeps)
{
    RingUnderTest ring(64);
    RingControl& control = ring.segment.slot(0).ring;
    RingProducer producer = ring.producer();
    for (std::uint64_t i = 0; i < 64; ++i)
        producer.push(numbered(i));
    EXPECT_EQ(control.producerWaiting.load(), 0u);
    std::thread late([&producer] { producer.push(numbered(64)); });
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while ((control.producerWaiting.load() & 1) == 0 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::microseconds(100));
    const std::uint32_t waiting = control.producerWaiting.load();
    EXPECT_EQ(waiting & 1, 1u) << "no collector to spin for: the producer sleeps";
    EXPECT_LT((waiting >> 1) - 1, std::uint32_t(CPU_SETSIZE)) << "its CPU is named";
    Event first;
    EXPECT_EQ(ring.consumer().drain(&first, 1), 1u);
    late.join();
    EXPECT_EQ(control.producerWaiting.load(), 0u) << "room: it no longer waits";
    EXPECT_EQ(control.fullWaits.load(), 1u);
    EXPECT_EQ(control.dropped.load(), 0u);
    EXPECT_EQ(ring.consumer().pending(), 64u);
}

TEST(Futex, WaitTimesOutAndWakeReleasesWaiters)
{
    std::atomic<std::uint32_t> word{0};
    EXPECT_FALSE(futexWait(&word, 0, 1'000'000));
    std::thread waker([&word] {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        word.store(1);
        futexWakeAll(&word);
    });
    while (word.load() == 0)
        futexWait(&word, 0, 2'000'000'000);
    waker.join();
    EXPECT_EQ(word.load(), 1u);
}
