#pragma once

#include "theme.h"
#include "trace/tracemodel.h"

#include <QChartView>
#include <QElapsedTimer>
#include <cstdint>
#include <vector>

class QLineSeries;
class QValueAxis;
class QTimer;

namespace interleave {

class TimelineModel;
class ZoomControl;

/// A Qt Charts view whose x axis is the timeline's: same window, same zoom, plot area lined up
/// with the timeline's lanes. Subclasses fill the series; only the visible window is plotted,
/// at most two points per pixel, so a million-point counter stays cheap.
class TimeChart : public QChartView {
    Q_OBJECT
public:
    TimeChart(TimelineModel* model, ZoomControl* zoom, QWidget* parent = nullptr);

    void setTheme(const Theme& theme);
    /// Lines the plot up with the timeline's plot area (x of its left edge and its width).
    void alignPlot(int left, int width);
    /// Rebuilds the series from the model (new data, new window). While a run streams in, the
    /// window moves with every poll; rebuilding is throttled so the chart never costs the
    /// workers more than a few percent of a core.
    void refresh();
    /// Whether there is anything to show.
    virtual bool hasData() const = 0;

protected:
    void resizeEvent(QResizeEvent* event) override;
    /// The series' names and colours, in the left margin where the timeline has lane names.
    void drawForeground(QPainter* painter, const QRectF& rect) override;
    /// Adds the series for the window [start, end) (times relative to the run start, in ms).
    virtual void fill(std::uint64_t start, std::uint64_t end) = 0;
    /// Whether the trace has a non-empty counter of `kind`.
    bool hasCounter(CounterKind kind) const;
    /// y from 0 to at least `highest`, labelled in readable whole-number steps.
    void setValueAxis(double highest, const QString& title);
    /// A step line of `series` within the window, decimated to the plot's pixels. Series are
    /// reused from one refresh to the next: Qt Charts rebuilds its scene for every new series.
    void addStepSeries(const CounterSeries& counter, const QString& name, const QColor& color,
                       double scale, std::uint64_t start, std::uint64_t end);

    TimelineModel* m_model;
    ZoomControl* m_zoom;
    const Theme* m_theme;
    QValueAxis* m_x;
    QValueAxis* m_y;

private:
    void applyPlotArea();
    void rebuild();

    std::vector<QLineSeries*> m_series;
    std::size_t m_seriesUsed = 0;
    QTimer* m_throttle;
    QElapsedTimer m_sinceRebuild;

    int m_plotLeft = 190;
    int m_plotWidth = 600;
};

/// Queue depth over time, one step line per queue.
class QueueDepthChart : public TimeChart {
    Q_OBJECT
public:
    using TimeChart::TimeChart;
    bool hasData() const override;

protected:
    void fill(std::uint64_t start, std::uint64_t end) override;
};

/// Utilisation of each CPU core, from the sampler, in percent.
class CoreUtilisationChart : public TimeChart {
    Q_OBJECT
public:
    using TimeChart::TimeChart;
    bool hasData() const override;

protected:
    void fill(std::uint64_t start, std::uint64_t end) override;
};

/// Counters of an imported trace ("C" events), one step line each on a shared axis.
class CounterChart : public TimeChart {
    Q_OBJECT
public:
    using TimeChart::TimeChart;
    bool hasData() const override;

protected:
    void fill(std::uint64_t start, std::uint64_t end) override;
};

} // namespace interleave
