// Timeline frame time on a 10-million-event trace at several zoom levels, with the same
// render passes the widget uses, into a 1600x900 image.
//   build/dev/bin/bench_timeline --benchmark_repetitions=5 --benchmark_report_aggregates_only
#include "theme.h"
#include "timeline/timelinemodel.h"
#include "timeline/timelinerenderer.h"
#include "trace/synthetictrace.h"
#include "trace/tracestore.h"

#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <benchmark/benchmark.h>

using namespace interleave;

namespace {

struct Fixture {
    Fixture()
    {
        model.setTrace(makeSyntheticTrace(SyntheticTraceSpec{10'000'000, 16, 7, true}), false);
        LaneMetrics metrics;
        metrics.laneHeight = 40; // 16 lanes fill the frame
        model.setMetrics(metrics);
    }
    TimelineModel model;
};

Fixture& fixture()
{
    static Fixture f;
    return f;
}

/// Draws one frame showing 1/zoom of the trace, centred.
void BM_TimelineFrame(benchmark::State& state)
{
    Fixture& f = fixture();
    const TraceStore& trace = *f.model.trace();
    const std::uint64_t start = trace.run.startNs;
    const std::uint64_t length = trace.run.endNs - start;
    const auto zoom = std::uint64_t(state.range(0));
    const std::uint64_t window = std::max<std::uint64_t>(length / zoom, 1000);
    const std::uint64_t from = start + length / 2 - window / 2;
    QImage image(1600, 900, QImage::Format_ARGB32_Premultiplied);
    TimelineFrame frame;
    frame.model = &f.model;
    frame.trace = &trace;
    frame.theme = &Theme::light();
    frame.rulerRect = QRect(190, 0, 1410, 26);
    frame.plotRect = QRect(190, 26, 1410, 874);
    frame.headerRect = QRect(0, 26, 190, 874);
    frame.viewport = Viewport{from, from + window, 190.0, 1410.0};
    for (auto _ : state) {
        QPainter painter(&image);
        render::frame(painter, frame);
    }
    state.counters["window_ms"] = double(window) / 1e6;
    state.counters["events"] = double(trace.eventCount());
}
BENCHMARK(BM_TimelineFrame)
    ->Arg(1) // the whole trace
    ->Arg(10)
    ->Arg(100)
    ->Arg(1000)
    ->Arg(100000) // a few events per lane: markers and labels
    ->Unit(benchmark::kMillisecond);

} // namespace

int main(int argc, char** argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    fixture(); // build the trace before timing anything
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
