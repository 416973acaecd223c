#include "trace/slicestats.h"

#include "trace/tracestore.h"

#include <algorithm>
#include <unordered_map>

namespace interleave {

std::vector<SliceNameTime> busiestSliceNames(const TraceStore& trace,
                                             const std::vector<std::uint16_t>& lanes,
                                             std::size_t limit)
{
    std::unordered_map<std::uint32_t, std::uint64_t> time;
    auto count = [&](std::size_t lane) {
        const SliceRows& rows = trace.lane(lane).slices;
        if (rows.empty())
            return;
        for (const Slice& slice : rows.row(0))
            time[slice.name] += slice.duration();
    };
    if (lanes.empty()) {
        for (std::size_t i = 0; i < trace.laneCount(); ++i)
            count(i);
    } else {
        for (std::uint16_t lane : lanes) {
            if (lane < trace.laneCount())
                count(lane);
        }
    }
    std::vector<SliceNameTime> ranked;
    for (const auto& [name, ns] : time)
        ranked.push_back(SliceNameTime{name, ns});
    std::sort(ranked.begin(), ranked.end(), [](const SliceNameTime& a, const SliceNameTime& b) {
        return a.ns != b.ns ? a.ns > b.ns : a.name < b.name;
    });
    if (ranked.size() > limit)
        ranked.resize(limit);
    return ranked;
}

} // namespace interleave
