#pragma once

#include "trace/slicerow.h"
#include "trace/tracemodel.h"

#include <array>
#include <cstdint>
#include <initializer_list>
#include <span>
#include <vector>

namespace interleave {

/// What one box on screen stands for: a slice wide enough to see, or a run of neighbouring
/// slices each narrower than the minimum with gaps under it, merged into one (Tracy's way).
struct SliceRun {
    std::uint64_t start = 0;
    std::uint64_t end = 0;
    std::size_t first = 0;   ///< Index in the row of its first slice (colour and name).
    std::uint32_t count = 0; ///< How many slices it stands for.
};

/// A stretch of time [start, end) whose deeper slices are not drawn: under a merged run.
struct HiddenRange {
    std::uint64_t start = 0;
    std::uint64_t end = 0;
};

/// One lane's imported slices, a row per nesting depth, each in time order, 24 bytes a slice.
/// There is no level of detail stored: drawing merges narrow neighbours as it goes, jumping
/// over them by binary search, so a million slices cost what the pixels need and no more
/// memory than the slices.
class SliceRows {
public:
    /// Takes a lane's slices in any order; sorts them into rows.
    void assign(std::span<const Slice> slices);
    void assign(std::initializer_list<Slice> slices)
    {
        assign(std::span(slices.begin(), slices.size()));
    }

    /// For loaders that know how many slices each depth has: rows reserved exactly (no copy of
    /// the slices in between), `add` in any order, then `finishRows` puts rows in time order.
    void reserveRows(std::span<const std::size_t> sizes);
    /// `slice.depth` must be below the number of rows reserved.
    void add(const Slice& slice) { m_rows[slice.depth].append(slice); }
    void finishRows();

    bool empty() const { return m_rows.empty(); }
    int depth() const { return int(m_rows.size()); }
    std::size_t sliceCount() const { return m_count; }
    /// The slices of one depth, in time order.
    const SliceRow& row(int depth) const { return m_rows[std::size_t(depth)]; }
    /// Every slice, depth by depth (for writing files).
    std::vector<Slice> all() const;
    /// Bytes held by the rows, for memory figures.
    std::size_t bytes() const;

    /// The boxes of row `depth` between `from` and `to`: slices at least `minimum` long alone,
    /// narrower neighbours (gaps under `minimum` too) merged. Slices starting inside a `hidden`
    /// range (sorted, under a merged run of the row above) are left out. Cost: boxes times the
    /// logarithm of the row's length.
    void runs(int depth, std::uint64_t from, std::uint64_t to, std::uint64_t minimum,
              const std::vector<HiddenRange>& hidden, std::vector<SliceRun>& out) const;

private:
    std::vector<SliceRow> m_rows;
    std::size_t m_count = 0;
};

} // namespace interleave
