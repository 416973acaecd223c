#pragma once

#include "theme.h"

#include <QChartView>

namespace interleave {

struct SweepResult;

/// A sweep at a glance: elapsed time per value as bars, speedup against the first value as a
/// line on its own axis.
class SweepChart : public QChartView {
    Q_OBJECT
public:
    explicit SweepChart(QWidget* parent = nullptr);
    void setTheme(const Theme& theme);
    void setSweep(const SweepResult& sweep);
    void clear();

private:
    const Theme* m_theme;
};

} // namespace interleave
