#include "trace/slicerow.h"

#include <algorithm>
#include <numeric>

namespace interleave {

std::uint64_t SliceRow::longLength(std::size_t index) const
{
    const auto it = std::partition_point(m_long.begin(), m_long.end(),
                                         [&](const LongLength& l) { return l.index < index; });
    return it != m_long.end() && it->index == index ? it->length : kLongLength;
}

void SliceRow::append(const Slice& slice)
{
    const std::uint64_t length = slice.end >= slice.start ? slice.end - slice.start : 0;
    Packed packed{slice.start, std::uint32_t(length), slice.name, slice.category, slice.args};
    if (length >= kLongLength) {
        packed.length = kLongLength;
        m_long.push_back(LongLength{m_items.size(), length});
    }
    m_items.push_back(packed);
}

void SliceRow::sortByStart()
{
    const auto byStart = [](const Packed& a, const Packed& b) { return a.start < b.start; };
    if (std::is_sorted(m_items.begin(), m_items.end(), byStart))
        return;
    // Sort an order of indices, so that the long lengths can follow their slices.
    std::vector<std::size_t> order(m_items.size());
    std::iota(order.begin(), order.end(), std::size_t(0));
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return m_items[a].start < m_items[b].start;
    });
    std::vector<Packed> items(m_items.size());
    std::vector<LongLength> longs;
    for (std::size_t i = 0; i < order.size(); ++i) {
        items[i] = m_items[order[i]];
        if (items[i].length == kLongLength)
            longs.push_back(LongLength{i, longLength(order[i])});
    }
    m_items = std::move(items);
    m_long = std::move(longs);
}

} // namespace interleave
