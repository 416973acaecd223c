#pragma once

#include "trace/tracemodel.h"

#include <array>
#include <cstdint>
#include <vector>

namespace interleave {

/// Consecutive slices of one row folded into one, for drawing zoomed out.
struct FoldedSlice {
    std::uint64_t start = 0;
    std::uint64_t end = 0;
    std::uint32_t longest = 0; ///< Index in the row of its longest slice (colour and name).
    std::uint32_t count = 0;   ///< How many slices it stands for.
};

/// One lane's imported slices, a row per nesting depth, with level-of-detail copies: at level
/// k, runs of short slices (each under resolution(k), gaps under it too) fold into one until
/// the fold lasts resolution(k), the way Tracy folds zones. Drawing picks the level whose
/// resolution is about a pixel, so a million slices cost what the pixels need.
class SliceRows {
public:
    static constexpr int kLevels = 12;

    /// Shortest fold at level k: 16 µs · 4^(k-1) (as SpanPyramid).
    static std::uint64_t resolution(int level);
    /// The coarsest level whose resolution is at most `nsPerPixel` (0: the slices themselves).
    static int levelFor(double nsPerPixel);

    /// Takes a lane's slices in any order; sorts them into rows and builds the levels.
    void assign(std::vector<Slice> slices);

    bool empty() const { return m_rows.empty(); }
    int depth() const { return int(m_rows.size()); }
    std::size_t sliceCount() const { return m_count; }
    /// The slices of one depth, in time order.
    const std::vector<Slice>& row(int depth) const { return m_rows[std::size_t(depth)]; }
    /// Level k >= 1 of one depth, in time order.
    const std::vector<FoldedSlice>& folded(int depth, int level) const
    {
        return m_levels[std::size_t(depth)][std::size_t(level - 1)];
    }
    /// Every slice, depth by depth (for writing files).
    std::vector<Slice> all() const;

private:
    std::vector<std::vector<Slice>> m_rows;
    std::vector<std::array<std::vector<FoldedSlice>, kLevels>> m_levels;
    std::size_t m_count = 0;
};

} // namespace interleave
