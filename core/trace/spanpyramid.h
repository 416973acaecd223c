#pragma once

#include "trace/tracemodel.h"

#include <array>
#include <cstdint>
#include <vector>

namespace interleave {

/// Level-of-detail copies of one lane's spans, so drawing costs what the pixels need, not what
/// the trace holds. Level 0 is the lane's own span list; level k (1..kLevels) merges neighbours
/// until each merged span lasts at least resolution(k), keeping the state that took most of its
/// time (Tracy folds zones the same way). Appending is incremental, so a live recording keeps
/// its pyramid current at the cost of the new spans only.
class SpanPyramid {
public:
    static constexpr int kLevels = 12;

    /// Shortest merged span at level k: 16 µs · 4^(k-1).
    static std::uint64_t resolution(int level);
    /// The coarsest level whose shortest merged spans are at most a pixel long: fine enough for
    /// per-pixel folding, and at most four spans per pixel to fold.
    static int levelFor(double nsPerPixel);

    /// Recomputes every level from `spans` (after a trace is finalised or loaded).
    void rebuild(const SpanList& spans);
    /// Adds the lane's next span (spans arrive in time order).
    void append(const StateSpan& span);

    /// The merged spans of level k >= 1, in time order.
    const SpanList& level(int k) const { return m_levels[std::size_t(k - 1)]; }
    /// The still-open merge at level k (spans appended but not yet long enough), if any.
    bool pending(int k, StateSpan& out) const;
    /// What level k does not cover yet, in time order: the open merges of levels k down to 1.
    /// level(k) followed by tail(k) covers every span appended so far.
    std::vector<StateSpan> tail(int k) const;
    std::size_t spansSeen() const { return m_seen; }

private:
    struct Accumulator {
        bool open = false;
        StateSpan span;
        std::array<std::uint64_t, kLaneStateCount> totals{};
        /// Per state, the longest span merged so far: its object and related worker label the
        /// merged span ("joining · consumer").
        std::array<StateSpan, kLaneStateCount> longest{};
    };
    void feed(int k, const StateSpan& span);

    std::array<SpanList, kLevels> m_levels;
    std::array<Accumulator, kLevels> m_pending;
    std::size_t m_seen = 0;
};

} // namespace interleave
