#pragma once

#include <cstdint>

namespace interleave {

/// Maps CPU timestamp-counter ticks to CLOCK_MONOTONIC nanoseconds. Every process of a run uses
/// the same calibration (it travels in the shared segment), so timestamps agree across processes.
struct ClockCalibration {
    std::uint64_t tscBase = 0; ///< TSC reading at the anchor.
    std::uint64_t nsBase = 0;  ///< CLOCK_MONOTONIC ns at the anchor.
    std::uint64_t mult = 0;    ///< ns per tick, fixed point with `shift` fractional bits.
    std::uint32_t shift = 0;
    std::uint32_t useTsc = 0; ///< 0: the TSC is not trustworthy here, read the clock directly.
};

/// The recording clock. rdtsc costs about half of a vDSO clock_gettime, which matters on the
/// producer hot path; where the TSC is not invariant it falls back to clock_gettime.
class Clock {
public:
    /// Calibration of this process: measured once, lazily, unless one was installed.
    static const ClockCalibration& calibration();
    /// Adopts the parent's calibration (worker processes do this before recording anything).
    static void install(const ClockCalibration& calibration);
    /// CLOCK_MONOTONIC nanoseconds, via the calibrated TSC when possible.
    static std::uint64_t now();
    /// CLOCK_MONOTONIC nanoseconds straight from the kernel.
    static std::uint64_t monotonicNs();

private:
    static ClockCalibration measure();
};

} // namespace interleave
