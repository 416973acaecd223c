#include "trace/slicerows.h"

#include "base/gallop.h"

#include <algorithm>

namespace interleave {

void SliceRows::assign(std::vector<Slice> slices)
{
    m_count = slices.size();
    std::uint16_t deepest = 0;
    for (const Slice& slice : slices)
        deepest = std::max(deepest, slice.depth);
    std::vector<std::size_t> sizes(slices.empty() ? 0 : std::size_t(deepest) + 1, 0);
    for (const Slice& slice : slices)
        ++sizes[slice.depth];
    m_rows.assign(sizes.size(), {});
    for (std::size_t d = 0; d < sizes.size(); ++d)
        m_rows[d].reserve(sizes[d]);
    for (const Slice& slice : slices)
        m_rows[slice.depth].push_back(slice);
    slices = {};
    for (std::vector<Slice>& row : m_rows) {
        // Importers deliver rows in time order already; sort only what is not.
        const auto byStart = [](const Slice& a, const Slice& b) { return a.start < b.start; };
        if (!std::is_sorted(row.begin(), row.end(), byStart))
            std::stable_sort(row.begin(), row.end(), byStart);
    }
}

void SliceRows::runs(int depth, std::uint64_t from, std::uint64_t to, std::uint64_t minimum,
                     const std::vector<HiddenRange>& hidden, std::vector<SliceRun>& out) const
{
    const std::vector<Slice>& row = m_rows[std::size_t(depth)];
    minimum = std::max<std::uint64_t>(minimum, 1);
    auto it =
        std::partition_point(row.begin(), row.end(), [&](const Slice& s) { return s.end <= from; });
    auto hide = std::partition_point(hidden.begin(), hidden.end(),
                                     [&](const HiddenRange& h) { return h.end <= from; });
    while (it != row.end() && it->start < to) {
        // Under a merged run of the row above: nothing of this row is drawn there.
        while (hide != hidden.end() && hide->end <= it->start)
            ++hide;
        if (hide != hidden.end() && hide->start <= it->start) {
            const std::uint64_t after = hide->end;
            it = gallopPartition(it, row.end(), [&](const Slice& s) { return s.start < after; });
            continue;
        }
        if (it->end - it->start >= minimum) {
            out.push_back(SliceRun{it->start, it->end, std::size_t(it - row.begin()), 1});
            ++it;
            continue;
        }
        // Narrow: take in every following slice that ends before the run's end plus the
        // minimum (each of those is narrow and close), by binary search, until one does not.
        const auto first = it;
        std::uint64_t end = it->end;
        ++it;
        while (it != row.end()) {
            const std::uint64_t reach = end + minimum;
            const auto next =
                gallopPartition(it, row.end(), [&](const Slice& s) { return s.end < reach; });
            if (next != it) {
                end = std::max(end, (next - 1)->end);
                it = next;
            } else if (it->start < reach && it->end - it->start < minimum) {
                end = std::max(end, it->end);
                ++it;
            } else {
                break;
            }
        }
        out.push_back(SliceRun{first->start, end, std::size_t(first - row.begin()),
                               std::uint32_t(std::min<std::ptrdiff_t>(it - first, 0xFFFFFFFF))});
    }
}

std::vector<Slice> SliceRows::all() const
{
    std::vector<Slice> out;
    out.reserve(m_count);
    for (const auto& row : m_rows)
        out.insert(out.end(), row.begin(), row.end());
    return out;
}

} // namespace interleave
