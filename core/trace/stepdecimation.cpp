#include "trace/stepdecimation.h"

#include <algorithm>

namespace interleave {

std::vector<StepPoint> decimateSteps(const CounterSeries& counter, std::uint64_t start,
                                     std::uint64_t end, std::uint64_t until, int buckets)
{
    const auto& times = counter.times;
    const auto& values = counter.values;
    const std::size_t from =
        std::size_t(std::lower_bound(times.begin(), times.end(), start) - times.begin());
    const std::size_t to =
        std::size_t(std::lower_bound(times.begin(), times.end(), end) - times.begin());
    double current = from > 0 ? values[from - 1] : 0.0;
    std::vector<StepPoint> points;
    points.push_back(StepPoint{start, current});
    const double nsPerBucket = std::max(1.0, double(end - start) / std::max(1, buckets));
    std::size_t i = from;
    while (i < to) {
        const auto bucket = std::uint64_t(double(times[i] - start) / nsPerBucket);
        double low = values[i], high = low, last = low;
        const std::uint64_t t = times[i];
        std::size_t j = i;
        while (j < to && std::uint64_t(double(times[j] - start) / nsPerBucket) == bucket) {
            low = std::min(low, values[j]);
            high = std::max(high, values[j]);
            last = values[j];
            ++j;
        }
        // Every extreme of the column is drawn, however few changes made it: a queue that
        // goes 0 -> 1 -> 0 within one pixel still shows its peak.
        points.push_back(StepPoint{t, current});
        if (high > std::max(current, last))
            points.push_back(StepPoint{t, high});
        if (low < std::min(current, last))
            points.push_back(StepPoint{t, low});
        points.push_back(StepPoint{t, last});
        current = last;
        i = j;
    }
    points.push_back(StepPoint{std::max(start, std::min(end, until)), current});
    return points;
}

} // namespace interleave
