#pragma once

#include "engine/sweep.h"
#include "theme.h"

#include <QWidget>

namespace interleave {

/// A sweep at a glance: elapsed time per value as bars (each labelled with its time), speedup
/// against the first value as a line on its own axis, the swept values under the bars.
class SweepChart : public QWidget {
    Q_OBJECT
public:
    explicit SweepChart(QWidget* parent = nullptr);
    void setTheme(const Theme& theme);
    void setSweep(const SweepResult& sweep);
    void clear();
    bool empty() const { return m_sweep.rows.empty(); }
    QSize sizeHint() const override { return {480, 260}; }
    QSize minimumSizeHint() const override { return {260, 180}; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    const Theme* m_theme;
    SweepResult m_sweep;
};

/// Round ticks for an axis from 0 to at least `highest`, at most about `count` of them.
std::vector<double> axisTicks(double highest, int count);

} // namespace interleave
