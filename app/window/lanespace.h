#pragma once

#include <QObject>

class QSplitter;
class QWidget;

namespace interleave {

class ChartStack;
class TimelineWidget;

/// Shares the window's height between the lanes, the charts under them and the tabs: the lanes
/// get the room their rows need (up to most of the height), the charts theirs, the tabs the
/// rest. Once the user drags the splitter, their choice stands (and is remembered).
class LaneSpace : public QObject {
    Q_OBJECT
public:
    LaneSpace(QSplitter* splitter, QWidget* lanes, TimelineWidget* timeline, QWidget* charts,
              ChartStack* chartStack, QObject* parent = nullptr);

    /// Sizes the three parts for what is on show now, unless the user placed them.
    void fit();
    bool userPlaced() const { return m_userPlaced; }
    void setUserPlaced(bool placed) { m_userPlaced = placed; }
    /// Fits again whenever `widget` (above the rows, like a headline that wraps) changes height.
    void followHeight(QWidget* widget);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QSplitter* m_splitter;
    QWidget* m_lanes;
    TimelineWidget* m_timeline;
    QWidget* m_charts;
    ChartStack* m_chartStack;
    bool m_userPlaced = false;
};

} // namespace interleave
