#include "base/errors.h"
#include "shm/sharedsegment.h"

#include <gtest/gtest.h>
#include <string>
#include <unistd.h>

using namespace interleave;

TEST(SharedSegment, AttachSeesTheSameMemoryAndHeader)
{
    SharedSegment segment = SharedSegment::create(SegmentConfig{});
    const std::uint32_t id = segment.strings().intern("hello, worker");
    segment.header().slotsUsed.store(3);

    const int copy = dup(segment.fd());
    SharedSegment attached = SharedSegment::attach(copy);
    EXPECT_EQ(attached.header().magic, kSegmentMagic);
    EXPECT_EQ(attached.header().version, kSegmentVersion);
    EXPECT_EQ(attached.slotCount(), 3u);
    EXPECT_EQ(attached.strings().lookup(id), "hello, worker");
    EXPECT_EQ(attached.header().ringCapacity, segment.header().ringCapacity);
}

TEST(SharedSegment, RingCapacityIsAPowerOfTwo)
{
    SegmentConfig config;
    config.ringCapacity = 1000;
    SharedSegment segment = SharedSegment::create(config);
    EXPECT_EQ(segment.header().ringCapacity, 1024u);
}

TEST(SharedSegment, AttachRejectsAForeignOrDamagedSegment)
{
    SharedSegment segment = SharedSegment::create(SegmentConfig{});
    segment.header().version = kSegmentVersion + 1;
    EXPECT_THROW(SharedSegment::attach(dup(segment.fd())), FormatError);
    segment.header().version = kSegmentVersion;
    segment.header().magic = 0;
    EXPECT_THROW(SharedSegment::attach(dup(segment.fd())), FormatError);
    segment.header().magic = kSegmentMagic;
    segment.header().slotStride = 1; // rings would overlap
    EXPECT_THROW(SharedSegment::attach(dup(segment.fd())), FormatError);
}

TEST(SharedSegment, SlotsAndObjectsRunOutWithAClearError)
{
    SegmentConfig config;
    config.slotCapacity = 2;
    config.objectCapacity = 1;
    SharedSegment segment = SharedSegment::create(config);
    EXPECT_EQ(segment.reserveSlot(), 0u);
    EXPECT_EQ(segment.reserveSlot(), 1u);
    EXPECT_THROW(segment.reserveSlot(), UsageError);
    EXPECT_EQ(segment.slotCount(), 2u);
    EXPECT_EQ(segment.reserveObject(), 0u);
    EXPECT_THROW(segment.reserveObject(), UsageError);
}

TEST(StringArena, FullArenaDropsAndCountsInsteadOfBlocking)
{
    SegmentConfig config;
    config.arenaBytes = 64;
    SharedSegment segment = SharedSegment::create(config);
    const std::uint32_t first = segment.strings().intern("0123456789012345678901234567890");
    EXPECT_NE(first, 0u);
    const std::uint32_t second = segment.strings().intern(std::string(100, 'x'));
    EXPECT_EQ(second, 0u);
    EXPECT_EQ(segment.header().stringsDropped.load(), 1u);
    EXPECT_EQ(segment.strings().lookup(first), "0123456789012345678901234567890");
    EXPECT_TRUE(segment.strings().lookup(0).empty());
    EXPECT_TRUE(segment.strings().lookup(999999).empty()); // out of bounds: empty, no crash
}

// Regression: in a process started without stdin (CI runs the tests so), the segment got fd 0,
// and a traced program's stdin (/dev/null) replaced the segment it inherited: it ran untraced.
TEST(SharedSegment, ItsFdIsNeverAStandardStream)
{
    const int savedStdin = dup(STDIN_FILENO);
    ASSERT_GE(savedStdin, 0);
    close(STDIN_FILENO);
    int fd = -1;
    {
        SharedSegment segment = SharedSegment::create(SegmentConfig{});
        fd = segment.fd();
    }
    dup2(savedStdin, STDIN_FILENO);
    close(savedStdin);
    EXPECT_GT(fd, STDERR_FILENO);
}
