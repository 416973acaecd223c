#include "base/clock.h"

#include <atomic>
#include <cstring>
#include <ctime>
#include <fstream>
#include <mutex>
#include <string>
#include <thread>

#if defined(__x86_64__) || defined(__i386__)
#include <x86intrin.h>
#define INTERLEAVE_HAVE_TSC 1
#endif

namespace interleave {

namespace {

__extension__ using Int128 = __int128;

ClockCalibration g_calibration;
std::atomic<bool> g_ready{false};
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
    c.shift = 32;
    c.mult = ((ns1 - ns0) << c.shift) / (tsc1 - tsc0);
    c.tscBase = tsc1;
    c.nsBase = ns1;
    c.useTsc = c.mult != 0 ? 1 : 0;
    return c;
}

const ClockCalibration& Clock::calibration()
{
    if (!g_ready.load(std::memory_order_acquire)) {
        std::lock_guard lock(g_mutex);
        if (!g_ready.load(std::memory_order_relaxed)) {
            g_calibration = measure();
            g_ready.store(true, std::memory_order_release);
        }
    }
    return g_calibration;
}

void Clock::install(const ClockCalibration& calibration)
{
    std::lock_guard lock(g_mutex);
    g_calibration = calibration;
    g_ready.store(true, std::memory_order_release);
}

std::uint64_t Clock::now()
{
    const ClockCalibration& c = calibration();
    if (!c.useTsc)
        return monotonicNs();
    const std::uint64_t tsc = readTsc();
    // Signed delta: a TSC read a hair before the anchor must not wrap around.
    const Int128 delta = Int128(tsc) - Int128(c.tscBase);
    return std::uint64_t(Int128(c.nsBase) + ((delta * Int128(c.mult)) >> c.shift));
}

} // namespace interleave
