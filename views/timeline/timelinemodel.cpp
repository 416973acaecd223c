#include "timeline/timelinemodel.h"

#include "base/clock.h"
#include "trace/tracestore.h"

#include <mutex>
#include <shared_mutex>

namespace interleave {

TimelineModel::TimelineModel(QObject* parent)
    : QObject(parent)
{
}

void TimelineModel::setTrace(std::shared_ptr<TraceStore> trace, bool live)
{
    m_trace = std::move(trace);
    m_live = live;
    setPlayhead(kNoPlayhead); // another trace: shown whole until played
    setMomentPoints({});
    m_pyramids.clear();
    m_holds.clear();
    m_holdEventsSeen.clear();
    m_pids.clear();
    m_lostUpdates.clear();
    if (!m_trace) {
        m_layout = LaneLayout();
        emit layoutChanged();
        emit changed();
        return;
    }
    {
        std::shared_lock lock(m_trace->mutex());
        m_origin = m_trace->run.startNs;
        m_end = std::max(m_trace->run.endNs, m_trace->lastEventTime());
        // The previous trace's rows must never be drawn over this one's lanes.
        rebuildLayout();
    }
    emit layoutChanged();
    if (m_live)
        refresh();
    else
        finish();
}

void TimelineModel::clear()
{
    setTrace(nullptr, false);
}

void TimelineModel::setMetrics(const LaneMetrics& metrics)
{
    m_metrics = metrics;
    if (m_trace) {
        std::shared_lock lock(m_trace->mutex());
        rebuildLayout();
    }
    emit layoutChanged();
}

void TimelineModel::setShownLanes(std::vector<std::uint16_t> lanes)
{
    m_shownLanes = std::move(lanes);
    if (m_trace) {
        std::shared_lock lock(m_trace->mutex());
        rebuildLayout();
    }
    emit layoutChanged();
}

void TimelineModel::setArrangement(const LaneArrangement& arrangement)
{
    m_arrangement = arrangement;
    if (m_trace) {
        std::shared_lock lock(m_trace->mutex());
        rebuildLayout();
    }
    emit layoutChanged();
}

void TimelineModel::setLayoutAdjustment(std::function<void(LaneLayout&)> adjust)
{
    m_adjustLayout = std::move(adjust);
    relayout();
}

void TimelineModel::relayout()
{
    if (m_trace) {
        std::shared_lock lock(m_trace->mutex());
        rebuildLayout();
    }
    emit layoutChanged();
}

void TimelineModel::rebuildLayout()
{
    m_layout.build(*m_trace, m_metrics, m_shownLanes, &m_arrangement);
    if (m_adjustLayout)
        m_adjustLayout(m_layout);
    m_pids.clear();
    for (std::size_t i = 0; i < m_trace->laneCount(); ++i)
        m_pids.push_back(m_trace->lane(i).info.pid);
}

void TimelineModel::refresh()
{
    if (!m_trace)
        return;
    bool relayout = false;
    {
        std::shared_lock lock(m_trace->mutex());
        const std::size_t lanes = m_trace->laneCount();
        if (m_pyramids.size() < lanes) {
            m_pyramids.resize(lanes);
            relayout = true;
        }
        for (std::size_t i = 0; i < lanes; ++i) {
            const Lane& lane = m_trace->lane(i);
            SpanPyramid& pyramid = m_pyramids[i];
            for (std::size_t s = pyramid.spansSeen(); s < lane.spans.size(); ++s)
                pyramid.append(lane.spans[s]);
            relayout |= i >= m_pids.size() || m_pids[i] != lane.info.pid;
        }
        followHolds();
        if (relayout)
            rebuildLayout();
        m_origin = m_trace->run.startNs;
        const std::uint64_t recorded = std::max(m_trace->run.endNs, m_trace->lastEventTime());
        m_end = m_live ? std::max(recorded, Clock::now()) : recorded;
    }
    if (relayout)
        emit layoutChanged();
    emit changed();
}

void TimelineModel::finish()
{
    if (!m_trace)
        return;
    m_live = false;
    {
        std::shared_lock lock(m_trace->mutex());
        m_pyramids.assign(m_trace->laneCount(), SpanPyramid());
        for (std::size_t i = 0; i < m_trace->laneCount(); ++i)
            m_pyramids[i].rebuild(m_trace->lane(i).spans);
        m_holds.clear();
        m_holdEventsSeen.clear();
        followHolds();
        rebuildLayout();
        m_origin = m_trace->run.startNs;
        m_end = std::max(m_trace->run.endNs, m_trace->lastEventTime());
        computeLostUpdates();
    }
    emit layoutChanged();
    emit changed();
}

void TimelineModel::followHolds()
{
    const std::size_t lanes = m_trace->laneCount();
    m_holds.resize(lanes);
    m_holdEventsSeen.resize(lanes, 0);
    for (std::size_t i = 0; i < lanes; ++i) {
        const EventColumns& events = m_trace->lane(i).events;
        LockHoldTracker& tracker = m_holds[i];
        // Only locks matter: reading the kind column alone keeps this cheap on huge lanes.
        for (std::size_t e = m_holdEventsSeen[i]; e < events.size(); ++e) {
            const EventKind kind = events.kind(e);
            if (kind == EventKind::LockAcquire || kind == EventKind::LockRelease)
                tracker.add(events.at(e, std::uint16_t(i)));
        }
        m_holdEventsSeen[i] = events.size();
    }
}

void TimelineModel::computeLostUpdates()
{
    m_lostUpdates.clear();
    for (const ObjectInfo& object : m_trace->objects()) {
        if (object.kind != ObjectKind::Value)
            continue;
        const LostUpdateReport report = analyseLostUpdates(*m_trace, object.id);
        m_lostUpdates.insert(m_lostUpdates.end(), report.lost.begin(), report.lost.end());
    }
}

void TimelineModel::setPlayhead(std::uint64_t t)
{
    if (t == m_playhead)
        return;
    m_playhead = t;
    emit playheadChanged();
}

void TimelineModel::setMomentPoints(std::vector<MomentPoint> points)
{
    if (points.empty() && m_momentPoints.empty())
        return;
    m_momentPoints = std::move(points);
    emit playheadChanged();
}

} // namespace interleave
