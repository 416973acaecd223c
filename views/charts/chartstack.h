#pragma once

#include <QWidget>

namespace interleave {

class CoreLanes;
class TimeChart;
class TimelineModel;
class ZoomControl;
struct Theme;

/// The charts under the lanes, on the timeline's time axis: queue depth, which worker ran on
/// each core, core utilisation, and an imported trace's counters. Shows the ones the trace on
/// show has data for, and hides itself when it has none.
class ChartStack : public QWidget {
    Q_OBJECT
public:
    ChartStack(TimelineModel* model, ZoomControl* zoom, QWidget* parent = nullptr);

    void setTheme(const Theme& theme);
    /// Lines every chart's plot up with the timeline's (x of its left edge and its width).
    void alignPlot(int left, int width);
    /// New data or another trace: refill the charts and show those with something to show.
    void refresh();

    TimeChart* queueDepth() const { return m_queue; }
    TimeChart* cpu() const { return m_cpu; }
    TimeChart* counters() const { return m_counters; }
    CoreLanes* coreLanes() const { return m_coreLanes; }
    /// Whether any chart has something to show for the trace on show.
    bool hasCharts() const { return m_hasCharts; }

signals:
    /// Charts came or went (another trace): whoever holds the stack shows or hides it.
    void hasChartsChanged(bool has);

private:
    TimelineModel* m_model;
    TimeChart* m_queue;
    CoreLanes* m_coreLanes;
    TimeChart* m_cpu;
    TimeChart* m_counters;
    bool m_hasCharts = false;
};

} // namespace interleave
