#pragma once

#include "base/durationformat.h"

#include <cstdint>
#include <string>
#include <vector>

namespace interleave {

/// A visible time window [start, end) mapped onto `width` pixels starting at x0. Times are
/// absolute nanoseconds; every conversion works relative to the window in doubles, so deep zoom
/// into a long trace loses no precision.
struct Viewport {
    std::uint64_t start = 0;
    std::uint64_t end = 1;
    double x0 = 0;
    double width = 1;

    double nsPerPixel() const { return double(end - start) / width; }
};

std::uint64_t xToTime(double x, const Viewport& viewport);

/// Maps times to x in one viewport; kept, it divides the scale out once for many times (a
/// frame maps tens of thousands of span ends).
class TimeToX {
public:
    explicit TimeToX(const Viewport& v)
        : m_start(v.start)
        , m_x0(v.x0)
        , m_pixelsPerNs(v.width / double(v.end - v.start))
    {
    }
    double operator()(std::uint64_t t) const
    {
        const double offset = t >= m_start ? double(t - m_start) : -double(m_start - t);
        return m_x0 + offset * m_pixelsPerNs;
    }

private:
    std::uint64_t m_start;
    double m_x0;
    double m_pixelsPerNs;
};

inline double timeToX(std::uint64_t t, const Viewport& v)
{
    return TimeToX(v)(t);
}

/// One mark on the time ruler.
struct Tick {
    std::uint64_t t = 0;
    double x = 0;
    bool major = false;
    std::string label; ///< Only on major ticks: time since `origin`.
};

/// Ticks at 1-2-5 steps, majors at least `minimumSpacing` pixels apart, labelled relative to
/// `origin` in a unit that suits the step (ns, µs, ms, s).
std::vector<Tick> rulerTicks(const Viewport& viewport, std::uint64_t origin,
                             double minimumSpacing = 90.0);

/// The major tick step (ns) rulerTicks() would use.
std::uint64_t tickStep(const Viewport& viewport, double minimumSpacing = 90.0);

} // namespace interleave
