#pragma once

#include "timeline/lanearrangement.h"
#include "timeline/lanelayout.h"
#include "trace/analysis.h"
#include "trace/lockholds.h"
#include "trace/spanpyramid.h"

#include <QObject>
#include <functional>
#include <memory>
#include <vector>

namespace interleave {

class TraceStore;

/// What the timeline shows, kept current: the trace, a span pyramid per lane (level of detail),
/// the lane layout and the lost updates of any race. While a run records, refresh() pulls in
/// only what is new, under the trace's read lock.
class TimelineModel : public QObject {
    Q_OBJECT
public:
    explicit TimelineModel(QObject* parent = nullptr);

    /// Shows a trace; `live` while its run still records.
    void setTrace(std::shared_ptr<TraceStore> trace, bool live);
    /// Live: takes in new lanes and spans. Emits changed() (and layoutChanged() if lanes moved).
    void refresh();
    /// The run ended and its trace was finalised: spans are final, rebuild everything.
    void finish();
    void clear();

    std::shared_ptr<TraceStore> trace() const { return m_trace; }
    bool hasTrace() const { return m_trace != nullptr; }
    bool live() const { return m_live; }
    /// Time zero of the ruler: the start of the run.
    std::uint64_t origin() const { return m_origin; }
    /// The newest time to show: the end of the run, or now while recording.
    std::uint64_t end() const { return m_end; }

    const LaneLayout& layout() const { return m_layout; }
    const SpanPyramid& pyramid(std::uint16_t lane) const { return m_pyramids[lane]; }
    std::size_t laneCount() const { return m_pyramids.size(); }
    /// The locks each lane held (acquire to release), kept current while a run records.
    const LockHoldTracker& holds(std::uint16_t lane) const { return m_holds[lane]; }
    /// Every lost update of every shared value (empty until the run is final).
    const std::vector<LostUpdate>& lostUpdates() const { return m_lostUpdates; }

    /// Playback: the trace is shown up to this time (absolute ns); kNoPlayhead shows all of it.
    std::uint64_t playhead() const { return m_playhead; }
    bool hasPlayhead() const { return m_playhead != kNoPlayhead; }
    void setPlayhead(std::uint64_t t);
    static constexpr std::uint64_t kNoPlayhead = ~std::uint64_t(0);
    /// The events of the moment on show, ringed on the timeline (empty: none).
    const std::vector<MomentPoint>& momentPoints() const { return m_momentPoints; }
    void setMomentPoints(std::vector<MomentPoint> points);

    void setMetrics(const LaneMetrics& metrics);
    /// Shows only these lanes (for exporting a chosen few); empty shows every lane.
    void setShownLanes(std::vector<std::uint16_t> lanes);
    const LaneMetrics& metrics() const { return m_metrics; }
    /// What the user pinned, hid, collapsed and moved; lays the lanes out again.
    const LaneArrangement& arrangement() const { return m_arrangement; }
    void setArrangement(const LaneArrangement& arrangement);
    /// Called with every layout just built, to move its rows (a comparison lines them up with
    /// the other trace's); it may read the trace, whose read lock is held.
    void setLayoutAdjustment(std::function<void(LaneLayout&)> adjust);
    /// Lays the lanes out again (the adjustment's partner changed); emits layoutChanged().
    void relayout();

signals:
    void changed();
    void layoutChanged();
    /// The playhead moved, or the moment on show changed.
    void playheadChanged();

private:
    void rebuildLayout();
    /// Feeds each lane's events not seen yet to its lock-hold tracker.
    void followHolds();
    void computeLostUpdates();

    std::shared_ptr<TraceStore> m_trace;
    bool m_live = false;
    std::uint64_t m_origin = 0;
    std::uint64_t m_end = 0;
    std::vector<SpanPyramid> m_pyramids;
    std::vector<LockHoldTracker> m_holds;
    std::vector<std::size_t> m_holdEventsSeen;
    std::vector<std::int32_t> m_pids; ///< What the layout was built with, to notice changes.
    LaneLayout m_layout;
    LaneMetrics m_metrics;
    std::vector<std::uint16_t> m_shownLanes;
    LaneArrangement m_arrangement;
    std::function<void(LaneLayout&)> m_adjustLayout;
    std::vector<LostUpdate> m_lostUpdates;
    std::uint64_t m_playhead = kNoPlayhead;
    std::vector<MomentPoint> m_momentPoints;
};

} // namespace interleave
