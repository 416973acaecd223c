#include "trace/slicerows.h"

#include <algorithm>
#include <type_traits>

namespace interleave {

std::uint64_t SliceRows::resolution(int level)
{
    return 16'000ull << (2 * (level - 1));
}

int SliceRows::levelFor(double nsPerPixel)
{
    int best = 0;
    for (int k = 1; k <= kLevels; ++k) {
        if (double(resolution(k)) <= nsPerPixel)
            best = k;
    }
    return best;
}

namespace {

/// Folds level `k` from the items of the level below (or the slices, for level 1).
template <class Item, class Duration>
std::vector<FoldedSlice> fold(const std::vector<Item>& below, std::uint64_t minimum,
                              Duration durationOfLongest)
{
    std::vector<FoldedSlice> out;
    out.reserve(below.size() / 2 + 1);
    bool open = false;
    FoldedSlice current;
    std::uint64_t currentLongest = 0;
    for (std::size_t i = 0; i < below.size(); ++i) {
        FoldedSlice item;
        if constexpr (std::is_same_v<Item, Slice>) {
            item = FoldedSlice{below[i].start, below[i].end, std::uint32_t(i), 1};
        } else {
            item = below[i];
        }
        const std::uint64_t itemLongest = durationOfLongest(item);
        const bool shortItem = item.end - item.start < minimum;
        if (open && shortItem && current.end - current.start < minimum &&
            item.start - std::min(item.start, current.end) < minimum) {
            current.end = std::max(current.end, item.end);
            current.count += item.count;
            if (itemLongest > currentLongest) {
                currentLongest = itemLongest;
                current.longest = item.longest;
            }
            continue;
        }
        if (open)
            out.push_back(current);
        current = item;
        currentLongest = itemLongest;
        open = true;
    }
    if (open)
        out.push_back(current);
    return out;
}

} // namespace

void SliceRows::assign(std::vector<Slice> slices)
{
    m_count = slices.size();
    std::uint16_t deepest = 0;
    for (const Slice& slice : slices)
        deepest = std::max(deepest, slice.depth);
    m_rows.assign(slices.empty() ? 0 : std::size_t(deepest) + 1, {});
    for (const Slice& slice : slices)
        m_rows[slice.depth].push_back(slice);
    slices = {};
    m_levels.assign(m_rows.size(), {});
    for (std::size_t d = 0; d < m_rows.size(); ++d) {
        std::vector<Slice>& row = m_rows[d];
        std::stable_sort(row.begin(), row.end(),
                         [](const Slice& a, const Slice& b) { return a.start < b.start; });
        const auto longestOf = [&row](const FoldedSlice& f) { return row[f.longest].duration(); };
        m_levels[d][0] = fold(row, resolution(1), longestOf);
        for (int k = 2; k <= kLevels; ++k)
            m_levels[d][std::size_t(k - 1)] =
                fold(m_levels[d][std::size_t(k - 2)], resolution(k), longestOf);
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
