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
#include <optional>

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

/// A frame showing 1/zoom of the trace, centred; during playback the playhead is at `playhead`
/// (a share of the window) and nothing after it is drawn.
TimelineFrame centredFrame(const Fixture& f, std::uint64_t zoom, std::optional<double> playhead)
{
    const TraceStore& trace = *f.model.trace();
    const std::uint64_t start = trace.run.startNs;
    const std::uint64_t length = trace.run.endNs - start;
    const std::uint64_t window = std::max<std::uint64_t>(length / zoom, 1000);
    const std::uint64_t from = start + length / 2 - window / 2;
    TimelineFrame frame;
    frame.model = &f.model;
    frame.trace = &trace;
    frame.theme = &Theme::light();
    frame.rulerRect = QRect(190, 0, 1410, 26);
    frame.plotRect = QRect(190, 26, 1410, 874);
    frame.headerRect = QRect(0, 26, 190, 874);
    frame.viewport = Viewport{from, from + window, 190.0, 1410.0};
    if (playhead)
        frame.playhead = from + std::uint64_t(double(window) * *playhead);
    return frame;
}

void drawFrames(benchmark::State& state, const TimelineFrame& frame)
{
    QImage image(1600, 900, QImage::Format_ARGB32_Premultiplied);
    for (auto _ : state) {
        QPainter painter(&image);
        render::frame(painter, frame);
    }
    state.counters["window_ms"] = double(frame.viewport.end - frame.viewport.start) / 1e6;
    state.counters["events"] = double(frame.trace->eventCount());
}

/// Draws one frame showing 1/zoom of the trace, centred.
void BM_TimelineFrame(benchmark::State& state)
{
    drawFrames(state, centredFrame(fixture(), std::uint64_t(state.range(0)), std::nullopt));
}
BENCHMARK(BM_TimelineFrame)
    ->Arg(1) // the whole trace
    ->Arg(10)
    ->Arg(100)
    ->Arg(1000)
    ->Arg(100000) // a few events per lane: markers and labels
    ->Unit(benchmark::kMillisecond);

/// Lecture mode's playback: the same frames with the playhead at 70 % of the window, so the
/// passes draw everything up to it and cover what comes after (target: >= 30 frames/s).
void BM_PlaybackFrame(benchmark::State& state)
{
    drawFrames(state, centredFrame(fixture(), std::uint64_t(state.range(0)), 0.7));
}
BENCHMARK(BM_PlaybackFrame)
    ->Arg(1)
    ->Arg(10)
    ->Arg(100)
    ->Arg(1000)
    ->Arg(100000)
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
