#pragma once

#include "theme.h"

#include <QWidget>

namespace interleave {

class TimelineModel;
class ZoomControl;

/// One lane per CPU core showing which worker ran there, coloured like the worker, from the
/// sampler's readings (where each worker was and how much of each interval it ran). Shares the
/// timeline's window; its core labels sit where the timeline's lane names are.
class CoreLanes : public QWidget {
    Q_OBJECT
public:
    CoreLanes(TimelineModel* model, ZoomControl* zoom, QWidget* parent = nullptr);
    void setTheme(const Theme& theme);
    void alignPlot(int left, int width);
    int coreCount() const;
    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;

private:
    int rowHeight() const;

    TimelineModel* m_model;
    ZoomControl* m_zoom;
    const Theme* m_theme;
    int m_plotLeft = 190;
    int m_plotWidth = 600;
};

} // namespace interleave
