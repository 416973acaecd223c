#include "base/clock.h"

#include <atomic>
#include <cstring>
#include <ctime>
#include <fstream>
#include <mutex>
#include <string>
#include <thread>

namespace interleave {

namespace {

std::mutex g_mutex;

std::uint64_t readTsc()
{
#ifdef INTERLEAVE_HAVE_TSC
    return __rdtsc();
#else
    return 0;
#endif
}

/// The kernel only keeps the TSC as its clocksource when it is invariant and synchronised; we
/// trust it under the same conditions.
bool tscIsInvariant()
{
#ifdef INTERLEAVE_HAVE_TSC
    std::ifstream cpuinfo("/proc/cpuinfo");
    std::string line;
    while (std::getline(cpuinfo, line)) {
        if (line.rfind("flags", 0) == 0) {
            return line.find(" constant_tsc") != std::string::npos &&
                   line.find(" nonstop_tsc") != std::string::npos;
        }
    }
#endif
    return false;
}

/// One (tsc, ns) pair with the TSC taken as close to the clock read as possible.
void anchor(std::uint64_t& tsc, std::uint64_t& ns)
{
    std::uint64_t bestWindow = ~0ull;
    for (int i = 0; i < 16; ++i) {
        const std::uint64_t before = readTsc();
        const std::uint64_t clock = Clock::monotonicNs();
        const std::uint64_t after = readTsc();
        if (after - before < bestWindow) {
            bestWindow = after - before;
            tsc = before + (after - before) / 2;
            ns = clock;
        }
    }
}

} // namespace

std::uint64_t Clock::monotonicNs()
{
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return std::uint64_t(ts.tv_sec) * 1'000'000'000ull + std::uint64_t(ts.tv_nsec);
}

ClockCalibration Clock::measure()
{
    ClockCalibration c;
    if (!tscIsInvariant())
        return c;
    std::uint64_t tsc0 = 0, ns0 = 0, tsc1 = 0, ns1 = 0;
    anchor(tsc0, ns0);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    anchor(tsc1, ns1);
    if (tsc1 <= tsc0 || ns1 <= ns0)
        return c;
    c.shift = kTscShift;
    c.mult = ((ns1 - ns0) << c.shift) / (tsc1 - tsc0);
    c.tscBase = tsc1;
    c.nsBase = ns1;
    c.useTsc = c.mult != 0 ? 1 : 0;
    return c;
}

const ClockCalibration& Clock::calibration()
{
    if (!s_ready.load(std::memory_order_acquire)) {
        std::lock_guard lock(g_mutex);
        if (!s_ready.load(std::memory_order_relaxed)) {
            s_calibration = measure();
            s_ready.store(true, std::memory_order_release);
        }
    }
    return s_calibration;
}

void Clock::install(const ClockCalibration& calibration)
{
    std::lock_guard lock(g_mutex);
    s_calibration = calibration;
    // A calibration with another scale (a foreign or damaged segment) is not trusted.
    if (s_calibration.shift != kTscShift)
        s_calibration.useTsc = 0;
    s_ready.store(true, std::memory_order_release);
}

std::uint64_t Clock::nowCalibrating()
{
    calibration();
    return now();
}

} // namespace interleave
