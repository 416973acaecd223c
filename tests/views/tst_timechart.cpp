// The charts under the lanes: they follow the one zoom state exactly, keep every peak, and
// stay cheap at any zoom.
#include "charts/counterstrips.h"
#include "charts/timechart.h"
#include "theme.h"
#include "timeline/timecoordinates.h"
#include "timeline/timelinemodel.h"
#include "timeline/zoomcontrol.h"
#include "trace/tracestore.h"

#include <QImage>
#include <QtTest>

using namespace interleave;

namespace {

constexpr std::uint64_t kOrigin = 1'000'000'000;

/// A trace of one lane and one queue whose depth is given as (time since start, depth) pairs.
std::shared_ptr<TraceStore> queueTrace(const std::vector<std::pair<std::uint64_t, double>>& depth,
                                       std::uint64_t length)
{
    auto trace = std::make_shared<TraceStore>();
    trace->run.startNs = kOrigin;
    trace->run.endNs = kOrigin + length;
    WorkerInfo info;
    info.name = "MainThread";
    trace->addLane(info);
    CounterSeries series;
    series.kind = CounterKind::QueueDepth;
    series.name = "q";
    for (const auto& [t, value] : depth)
        series.append(kOrigin + t, value);
    trace->loadCounters({series});
    trace->finishLoading(0, kOrigin + length);
    return trace;
}

/// The chart drawn at its size, and the x of every column where its line is at `value`.
struct Drawn {
    QImage image;
    std::vector<int> columnsAt(double value, const Theme& theme, int plotLeft) const
    {
        const CounterStrip strip{CounterStrip::Kind::QueueDepth, "", "", {}, 1, nullptr};
        const QColor line = stripColor(strip, 0, theme);
        // The value axis: plot from below the top label to 2 px above the bottom.
        const int top = std::max(6, QFontMetrics(theme.smallFont).height() / 2 + 2);
        const int bottom = image.height() - 1 - 2;
        const int y = int(std::lround(bottom - value / 10.0 * (bottom - top)));
        std::vector<int> columns;
        for (int x = plotLeft; x < image.width(); ++x) {
            for (int dy = -1; dy <= 1; ++dy) {
                const QColor c = image.pixelColor(x, std::clamp(y + dy, 0, image.height() - 1));
                if (std::abs(c.red() - line.red()) + std::abs(c.green() - line.green()) +
                        std::abs(c.blue() - line.blue()) <
                    60) {
                    columns.push_back(x);
                    break;
                }
            }
        }
        return columns;
    }
};

Drawn draw(TimeChart& chart)
{
    Drawn d;
    d.image = QImage(chart.size(), QImage::Format_RGB32);
    chart.render(&d.image);
    return d;
}

} // namespace

class TestTimeChart : public QObject {
    Q_OBJECT
private slots:
    void followsTheZoomBeforeZeroToo()
    {
        // Depth 7 from 500 ms on (axis top: 10 items).
        TimelineModel model;
        ZoomControl zoom;
        model.setTrace(queueTrace({{0, 0}, {500'000'000, 7}}, 1'000'000'000), false);
        zoom.setTraceRange(model.origin(), model.end());
        TimeChart chart(&model, &zoom, CounterStrip::Kind::QueueDepth);
        chart.alignPlot(200, 800);
        chart.resize(1000, chart.sizeHint().height());
        chart.refresh();
        QVERIFY(chart.hasData());
        // The view starts 160 ms before the run (dragged right after Fit All).
        zoom.setWindow(kOrigin - 160'000'000, kOrigin + 840'000'000);
        const Viewport v = chart.viewport();
        QCOMPARE(v.start, zoom.windowStart());
        QCOMPARE(v.end, zoom.windowEnd());
        const Drawn drawn = draw(chart);
        const std::vector<int> high = drawn.columnsAt(7, Theme::light(), 200);
        QVERIFY(!high.empty());
        // The step is drawn where the lanes have 500 ms: 200 + 660/1000 of 800 px.
        const double expected = timeToX(kOrigin + 500'000'000, v);
        QVERIFY2(std::abs(high.front() - expected) <= 2,
                 qPrintable(QString("step at %1, lanes at %2").arg(high.front()).arg(expected)));
    }

    void keepsEveryShortPeakAtFitAll()
    {
        // 40 messages, each filling the queue for 3 µs: 0 -> 1 -> 0 within a pixel.
        std::vector<std::pair<std::uint64_t, double>> depth{{0, 0}};
        for (std::uint64_t i = 0; i < 40; ++i) {
            depth.emplace_back(10'000'000 + i * 20'000'000, 1);
            depth.emplace_back(10'000'000 + i * 20'000'000 + 3'000, 0);
        }
        TimelineModel model;
        ZoomControl zoom;
        model.setTrace(queueTrace(depth, 820'000'000), false);
        zoom.setTraceRange(model.origin(), model.end());
        zoom.fitAll();
        TimeChart chart(&model, &zoom, CounterStrip::Kind::QueueDepth);
        chart.alignPlot(200, 800);
        chart.resize(1000, chart.sizeHint().height());
        chart.refresh();
        // The axis goes to 1 item: find the line at its top.
        const Drawn drawn = draw(chart);
        const CounterStrip strip{CounterStrip::Kind::QueueDepth, "", "", {}, 1, nullptr};
        const QColor line = stripColor(strip, 0, Theme::light());
        const int top = std::max(6, QFontMetrics(Theme::light().smallFont).height() / 2 + 2);
        // Right of the value axis' label, which sits over the plot's left edge.
        const int from = 200 + 80;
        int expected = 0;
        for (std::uint64_t i = 0; i < 40; ++i) {
            const double x = timeToX(kOrigin + 10'000'000 + i * 20'000'000, chart.viewport());
            expected += x >= from + 2 && x < 998;
        }
        QVERIFY(expected > 30);
        int peaks = 0;
        bool inPeak = false;
        for (int x = from; x < 1000; ++x) {
            bool hit = false;
            for (int y = top - 1; y <= top + 2; ++y) {
                const QColor c = drawn.image.pixelColor(x, y);
                hit |= std::abs(c.red() - line.red()) + std::abs(c.green() - line.green()) +
                           std::abs(c.blue() - line.blue()) <
                       80;
            }
            peaks += hit && !inPeak;
            inPeak = hit;
        }
        QCOMPARE(peaks, expected);
    }

    void deepZoomThenFitAllDrawsABoundedFrame()
    {
        // Qt Charts built millions of ticks here (zoom in 30 times, then Fit All): the window
        // froze. Every frame now draws the ruler's few ticks, whatever the zoom was.
        TimelineModel model;
        ZoomControl zoom;
        model.setTrace(queueTrace({{0, 0}, {1'000'000'000, 3}}, 3'000'000'000), false);
        zoom.setTraceRange(model.origin(), model.end());
        TimeChart chart(&model, &zoom, CounterStrip::Kind::QueueDepth);
        chart.alignPlot(200, 800);
        chart.resize(1000, chart.sizeHint().height());
        chart.refresh();
        for (int i = 0; i < 30; ++i) {
            zoom.zoom(1.4, kOrigin + 1'500'000'000);
            draw(chart);
        }
        QVERIFY(zoom.windowDuration() < 200'000);
        zoom.fitAll();
        draw(chart);
        QVERIFY(rulerTicks(chart.viewport(), kOrigin).size() < 200);
        QCOMPARE(chart.viewport().start, kOrigin);
    }
};

QTEST_MAIN(TestTimeChart)
#include "tst_timechart.moc"
