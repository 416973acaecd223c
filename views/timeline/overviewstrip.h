#pragma once

#include "theme.h"

#include <QWidget>

namespace interleave {

class TimelineModel;
class ZoomControl;

/// The whole trace in one strip above the lanes (a minimap): every lane a thin row of its
/// states, and the window the timeline shows as a frame on it. Click to centre the view there,
/// drag the frame to pan, wheel to zoom.
class OverviewStrip : public QWidget {
    Q_OBJECT
public:
    OverviewStrip(TimelineModel* model, ZoomControl* zoom, QWidget* parent = nullptr);

    void setTheme(const Theme& theme);
    /// Lines the strip up with the timeline's plot (x of its left edge and its width).
    void alignPlot(int left, int width);
    QSize sizeHint() const override { return {800, 30}; }
    QSize minimumSizeHint() const override { return {200, 30}; }

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;

private:
    /// Time at x on the strip (the whole trace across the plot's width).
    std::uint64_t timeAt(double x) const;
    double xOf(std::uint64_t t) const;
    void centreOn(double x);

    TimelineModel* m_model;
    ZoomControl* m_zoom;
    const Theme* m_theme;
    int m_plotLeft = 190;
    int m_plotWidth = 600;
    bool m_dragging = false;
    double m_grab = 0; ///< Where in the frame the mouse took it, in pixels from its left.
};

} // namespace interleave
