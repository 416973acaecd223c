#include "trace/slicerows.h"

#include "base/gallop.h"

#include <algorithm>

namespace interleave {

void SliceRows::assign(std::span<const Slice> slices)
{
    std::uint16_t deepest = 0;
    for (const Slice& slice : slices)
        deepest = std::max(deepest, slice.depth);
    std::vector<std::size_t> sizes(slices.empty() ? 0 : std::size_t(deepest) + 1, 0);
    for (const Slice& slice : slices)
        ++sizes[slice.depth];
    reserveRows(sizes);
    for (const Slice& slice : slices)
        add(slice);
    finishRows();
}

void SliceRows::reserveRows(std::span<const std::size_t> sizes)
{
    m_rows.assign(sizes.size(), {});
    for (std::size_t d = 0; d < sizes.size(); ++d) {
        m_rows[d].m_items.reserve(sizes[d]);
        m_rows[d].m_depth = std::uint16_t(d);
    }
    m_count = 0;
}

void SliceRows::finishRows()
{
    m_count = 0;
    // Importers deliver rows in time order already; only the others are sorted.
    for (SliceRow& row : m_rows) {
        row.sortByStart();
        m_count += row.size();
    }
}

void SliceRows::runs(int depth, std::uint64_t from, std::uint64_t to, std::uint64_t minimum,
                     const std::vector<HiddenRange>& hidden, std::vector<SliceRun>& out) const
{
    const SliceRow& row = m_rows[std::size_t(depth)];
    const std::size_t size = row.size();
    minimum = std::max<std::uint64_t>(minimum, 1);
    // Indices, not iterators: the packed row is read through its accessors.
    const auto firstWhere = [&](std::size_t first, auto&& predicate) {
        return gallopIndex(first, size, predicate);
    };
    std::size_t i = partitionIndex(0, size, [&](std::size_t k) { return row.endOf(k) <= from; });
    auto hide = std::partition_point(hidden.begin(), hidden.end(),
                                     [&](const HiddenRange& h) { return h.end <= from; });
    while (i < size && row.startOf(i) < to) {
        const std::uint64_t start = row.startOf(i);
        // Under a merged run of the row above: nothing of this row is drawn there.
        while (hide != hidden.end() && hide->end <= start)
            ++hide;
        if (hide != hidden.end() && hide->start <= start) {
            const std::uint64_t after = hide->end;
            i = firstWhere(i, [&](std::size_t k) { return row.startOf(k) < after; });
            continue;
        }
        if (row.length(i) >= minimum) {
            out.push_back(SliceRun{start, row.endOf(i), i, 1});
            ++i;
            continue;
        }
        // Narrow: take in every following slice that ends before the run's end plus the
        // minimum (each of those is narrow and close), by binary search, until one does not.
        const std::size_t first = i;
        std::uint64_t end = row.endOf(i);
        ++i;
        while (i < size) {
            const std::uint64_t reach = end + minimum;
            const std::size_t next =
                firstWhere(i, [&](std::size_t k) { return row.endOf(k) < reach; });
            if (next != i) {
                end = std::max(end, row.endOf(next - 1));
                i = next;
            } else if (row.startOf(i) < reach && row.length(i) < minimum) {
                end = std::max(end, row.endOf(i));
                ++i;
            } else {
                break;
            }
        }
        out.push_back(SliceRun{start, end, first,
                               std::uint32_t(std::min<std::size_t>(i - first, 0xFFFFFFFF))});
    }
}

std::vector<Slice> SliceRows::all() const
{
    std::vector<Slice> out;
    out.reserve(m_count);
    for (const SliceRow& row : m_rows)
        out.insert(out.end(), row.begin(), row.end());
    return out;
}

std::size_t SliceRows::bytes() const
{
    std::size_t total = m_rows.capacity() * sizeof(SliceRow);
    for (const SliceRow& row : m_rows)
        total += row.bytes();
    return total;
}

} // namespace interleave
