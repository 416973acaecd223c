#include "timeline/timecoordinates.h"

#include <cmath>
#include <cstdio>
#include <optional>

namespace interleave {

std::uint64_t xToTime(double x, const Viewport& v)
{
    const double offset = (x - v.x0) * double(v.end - v.start) / v.width;
    if (offset <= 0)
        return std::uint64_t(std::max(0.0, double(v.start) + offset));
    return v.start + std::uint64_t(std::llround(offset));
}

std::uint64_t tickStep(const Viewport& viewport, double minimumSpacing)
{
    const double wanted = viewport.nsPerPixel() * minimumSpacing;
    std::uint64_t step = 1;
    for (;;) {
        for (const std::uint64_t factor : {1ull, 2ull, 5ull}) {
            if (double(step * factor) >= wanted)
                return step * factor;
        }
        if (step > 1'000'000'000'000'000ull)
            return step;
        step *= 10;
    }
}

std::vector<Tick> rulerTicks(const Viewport& viewport, std::uint64_t origin, double minimumSpacing)
{
    const std::uint64_t step = tickStep(viewport, minimumSpacing);
    // Minor ticks split a 1 or 2 step in halves or fifths, keeping them round.
    const std::uint64_t digit = [&] {
        std::uint64_t s = step;
        while (s >= 10 && s % 10 == 0)
            s /= 10;
        return s;
    }();
    const std::uint64_t minor = digit == 2 ? step / 4 : step / 5;
    std::vector<Tick> ticks;
    if (minor == 0)
        return ticks;
    // Ticks are aligned to the origin so that labels read 0, 5 ms, 10 ms...
    const std::int64_t from = std::int64_t(viewport.start) - std::int64_t(origin);
    std::int64_t first = from >= 0 ? from / std::int64_t(minor) * std::int64_t(minor)
                                   : -((-from + std::int64_t(minor) - 1) / std::int64_t(minor)) *
                                         std::int64_t(minor);
    // Deep in a long trace "1.173305 s" on every tick says the same digits over and over: then
    // the first major tick says where the window is and the others how far on ("+20 µs").
    const bool relative = std::llabs(from) / std::int64_t(step) >= 1000;
    std::optional<std::int64_t> base;
    for (std::int64_t offset = first;; offset += std::int64_t(minor)) {
        const auto t = std::uint64_t(std::int64_t(origin) + offset);
        if (std::int64_t(origin) + offset < 0)
            continue;
        if (t > viewport.end)
            break;
        Tick tick;
        tick.t = t;
        tick.x = timeToX(t, viewport);
        tick.major = offset % std::int64_t(step) == 0;
        if (tick.major && relative && t >= viewport.start) {
            if (!base) {
                base = offset;
                tick.label = formatOffset(offset, step);
            } else {
                tick.label = "+" + formatOffset(offset - *base, step);
            }
        } else if (tick.major) {
            tick.label = formatOffset(offset, step);
        }
        ticks.push_back(tick);
        if (ticks.size() > 10'000)
            break;
    }
    return ticks;
}

} // namespace interleave
