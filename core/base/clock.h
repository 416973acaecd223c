#pragma once

#include <atomic>
#include <cstdint>

#if defined(__x86_64__) || defined(__i386__)
#include <x86intrin.h>
#define INTERLEAVE_HAVE_TSC 1
#endif

namespace interleave {

/// Maps CPU timestamp-counter ticks to CLOCK_MONOTONIC nanoseconds. Every process of a run uses
/// the same calibration (it travels in the shared segment), so timestamps agree across processes.
struct ClockCalibration {
    std::uint64_t tscBase = 0; ///< TSC reading at the anchor.
    std::uint64_t nsBase = 0;  ///< CLOCK_MONOTONIC ns at the anchor.
    std::uint64_t mult = 0;    ///< ns per tick, fixed point with `shift` fractional bits.
    std::uint32_t shift = 0;   ///< Always kTscShift when useTsc (a constant shift is cheaper).
    std::uint32_t useTsc = 0;  ///< 0: the TSC is not trustworthy here, read the clock directly.
};

/// Fractional bits of ClockCalibration::mult.
inline constexpr std::uint32_t kTscShift = 32;

/// The recording clock. rdtsc costs about half of a vDSO clock_gettime, which matters on the
/// producer hot path; where the TSC is not invariant it falls back to clock_gettime.
class Clock {
public:
    /// Calibration of this process: measured once, lazily, unless one was installed.
    static const ClockCalibration& calibration();
    /// Adopts the parent's calibration (worker processes do this before recording anything).
    static void install(const ClockCalibration& calibration);
    /// CLOCK_MONOTONIC nanoseconds, via the calibrated TSC when possible. Inline: it is on
    /// every event's path, where a call, a second readiness check and a variable shift cost
    /// a fifth of the producer's time.
    static std::uint64_t now()
    {
        if (!s_ready.load(std::memory_order_acquire)) [[unlikely]]
            return nowCalibrating();
#ifdef INTERLEAVE_HAVE_TSC
        if (s_calibration.useTsc != 0) [[likely]] {
            // Signed delta: a TSC read a hair before the anchor must not wrap around.
            __extension__ using Int128 = __int128;
            const auto delta = Int128(std::int64_t(__rdtsc() - s_calibration.tscBase));
            return std::uint64_t(Int128(s_calibration.nsBase) +
                                 ((delta * Int128(s_calibration.mult)) >> kTscShift));
        }
#endif
        return monotonicNs();
    }
    /// CLOCK_MONOTONIC nanoseconds straight from the kernel.
    static std::uint64_t monotonicNs();

private:
    static ClockCalibration measure();
    static std::uint64_t nowCalibrating();

    static inline ClockCalibration s_calibration;
    static inline std::atomic<bool> s_ready{false};
};

} // namespace interleave
