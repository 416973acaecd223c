#include "charts/sweepchart.h"

#include "engine/sweep.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QLineSeries>
#include <QValueAxis>
#include <algorithm>

namespace interleave {

SweepChart::SweepChart(QWidget* parent)
    : QChartView(parent)
    , m_theme(&Theme::light())
{
    setChart(new QChart);
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(200);
    clear();
}

void SweepChart::setTheme(const Theme& theme)
{
    m_theme = &theme;
    chart()->setBackgroundBrush(theme.background);
    chart()->setTitleBrush(theme.text);
    chart()->legend()->setLabelColor(theme.text);
    setBackgroundBrush(theme.background);
}

void SweepChart::clear()
{
    chart()->removeAllSeries();
    for (QAbstractAxis* axis : chart()->axes())
        chart()->removeAxis(axis);
    chart()->setTitle("Run a sweep to compare parameter values");
}

void SweepChart::setSweep(const SweepResult& sweep)
{
    clear();
    chart()->setTitle(QString("%1: %2").arg(QString::fromStdString(sweep.scenario),
                                            QString::fromStdString(sweep.parameter)));
    auto* elapsed = new QBarSet("elapsed (ms)");
    elapsed->setColor(m_theme->stateColor(LaneState::Sleeping));
    auto* speedup = new QLineSeries;
    speedup->setName("speedup (×)");
    speedup->setPen(QPen(m_theme->stateColor(LaneState::LockWait), 3));
    speedup->setPointsVisible(true);
    QStringList categories;
    double highestElapsed = 1, highestSpeedup = 1;
    for (std::size_t i = 0; i < sweep.rows.size(); ++i) {
        const SweepRow& row = sweep.rows[i];
        categories << QString::fromStdString(row.valueText);
        const double ms = double(row.elapsedNs) / 1e6;
        *elapsed << ms;
        speedup->append(double(i), row.speedup);
        highestElapsed = std::max(highestElapsed, ms);
        highestSpeedup = std::max(highestSpeedup, row.speedup);
    }
    auto* bars = new QBarSeries;
    bars->append(elapsed);
    chart()->addSeries(bars);
    chart()->addSeries(speedup);
    auto* x = new QBarCategoryAxis;
    x->append(categories);
    x->setTitleText(QString::fromStdString(sweep.parameter));
    auto* left = new QValueAxis;
    left->setRange(0, highestElapsed * 1.1);
    left->setTitleText("elapsed (ms)");
    auto* right = new QValueAxis;
    right->setRange(0, highestSpeedup * 1.2);
    right->setTitleText("speedup (×)");
    chart()->addAxis(x, Qt::AlignBottom);
    chart()->addAxis(left, Qt::AlignLeft);
    chart()->addAxis(right, Qt::AlignRight);
    bars->attachAxis(x);
    bars->attachAxis(left);
    speedup->attachAxis(x);
    speedup->attachAxis(right);
}

} // namespace interleave
