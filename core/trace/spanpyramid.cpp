#include "trace/spanpyramid.h"

#include <algorithm>

namespace interleave {

std::uint64_t SpanPyramid::resolution(int level)
{
    return 16'000ull << (2 * (level - 1));
}

int SpanPyramid::levelFor(double nsPerPixel)
{
    int best = 0;
    for (int k = 1; k <= kLevels; ++k) {
        if (double(resolution(k)) <= nsPerPixel)
            best = k;
    }
    return best;
}

void SpanPyramid::rebuild(const SpanList& spans)
{
    for (SpanList& level : m_levels)
        level.clear();
    for (Accumulator& accumulator : m_pending)
        accumulator = Accumulator{};
    m_seen = 0;
    for (const StateSpan& span : spans)
        append(span);
}

void SpanPyramid::append(const StateSpan& span)
{
    ++m_seen;
    feed(1, span);
}

void SpanPyramid::feed(int k, const StateSpan& span)
{
    Accumulator& acc = m_pending[std::size_t(k - 1)];
    const std::uint64_t minimum = resolution(k);
    if (!acc.open) {
        if (span.duration() >= minimum) { // long enough on its own: passes through unchanged
            m_levels[std::size_t(k - 1)].push_back(span);
            if (k < kLevels)
                feed(k + 1, span);
            return;
        }
        acc.open = true;
        acc.span = span;
        acc.totals.fill(0);
        acc.longest.fill(StateSpan{0, 0, LaneState::Running, 0, kNoWorker});
    }
    acc.span.end = std::max(acc.span.end, span.end);
    acc.totals[std::size_t(span.state)] += span.duration();
    StateSpan& longest = acc.longest[std::size_t(span.state)];
    if (span.duration() >= longest.duration())
        longest = span;
    if (acc.span.end - acc.span.start < minimum)
        return;
    // Long enough: emit it in the state that took most of its time.
    const auto dominant =
        std::size_t(std::max_element(acc.totals.begin(), acc.totals.end()) - acc.totals.begin());
    StateSpan merged = acc.span;
    merged.state = LaneState(dominant);
    merged.object = acc.longest[dominant].object;
    merged.related = acc.longest[dominant].related;
    acc.open = false;
    m_levels[std::size_t(k - 1)].push_back(merged);
    if (k < kLevels)
        feed(k + 1, merged);
}

bool SpanPyramid::pending(int k, StateSpan& out) const
{
    const Accumulator& acc = m_pending[std::size_t(k - 1)];
    if (!acc.open)
        return false;
    out = acc.span;
    const auto dominant =
        std::size_t(std::max_element(acc.totals.begin(), acc.totals.end()) - acc.totals.begin());
    out.state = LaneState(dominant);
    out.object = acc.longest[dominant].object;
    out.related = acc.longest[dominant].related;
    return true;
}

std::vector<StateSpan> SpanPyramid::tail(int k) const
{
    std::vector<StateSpan> spans;
    for (int level = k; level >= 1; --level) {
        StateSpan span;
        if (pending(level, span))
            spans.push_back(span);
    }
    return spans;
}

} // namespace interleave
