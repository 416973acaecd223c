// Timeline frame time on a 10-million-event trace and on a million imported slices at several
// zoom levels, with the same render passes the widget uses, into a 1600x900 image.
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
#include <functional>
#include <optional>
#include <random>

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

/// An imported trace shaped like the 210 MB synthetic browser trace of bench_import: 1 M
/// slices on 16 threads over about 45 s, tasks of 1 µs to 2 ms nesting up to 6 deep with
/// gaps between them, eight names.
struct SliceFixture {
    SliceFixture()
    {
        auto trace = std::make_shared<TraceStore>();
        trace->run.importedFrom = "Chrome JSON";
        trace->run.title = "bench slices";
        std::vector<std::uint32_t> names;
        for (const char* name : {"RunTask", "Layout", "Paint", "v8.compile", "GPUTask", "Decode",
                                 "MessageLoop::RunTask", "ThreadControllerImpl::RunTask"})
            names.push_back(trace->addString(name));
        std::mt19937_64 random(7);
        const std::uint64_t origin = 1'000'000'000;
        std::uint64_t last = origin;
        for (std::uint16_t lane = 0; lane < 16; ++lane) {
            WorkerInfo info;
            info.id = lane;
            info.pid = 1 + lane / 4;
            info.tid = 100 + lane;
            info.name = "Worker " + std::to_string(lane % 4);
            trace->addLane(info);
            std::vector<Slice> slices;
            slices.reserve(62'500);
            std::uint64_t t = origin;
            // A task: a slice with children filling part of it, recursively.
            std::function<void(std::uint64_t, std::uint64_t, std::uint16_t)> task =
                [&](std::uint64_t start, std::uint64_t end, std::uint16_t depth) {
                    slices.push_back(
                        Slice{start, end, names[random() % names.size()], 0, 0, depth, 0});
                    if (depth >= 5 || end - start < 4'000)
                        return;
                    std::uint64_t at = start + (end - start) / 10;
                    const int children = int(random() % 4);
                    for (int c = 0; c < children && at < end; ++c) {
                        const std::uint64_t length = (end - at) / 2;
                        task(at, at + length, std::uint16_t(depth + 1));
                        at += length + (end - at - length) / 4;
                    }
                };
            while (slices.size() < 62'500) {
                t += 1'000 + random() % 600'000;
                const std::uint64_t length = 1'000 + random() % 2'000'000;
                task(t, t + length, 0);
                t += length;
            }
            trace->lane(lane).slices.assign(std::move(slices));
            last = std::max(last, t);
        }
        trace->run.startNs = origin;
        trace->run.endNs = last;
        model.setTrace(trace, false);
    }
    TimelineModel model;
};

SliceFixture& sliceFixture()
{
    static SliceFixture f;
    return f;
}

/// A frame showing 1/zoom of the trace, centred; during playback the playhead is at `playhead`
/// (a share of the window) and nothing after it is drawn.
TimelineFrame centredFrame(const TimelineModel& model, std::uint64_t zoom,
                           std::optional<double> playhead)
{
    const TraceStore& trace = *model.trace();
    const std::uint64_t start = trace.run.startNs;
    const std::uint64_t length = trace.run.endNs - start;
    const std::uint64_t window = std::max<std::uint64_t>(length / zoom, 1000);
    const std::uint64_t from = start + length / 2 - window / 2;
    TimelineFrame frame;
    frame.model = &model;
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

/// The whole trace, 1/10, 1/100, 1/1000 and 1/100 000 of it (a few events per lane: markers
/// and labels).
void fiveZooms(benchmark::internal::Benchmark* benchmark)
{
    for (const int zoom : {1, 10, 100, 1000, 100000})
        benchmark->Arg(zoom);
}

/// Draws one frame showing 1/zoom of the trace, centred.
void BM_TimelineFrame(benchmark::State& state)
{
    drawFrames(state, centredFrame(fixture().model, std::uint64_t(state.range(0)), std::nullopt));
}
BENCHMARK(BM_TimelineFrame)->Apply(fiveZooms)->Unit(benchmark::kMillisecond);

/// Lecture mode's playback: the same frames with the playhead at 70 % of the window, so the
/// passes draw everything up to it and cover what comes after (target: >= 30 frames/s).
void BM_PlaybackFrame(benchmark::State& state)
{
    drawFrames(state, centredFrame(fixture().model, std::uint64_t(state.range(0)), 0.7));
}
BENCHMARK(BM_PlaybackFrame)->Apply(fiveZooms)->Unit(benchmark::kMillisecond);

/// An imported trace's slices at the same five zooms (target: < 8 ms at every one).
void BM_SliceFrame(benchmark::State& state)
{
    const TimelineFrame frame =
        centredFrame(sliceFixture().model, std::uint64_t(state.range(0)), std::nullopt);
    drawFrames(state, frame);
    std::size_t slices = 0;
    for (std::size_t i = 0; i < frame.trace->laneCount(); ++i)
        slices += frame.trace->lane(i).slices.sliceCount();
    state.counters["slices"] = double(slices);
}
BENCHMARK(BM_SliceFrame)->Apply(fiveZooms)->Unit(benchmark::kMillisecond);

} // namespace

int main(int argc, char** argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    fixture(); // build the traces before timing anything
    sliceFixture();
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
