#include "qstrings.h"
#include "timeline/timelinemodel.h"
#include "timeline/timelinewidget.h"
#include "timeline/zoomcontrol.h"
#include "trace/tracestore.h"

#include <QToolTip>
#include <algorithm>
#include <cmath>
#include <shared_mutex>

// What is under the mouse on the timeline (spans, markers, slices) and how it is described:
// tooltips and the selection's summary.

namespace interleave {

namespace {

QString stateLabel(LaneState state)
{
    const std::string_view label = laneStateLabel(state);
    return QString::fromUtf8(label.data(), qsizetype(label.size()));
}

} // namespace

QString detailsHtml(const Details& details)
{
    QString text = "<b>" + qs(details.title).toHtmlEscaped() + "</b><br>" +
                   qs(details.summary).toHtmlEscaped();
    int shown = 0;
    for (const DetailRow& row : details.rows) {
        if (row.inSummary)
            continue;
        if (++shown > 12) {
            text += "<br>…";
            break;
        }
        text += "<br>" + qs(row.field).toHtmlEscaped() + ": " +
                qs(row.value.substr(0, 160)).toHtmlEscaped();
    }
    return text;
}

QString TimelineWidget::holdsHtml(std::uint16_t lane, std::uint64_t t) const
{
    if (lane >= m_model->laneCount())
        return {};
    const auto trace = m_model->trace();
    QString text;
    const LockHoldTracker& tracker = m_model->holds(lane);
    std::vector<LockHold> holds = tracker.open(m_model->end());
    holds.insert(holds.end(), tracker.holds().begin(), tracker.holds().end());
    for (const LockHold& hold : holds) {
        if (hold.start <= t && t < hold.end) {
            const ObjectInfo* object = trace->object(hold.object);
            text += "<br>holding " +
                    (object ? qs(object->name).toHtmlEscaped() : QString("a lock")) + " for " +
                    qs(formatPrecise(hold.end - hold.start));
        }
    }
    return text;
}

const LaneRow* TimelineWidget::laneRowAt(QPoint position) const
{
    if (!m_model->trace() || !plotRect().contains(position))
        return nullptr;
    const LaneRow* row = m_model->layout().rowAt(position.y() - plotRect().top() + m_scrollY);
    return row == nullptr || row->header ? nullptr : row;
}

std::optional<SpanRef> TimelineWidget::spanAt(QPoint position) const
{
    const LaneRow* row = laneRowAt(position);
    if (row == nullptr)
        return std::nullopt;
    const auto trace = m_model->trace();
    const std::uint64_t t = xToTime(position.x(), viewport());
    std::shared_lock lock(trace->mutex());
    if (row->lane >= trace->laneCount())
        return std::nullopt;
    const Lane& lane = trace->lane(row->lane);
    const auto it = std::partition_point(lane.spans.begin(), lane.spans.end(),
                                         [t](const StateSpan& s) { return s.end <= t; });
    if (it != lane.spans.end() && it->start <= t)
        return SpanRef{row->lane, *it};
    if (m_model->live()) {
        if (const auto open = lane.tracker.openSpan(m_model->end()); open && open->start <= t)
            return SpanRef{row->lane, *open};
    }
    return std::nullopt;
}

std::optional<std::pair<std::uint16_t, std::size_t>> TimelineWidget::eventAt(QPoint position) const
{
    const LaneRow* row = laneRowAt(position);
    if (row == nullptr)
        return std::nullopt;
    const auto trace = m_model->trace();
    const Viewport v = viewport();
    const double slack = 5.0;
    std::shared_lock lock(trace->mutex());
    if (row->lane >= trace->laneCount())
        return std::nullopt;
    const Lane& lane = trace->lane(row->lane);
    const std::size_t begin = lane.events.lowerBound(xToTime(position.x() - slack, v));
    const std::size_t end = lane.events.lowerBound(xToTime(position.x() + slack, v) + 1);
    if (end - begin > 64)
        return std::nullopt; // too dense to point at one
    std::optional<std::pair<std::uint16_t, std::size_t>> best;
    double bestDistance = slack + 1;
    for (std::size_t i = begin; i < end; ++i) {
        switch (lane.events.kind(i)) {
        case EventKind::Print:
        case EventKind::Instant:
        case EventKind::QueuePut:
        case EventKind::QueueGet:
        case EventKind::PipeSend:
        case EventKind::PipeRecv:
        case EventKind::ValueRead:
        case EventKind::ValueWrite:
        case EventKind::LockAcquire:
        case EventKind::LockRelease:
        case EventKind::GilAcquire:
        case EventKind::TaskBegin:
        case EventKind::Mark: {
            const double distance = std::abs(timeToX(lane.events.time(i), v) - position.x());
            if (distance < bestDistance) {
                bestDistance = distance;
                best = std::pair{row->lane, i};
            }
            break;
        }
        default: break;
        }
    }
    return best;
}

std::pair<std::uint64_t, int> TimelineWidget::timeAndLaneAt(QPoint position) const
{
    const LaneRow* row = laneRowAt(position);
    return {xToTime(position.x(), viewport()), row != nullptr ? int(row->lane) : -1};
}

std::optional<std::pair<int, std::size_t>> TimelineWidget::sliceAt(QPoint position) const
{
    const LaneRow* row = laneRowAt(position);
    const auto trace = m_model->trace();
    if (row == nullptr)
        return std::nullopt;
    std::shared_lock lock(trace->mutex());
    if (row->lane >= trace->laneCount())
        return std::nullopt;
    const SliceRows& rows = trace->lane(row->lane).slices;
    if (rows.empty())
        return std::nullopt;
    const int rowHeight = m_model->metrics().sliceRowHeight;
    const int depth = (position.y() - plotRect().top() + m_scrollY - row->top - 3) / rowHeight;
    if (depth < 0 || depth >= rows.depth())
        return std::nullopt;
    // Within two pixels, so that a one-pixel slice can still be pointed at.
    const Viewport v = viewport();
    const std::uint64_t from = xToTime(position.x() - 2, v);
    const std::uint64_t to = xToTime(position.x() + 2, v);
    const SliceRow& slices = rows.row(depth);
    auto it = std::partition_point(slices.begin(), slices.end(),
                                   [&](const Slice& s) { return s.end < from; });
    if (it == slices.end() || it->start > to)
        return std::nullopt;
    return std::pair{depth, std::size_t(it - slices.begin())};
}

void TimelineWidget::showTooltip(QPoint position)
{
    const auto trace = m_model->trace();
    if (!trace)
        return;
    QString text;
    if (const LaneRow* row = headerRowAt(position)) {
        text = laneTooltip(*row);
    } else {
        // What a click would select, described as the details panel would, in brief.
        TimelineItem item;
        if (const auto marker = eventAt(position)) {
            item.kind = TimelineItem::Kind::Event;
            item.lane = marker->first;
            item.index = marker->second;
        } else if (const auto slice = sliceAt(position)) {
            item.kind = TimelineItem::Kind::Slice;
            item.lane = laneRowAt(position)->lane;
            item.depth = slice->first;
            item.index = slice->second;
        } else if (m_hover) {
            item.kind = TimelineItem::Kind::Span;
            item.lane = m_hover->lane;
            item.span = m_hover->span;
        }
        std::shared_lock lock(trace->mutex());
        if (item.valid())
            text = detailsHtml(describe(*trace, item, m_model->origin()));
        if (item.kind == TimelineItem::Kind::Span)
            text += holdsHtml(item.lane, xToTime(position.x(), viewport()));
    }
    if (text.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(mapToGlobal(position + QPoint(14, 16)), text, this);
}

void TimelineWidget::updateSelectionSummary()
{
    m_selectionLines.clear();
    const auto trace = m_model->trace();
    if (!trace || !m_zoom->hasSelection())
        return;
    const std::uint64_t a = m_zoom->selectionStart();
    const std::uint64_t b = m_zoom->selectionEnd();
    std::array<std::uint64_t, kLaneStateCount> totals{};
    {
        std::shared_lock lock(trace->mutex());
        for (std::size_t i = 0; i < trace->laneCount(); ++i) {
            const SpanList& spans = trace->lane(i).spans;
            auto it = std::partition_point(spans.begin(), spans.end(),
                                           [a](const StateSpan& s) { return s.end <= a; });
            for (; it != spans.end() && it->start < b; ++it)
                totals[std::size_t(it->state)] += std::min(it->end, b) - std::max(it->start, a);
        }
    }
    // Measured from the start of the trace, whatever the zoom.
    const std::uint64_t origin = m_model->origin();
    m_selectionLines << QString("Δ %1").arg(qs(formatPrecise(b - a)))
                     << QString("%1 → %2").arg(qs(formatPrecise(a - std::min(a, origin))),
                                               qs(formatPrecise(b - std::min(b, origin))));
    for (LaneState state : kAllLaneStates) {
        if (totals[std::size_t(state)] > 0 && state != LaneState::Finished)
            m_selectionLines << QString("%1: %2").arg(
                stateLabel(state), qs(formatPrecise(totals[std::size_t(state)])));
    }
}

} // namespace interleave
