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

QString TimelineWidget::spanTooltip(const SpanRef& ref) const
{
    const auto trace = m_model->trace();
    const Lane& lane = trace->lane(ref.lane);
    const std::uint64_t origin = m_model->origin();
    QString text = "<b>" + stateLabel(ref.span.state) + "</b>";
    if (const ObjectInfo* object = trace->object(ref.span.object);
        object && (ref.span.state == LaneState::LockWait ||
                   ref.span.state == LaneState::QueueWait || ref.span.state == LaneState::GilWait))
        text += " &nbsp;<i>" + qs(object->name).toHtmlEscaped() + "</i>";
    text += "<br>" + qs(lane.info.name).toHtmlEscaped();
    text += QString(" · %1 → %2 (%3)")
                .arg(qs(formatPrecise(ref.span.start - std::min(ref.span.start, origin))),
                     qs(formatPrecise(ref.span.end - std::min(ref.span.end, origin))),
                     qs(formatPrecise(ref.span.duration())));
    if (ref.span.related != kNoWorker && ref.span.related < trace->laneCount())
        text += "<br>joining " + qs(trace->lane(ref.span.related).info.name).toHtmlEscaped();
    if (const auto h = handOverForWait(*trace, ref.lane, ref.span))
        text += "<br>ended when " + describeHandOver(*trace, *h).toHtmlEscaped() + " at " +
                qs(formatPrecise(h->fromTime - std::min(h->fromTime, origin)));
    return text;
}

QString TimelineWidget::eventTooltip(std::uint16_t laneId, std::size_t index) const
{
    const auto trace = m_model->trace();
    const Lane& lane = trace->lane(laneId);
    const Event e = lane.events.at(index, laneId);
    const ObjectInfo* object = trace->object(e.object);
    const QString objectName = object ? qs(object->name).toHtmlEscaped() : QString();
    QString what;
    switch (e.kind) {
    case EventKind::Print:
        what =
            QString("<b>print</b> “%1”").arg(qs(trace->string(std::uint32_t(e.a))).toHtmlEscaped());
        break;
    case EventKind::Instant:
        what = QString("<b>%1</b>").arg(qs(trace->string(std::uint32_t(e.a))).toHtmlEscaped());
        break;
    case EventKind::QueuePut:
    case EventKind::QueueGet:
        what = QString("<b>%1</b> %2: item %3, value %4, depth %5 after")
                   .arg(e.kind == EventKind::QueuePut ? "put" : "get", objectName)
                   .arg(queueSequence(e.a))
                   .arg(std::int64_t(e.b))
                   .arg(queueDepth(e.a));
        break;
    case EventKind::PipeSend:
    case EventKind::PipeRecv:
        what = QString("<b>%1</b> %2: message %3, %4 bytes")
                   .arg(e.kind == EventKind::PipeSend ? "send" : "recv", objectName)
                   .arg(e.a)
                   .arg(e.b);
        break;
    case EventKind::ValueRead:
    case EventKind::ValueWrite:
        what = QString("<b>%1</b> %2 = %3")
                   .arg(e.kind == EventKind::ValueRead ? "read" : "write", objectName)
                   .arg(std::int64_t(e.b));
        break;
    case EventKind::LockAcquire:
    case EventKind::GilAcquire:
        what = QString("<b>acquire</b> %1%2")
                   .arg(objectName, (e.flags & LockContended) ? " (had to wait)" : "");
        break;
    case EventKind::LockRelease: what = QString("<b>release</b> %1").arg(objectName); break;
    case EventKind::TaskBegin:
        what = QString("<b>task %1</b> (input %2)").arg(e.a).arg(std::int64_t(e.b));
        break;
    case EventKind::Mark:
        what = "<b>" + qs(trace->string(std::uint32_t(e.a))).toHtmlEscaped() + "</b>";
        break;
    default: what = qs(eventKindName(e.kind)); break;
    }
    QString text = what + "<br>" + qs(lane.info.name).toHtmlEscaped() + " at " +
                   qs(formatPrecise(e.tNs - std::min(e.tNs, m_model->origin()))) +
                   QString(" on CPU %1").arg(e.cpu);
    if (const auto h = handOverForEvent(*trace, laneId, index))
        text += "<br>" + describeHandOver(*trace, *h).toHtmlEscaped();
    return text;
}

std::pair<std::uint64_t, int> TimelineWidget::timeAndLaneAt(QPoint position) const
{
    const LaneRow* row = laneRowAt(position);
    return {xToTime(position.x(), viewport()), row != nullptr ? int(row->lane) : -1};
}

QString TimelineWidget::sliceTooltip(QPoint position) const
{
    const LaneRow* row = laneRowAt(position);
    const auto trace = m_model->trace();
    if (row == nullptr || row->lane >= trace->laneCount())
        return {};
    const SliceRows& rows = trace->lane(row->lane).slices;
    if (rows.empty())
        return {};
    const int rowHeight = m_model->metrics().sliceRowHeight;
    const int depth = (position.y() - plotRect().top() + m_scrollY - row->top - 3) / rowHeight;
    if (depth < 0 || depth >= rows.depth())
        return {};
    // Within two pixels, so that a one-pixel slice can still be pointed at.
    const Viewport v = viewport();
    const std::uint64_t from = xToTime(position.x() - 2, v);
    const std::uint64_t to = xToTime(position.x() + 2, v);
    const std::vector<Slice>& slices = rows.row(depth);
    auto it = std::partition_point(slices.begin(), slices.end(),
                                   [&](const Slice& s) { return s.end < from; });
    if (it == slices.end() || it->start > to)
        return {};
    QString text =
        QString("<b>%1</b><br>%2 from %3")
            .arg(qs(trace->string(it->name)).toHtmlEscaped(), qs(formatPrecise(it->duration())),
                 qs(formatPrecise(it->start - m_model->origin())));
    if (it->category != 0 && !trace->string(it->category).empty())
        text += "<br>category: " + qs(trace->string(it->category)).toHtmlEscaped();
    const std::string& args = trace->string(it->args);
    if (!args.empty() && args != "{}")
        text += "<br><code>" + qs(args.substr(0, 400)).toHtmlEscaped() + "</code>";
    return text;
}

void TimelineWidget::showTooltip(QPoint position)
{
    const auto trace = m_model->trace();
    if (!trace)
        return;
    QString text;
    if (const LaneRow* row = headerRowAt(position)) {
        text = laneTooltip(*row);
    } else if (const auto marker = eventAt(position)) {
        std::shared_lock lock(trace->mutex());
        text = eventTooltip(marker->first, marker->second);
    } else if (m_hover) {
        std::shared_lock lock(trace->mutex());
        text = spanTooltip(*m_hover);
    } else {
        std::shared_lock lock(trace->mutex());
        text = sliceTooltip(position);
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
    m_selectionLines << QString("Δ %1").arg(qs(formatPrecise(b - a)));
    for (LaneState state : kAllLaneStates) {
        if (totals[std::size_t(state)] > 0 && state != LaneState::Finished)
            m_selectionLines << QString("%1: %2").arg(
                stateLabel(state), qs(formatPrecise(totals[std::size_t(state)])));
    }
}

} // namespace interleave
