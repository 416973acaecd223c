#include "base/clock.h"

#include <algorithm>
#include <cstdint>
#include <gtest/gtest.h>

namespace interleave {
namespace {

/// The recording clock must tell the kernel's CLOCK_MONOTONIC time: timestamps of worker
/// processes, the sampler and the supervisor are compared with each other.
TEST(Clock, AgreesWithTheKernelClockWithinAMillisecond)
{
    std::int64_t worst = 0;
    for (int i = 0; i < 1000; ++i) {
        const std::uint64_t before = Clock::monotonicNs();
        const std::uint64_t now = Clock::now();
        const std::uint64_t after = Clock::monotonicNs();
        if (now < before)
            worst = std::max<std::int64_t>(worst, std::int64_t(before - now));
        if (now > after)
            worst = std::max<std::int64_t>(worst, std::int64_t(now - after));
    }
    EXPECT_LT(worst, 1'000'000) << "ns outside the kernel clock's window";
}

TEST(Clock, NeverGoesBackwardsOnOneThread)
{
    std::uint64_t last = Clock::now();
    for (int i = 0; i < 100000; ++i) {
        const std::uint64_t now = Clock::now();
        ASSERT_GE(now, last) << "at read " << i;
        last = now;
    }
}

/// A calibration from a segment with another fixed-point scale is not used for the TSC: the
/// clock falls back to the kernel's, and keeps agreeing with it.
TEST(Clock, ACalibrationWithAnotherScaleFallsBackToTheKernelClock)
{
    const ClockCalibration mine = Clock::calibration();
    ClockCalibration foreign = mine;
    foreign.useTsc = 1;
    foreign.shift = kTscShift + 8; // mult would mean 256 times the ns per tick
    foreign.mult = mine.mult == 0 ? 1 : mine.mult;
    Clock::install(foreign);
    EXPECT_EQ(Clock::calibration().useTsc, 0u);
    const std::uint64_t before = Clock::monotonicNs();
    const std::uint64_t now = Clock::now();
    const std::uint64_t after = Clock::monotonicNs();
    EXPECT_GE(now, before);
    EXPECT_LE(now, after);
    Clock::install(mine);
    EXPECT_EQ(Clock::calibration().useTsc, mine.useTsc);
}

} // namespace
} // namespace interleave
