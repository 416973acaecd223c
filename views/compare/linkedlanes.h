#pragma once

#include "timeline/lanelayout.h"

#include <QObject>
#include <array>

namespace interleave {

class TimelineModel;
class TimelineWidget;

/// Two stacked timelines keep their lanes opposite each other: lanes matched by name sit at
/// the same height (gaps where one trace lacks a lane), the lane-name columns are equally
/// wide so the time axes line up, and scrolling one scrolls the other.
class LinkedLanes : public QObject {
    Q_OBJECT
public:
    LinkedLanes(std::array<TimelineModel*, 2> models, std::array<TimelineWidget*, 2> views,
                QObject* parent = nullptr);
    ~LinkedLanes() override;

private:
    /// A side's layout was just built: remember it as it was, then line it up with the other.
    void adjust(int side, LaneLayout& layout);
    void matchHeaderWidths();

    std::array<TimelineModel*, 2> m_models;
    std::array<TimelineWidget*, 2> m_views;
    /// Each side's layout before alignment (alignment needs both as built).
    std::array<LaneLayout, 2> m_natural;
    std::array<bool, 2> m_built{false, false};
    int m_chosenWidth = 0; ///< A width the user dragged either column to.
    bool m_scrolling = false;
};

} // namespace interleave
