#pragma once

#include "charts/counterstrips.h"
#include "theme.h"
#include "timeline/timecoordinates.h"

#include <QWidget>
#include <memory>

class QTimer;

namespace interleave {

class TimelineModel;
class ZoomControl;

/// Charts of one kind under the lanes (queue depth, CPU in use, or an imported trace's
/// counters): the same painter as pictures, on exactly the timeline's window and pixels, so
/// a step in a chart sits under the span edge that caused it at every zoom, before 0 too.
class TimeChart : public QWidget {
    Q_OBJECT
public:
    TimeChart(TimelineModel* model, ZoomControl* zoom, CounterStrip::Kind kind,
              QWidget* parent = nullptr);

    void setTheme(const Theme& theme);
    /// Lines the plot up with the timeline's plot area (x of its left edge and its width).
    void alignPlot(int left, int width);
    /// New data or another trace: derive what the chart needs again and repaint.
    void refresh();
    /// Whether the trace on show has anything of this kind.
    bool hasData() const { return m_strips > 0; }
    /// The time window drawn and where: the zoom's window over the timeline's plot pixels.
    Viewport viewport() const;
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override { return sizeHint(); }

protected:
    void paintEvent(QPaintEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;

private:
    /// The strips of this chart's kind; the caller holds the trace's read lock.
    std::vector<CounterStrip> strips() const;
    int stripHeight() const;

    TimelineModel* m_model;
    ZoomControl* m_zoom;
    CounterStrip::Kind m_kind;
    const Theme* m_theme;
    std::shared_ptr<const CpuUsage> m_cpu;
    int m_strips = 0;
    QTimer* m_liveRepaint;
    int m_plotLeft = 190;
    int m_plotWidth = 600;
};

} // namespace interleave
