#include "timeline/zoomcontrol.h"

#include <algorithm>
#include <cmath>

namespace interleave {

ZoomControl::ZoomControl(QObject* parent)
    : QObject(parent)
{
}

void ZoomControl::setTraceRange(std::uint64_t start, std::uint64_t end)
{
    end = std::max(end, start + kMinimumWindow);
    const bool started = start != m_traceStart;
    m_traceStart = start;
    m_traceEnd = end;
    bool moved = false;
    if (started || m_follow == Follow::Fit) {
        moved = applyWindow(start, fitEnd());
    } else if (m_follow == Follow::Tail) {
        const std::uint64_t width = windowDuration();
        moved = applyWindow(end > start + width ? end - width : start, end);
    }
    if (moved)
        emit followedTrace();
}

void ZoomControl::setWindow(std::uint64_t start, std::uint64_t end)
{
    userWindow(start, end);
}

void ZoomControl::zoom(double factor, std::uint64_t anchor)
{
    if (factor <= 0)
        return;
    anchor = std::clamp(anchor, m_windowStart, m_windowEnd);
    const double before = double(anchor - m_windowStart);
    const double after = double(m_windowEnd - anchor);
    const auto start = std::uint64_t(std::max(0.0, double(anchor) - before / factor));
    const auto end = std::uint64_t(double(anchor) + after / factor);
    userWindow(start, end);
}

void ZoomControl::pan(std::int64_t deltaNs)
{
    const std::uint64_t width = windowDuration();
    std::int64_t start = std::int64_t(m_windowStart) + deltaNs;
    // Allow a little room past either end, but not losing the trace from view.
    const std::int64_t margin = std::int64_t(width / 2);
    start = std::clamp(start, std::int64_t(m_traceStart) - margin,
                       std::int64_t(m_traceEnd) + margin - std::int64_t(width));
    start = std::max<std::int64_t>(start, 0);
    userWindow(std::uint64_t(start), std::uint64_t(start) + width);
}

void ZoomControl::fitAll()
{
    m_follow = Follow::Fit;
    if (applyWindow(m_traceStart, fitEnd()))
        emit changedByUser();
}

std::uint64_t ZoomControl::fitEnd() const
{
    // A sliver of room after the end, so the last span's end and marker stay visible.
    return m_traceEnd + (m_traceEnd - m_traceStart) / 64;
}

void ZoomControl::setSelection(std::uint64_t start, std::uint64_t end)
{
    if (end < start)
        std::swap(start, end);
    if (start == m_selectionStart && end == m_selectionEnd)
        return;
    m_selectionStart = start;
    m_selectionEnd = end;
    emit selectionChanged();
    emit changedByUser();
}

void ZoomControl::clearSelection()
{
    setSelection(0, 0);
}

void ZoomControl::zoomToSelection()
{
    if (hasSelection())
        userWindow(m_selectionStart, m_selectionEnd);
}

void ZoomControl::userWindow(std::uint64_t start, std::uint64_t end)
{
    // A window that still reaches the newest time keeps following it.
    const std::uint64_t width = std::max(end - std::min(end, start), kMinimumWindow);
    const bool atEnd = end + width / 50 >= m_traceEnd;
    const bool whole = start <= m_traceStart && atEnd;
    m_follow = whole ? Follow::Fit : atEnd ? Follow::Tail : Follow::None;
    if (applyWindow(start, end))
        emit changedByUser();
}

bool ZoomControl::applyWindow(std::uint64_t start, std::uint64_t end)
{
    if (end < start + kMinimumWindow) {
        const std::uint64_t middle = start / 2 + end / 2;
        start = middle > kMinimumWindow / 2 ? middle - kMinimumWindow / 2 : 0;
        end = start + kMinimumWindow;
    }
    if (start == m_windowStart && end == m_windowEnd)
        return false;
    m_windowStart = start;
    m_windowEnd = end;
    emit windowChanged();
    return true;
}

} // namespace interleave
