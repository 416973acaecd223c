#include "base/durationformat.h"

#include <cstdio>
#include <cstdlib>

namespace interleave {

std::string formatOffset(std::int64_t ns, std::uint64_t step)
{
    struct Unit {
        std::uint64_t scale;
        const char* name;
    };
    static const Unit units[] = {{1'000'000'000, "s"}, {1'000'000, "ms"}, {1'000, "µs"}, {1, "ns"}};
    const std::uint64_t magnitude = std::uint64_t(std::llabs(ns));
    for (const Unit& unit : units) {
        if (magnitude >= unit.scale || unit.scale == 1 || (ns == 0 && step >= unit.scale)) {
            // As many decimals as the step has in this unit: 0.25 s steps need two.
            int decimals = 0;
            for (std::uint64_t s = unit.scale; decimals < 6 && step % s != 0; s /= 10)
                ++decimals;
            char text[48];
            std::snprintf(text, sizeof text, "%.*f %s", decimals, double(ns) / double(unit.scale),
                          unit.name);
            return text;
        }
    }
    return std::to_string(ns) + " ns";
}

std::string formatPrecise(std::uint64_t ns)
{
    char text[48];
    if (ns >= 1'000'000'000)
        std::snprintf(text, sizeof text, "%.4g s", double(ns) / 1e9);
    else if (ns >= 1'000'000)
        std::snprintf(text, sizeof text, "%.4g ms", double(ns) / 1e6);
    else if (ns >= 1'000)
        std::snprintf(text, sizeof text, "%.4g µs", double(ns) / 1e3);
    else
        std::snprintf(text, sizeof text, "%llu ns", static_cast<unsigned long long>(ns));
    return text;
}

std::string formatBrief(std::uint64_t ns)
{
    auto scaled = [](double value, const char* unit) {
        char text[32];
        const int decimals = value < 10 ? 2 : value < 100 ? 1 : 0;
        std::snprintf(text, sizeof text, "%.*f %s", decimals, value, unit);
        return std::string(text);
    };
    if (ns >= 1'000'000'000)
        return scaled(double(ns) / 1e9, "s");
    if (ns >= 1'000'000)
        return scaled(double(ns) / 1e6, "ms");
    if (ns >= 1'000)
        return scaled(double(ns) / 1e3, "µs");
    return std::to_string(ns) + " ns";
}

} // namespace interleave
