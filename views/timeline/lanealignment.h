#pragma once

#include <vector>

namespace interleave {

class LaneLayout;

/// Where the rows of two traces' layouts go when they are stacked for comparison: a lane of
/// the same name (or the same worker number: Thread-2 and Process-2) sits at the same height
/// in both, group headers opposite each other; a row the other trace lacks leaves a gap there.
struct LaneAlignment {
    std::vector<int> firstTops, firstHeights;
    std::vector<int> secondTops, secondHeights;
    int contentHeight = 0; ///< The same for both.

    /// Moves one side's rows (0: first, 1: second) to their aligned places.
    void apply(LaneLayout& layout, int side) const;
};

/// Matches the rows of two layouts in order (the best-scoring common subsequence) and lays
/// them out side by side, each matched pair as tall as the taller of the two.
LaneAlignment alignLanes(const LaneLayout& first, const LaneLayout& second);

} // namespace interleave
