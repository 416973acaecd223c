#include "theme.h"
#include "timeline/columnpainter.h"
#include "timeline/lanelayout.h"
#include "timeline/timelinemodel.h"
#include "timeline/timelinerenderer.h"
#include "trace/synthetictrace.h"
#include "trace/tracestore.h"

#include <QImage>
#include <QPainter>
#include <QtTest>
#include <random>

using namespace interleave;

namespace {

/// One lane: `count` cycles of `running` ns running then `sleeping` ns asleep.
std::shared_ptr<TraceStore> cycles(int count, std::uint64_t running, std::uint64_t sleeping)
{
    auto trace = std::make_shared<TraceStore>();
    trace->run.startNs = 1'000;
    WorkerInfo info;
    info.id = 0;
    info.name = "MainThread";
    info.pid = 42;
    trace->addLane(info);
    Event e{};
    e.worker = 0;
    std::uint64_t t = 1'000;
    e.tNs = t;
    e.kind = EventKind::WorkerStart;
    trace->appendEvent(e);
    for (int i = 0; i < count; ++i) {
        t += running;
        e.tNs = t;
        e.kind = EventKind::SleepBegin;
        trace->appendEvent(e);
        t += sleeping;
        e.tNs = t;
        e.kind = EventKind::SleepEnd;
        trace->appendEvent(e);
    }
    trace->run.endNs = t;
    trace->finalize();
    return trace;
}

struct Rendered {
    QImage image;
    TimelineFrame frame;
};

Rendered renderView(TimelineModel& model, std::uint64_t start, std::uint64_t end, int width = 1000)
{
    Rendered r;
    r.image = QImage(width + 200, 300, QImage::Format_RGB32);
    TimelineFrame& f = r.frame;
    f.model = &model;
    f.trace = model.trace().get();
    f.theme = &Theme::light();
    f.plotRect = QRect(200, 30, width, 270);
    f.headerRect = QRect(0, 30, 200, 270);
    f.rulerRect = QRect(200, 0, width, 30);
    f.viewport = Viewport{start, end, 200.0, double(width)};
    QPainter painter(&r.image);
    render::frame(painter, f);
    return r;
}

QColor pixelInLane(const Rendered& r, std::uint16_t lane, double x)
{
    return r.image.pixelColor(int(x), render::laneCenterY(r.frame, lane));
}

} // namespace

class TestTimelineRender : public QObject {
    Q_OBJECT
private slots:
    void zoomedOutAColumnShowsItsDominantState()
    {
        // 1 µs running, 3 µs asleep, over 0.4 s: each pixel covers 100 cycles.
        TimelineModel model;
        model.setTrace(cycles(100'000, 1'000, 3'000), false);
        const auto trace = model.trace();
        const Rendered r = renderView(model, trace->run.startNs, trace->run.endNs);
        const QColor sleeping = Theme::light().stateColor(LaneState::Sleeping);
        for (double x : {250.0, 600.0, 1150.0})
            QCOMPARE(pixelInLane(r, 0, x), sleeping);
    }

    void theMajorityWinsEvenAtSixtyPercent()
    {
        TimelineModel model;
        model.setTrace(cycles(100'000, 3'000, 2'000), false);
        const auto trace = model.trace();
        const Rendered r = renderView(model, trace->run.startNs, trace->run.endNs);
        QCOMPARE(pixelInLane(r, 0, 700.0), Theme::light().stateColor(LaneState::Running));
    }

    void zoomedInEverySpanHasItsOwnPixels()
    {
        TimelineModel model;
        model.setTrace(cycles(1'000, 1'000, 3'000), false);
        // 4 cycles (16 µs) across 1000 px: 62.5 px running, 187.5 px asleep, alternating.
        const Rendered r = renderView(model, 1'000, 17'000);
        const QColor running = Theme::light().stateColor(LaneState::Running);
        const QColor sleeping = Theme::light().stateColor(LaneState::Sleeping);
        for (int cycle = 0; cycle < 4; ++cycle) {
            const double x = 200 + cycle * 250.0;
            QCOMPARE(pixelInLane(r, 0, x + 30), running);
            QCOMPARE(pixelInLane(r, 0, x + 150), sleeping);
        }
    }

    void pyramidLevelsAreUsedWhenZoomedOut()
    {
        TimelineModel model;
        model.setTrace(cycles(100'000, 1'000, 3'000), false);
        const SpanPyramid& pyramid = model.pyramid(0);
        const double nsPerPixel = double(model.trace()->run.endNs - 1'000) / 1000.0;
        const int level = SpanPyramid::levelFor(nsPerPixel);
        QVERIFY(level >= 1);
        // The level drawn has spans longer than a quarter pixel (the next level's would exceed
        // a pixel): at most 4 per pixel to fold, not 200 per pixel.
        QVERIFY(pyramid.level(level).size() <= 4 * 1000 + 2);
        QVERIFY(double(SpanPyramid::resolution(level)) > nsPerPixel / 4);
        QVERIFY(model.trace()->lane(0).spans.size() >= 200'000);
    }

    void aLargeTraceRendersWithEveryLaneFilled()
    {
        TimelineModel model;
        model.setTrace(makeSyntheticTrace(SyntheticTraceSpec{2'000'000, 8, 3, true}), false);
        const auto trace = model.trace();
        const Rendered r = renderView(model, trace->run.startNs, trace->run.endNs);
        const QColor background = Theme::light().laneBackground;
        const QColor alternate = Theme::light().laneAlternate;
        for (std::uint16_t lane = 0; lane < 8; ++lane) {
            const int y = render::laneCenterY(r.frame, lane);
            if (y < 0 || y >= r.image.height())
                continue; // scrolled off the small test image
            const QColor pixel = r.image.pixelColor(700, y);
            QVERIFY2(pixel != background && pixel != alternate, qPrintable(QString::number(lane)));
        }
    }

    void aLaneImagePaintsExactlyWhatRectanglesPaint()
    {
        // On screen a lane's many solid runs go through one lane image; a vector picture gets
        // one rectangle per run. Random spans of every state, from far narrower than a pixel to
        // several pixels, with gaps, reaching past both ends: the pixels must be the same.
        std::mt19937 random(11);
        for (const double meanWidth : {0.2, 3.0}) {
            std::vector<std::pair<std::pair<double, double>, LaneState>> spans;
            double x = 150.0;
            while (x < 1250.0) {
                const double width = std::exponential_distribution<double>(1.0 / meanWidth)(random);
                const auto state = kAllLaneStates[random() % kAllLaneStates.size()];
                spans.push_back({{x, x + width}, state});
                x += width + (random() % 8 == 0 ? meanWidth : 0.0);
            }
            const auto paint = [&](QImage& image, render::ColumnPainter::Output output) {
                image.fill(Theme::light().laneBackground);
                QPainter painter(&image);
                render::ColumnPainter columns(painter, Theme::light(), 10, 40, 200.5, 1201.0,
                                              output);
                for (const auto& [extent, state] : spans)
                    columns.add(extent.first, extent.second, state);
                columns.finish();
                return columns.drewLaneImage();
            };
            QImage withImage(1300, 60, QImage::Format_ARGB32_Premultiplied);
            QImage withRects(withImage.size(), withImage.format());
            QVERIFY(paint(withImage, render::ColumnPainter::Output::Automatic));
            QVERIFY(!paint(withRects, render::ColumnPainter::Output::Rectangles));
            int differing = 0;
            for (int y = 0; y < withImage.height(); ++y)
                for (int px = 0; px < withImage.width(); ++px)
                    differing += withImage.pixel(px, y) != withRects.pixel(px, y) ? 1 : 0;
            QVERIFY2(
                differing == 0,
                qPrintable(
                    QString("spans of %1 px: %2 pixels differ").arg(meanWidth).arg(differing)));
            // A device that scales (a high-DPI screen, a 2x picture export) gets rectangles.
            QImage scaled(2600, 120, QImage::Format_ARGB32_Premultiplied);
            scaled.setDevicePixelRatio(2);
            QVERIFY(!paint(scaled, render::ColumnPainter::Output::Automatic));
        }
        // A lane with few runs draws rectangles: they cost less than a lane image's pixels.
        QImage few(1300, 60, QImage::Format_ARGB32_Premultiplied);
        QPainter painter(&few);
        render::ColumnPainter columns(painter, Theme::light(), 10, 40, 200.5, 1201.0);
        columns.add(300, 700, LaneState::Running);
        columns.add(700, 900, LaneState::Sleeping);
        columns.finish();
        QVERIFY(!columns.drewLaneImage());
    }

    void layoutPutsThreadsFirstThenProcesses()
    {
        TraceStore trace;
        for (std::uint16_t i = 0; i < 4; ++i) {
            WorkerInfo info;
            info.id = i;
            info.name = "w" + std::to_string(i);
            info.kind = i % 2 ? WorkerKind::Process : WorkerKind::Thread;
            info.pid = i % 2 ? 100 + i : 7;
            trace.addLane(info);
        }
        LaneLayout layout;
        layout.build(trace, LaneMetrics{20, 10});
        QCOMPARE(int(layout.rows().size()), 6); // 2 headers + 4 lanes
        QVERIFY(layout.rows()[0].header);
        QCOMPARE(layout.rows()[0].pid, 7);
        QCOMPARE(int(layout.rows()[1].lane), 0);
        QCOMPARE(int(layout.rows()[2].lane), 2);
        QVERIFY(layout.rows()[3].header && layout.rows()[3].process);
        QCOMPARE(int(layout.rows()[4].lane), 1);
        QCOMPARE(layout.contentHeight(), 2 * 10 + 4 * 20);
        QCOMPARE(int(layout.rowAt(35)->lane), 2);
        QCOMPARE(layout.laneRow(3)->top, 80);
        QVERIFY(layout.rowAt(1000) == nullptr);
    }
};

QTEST_MAIN(TestTimelineRender)
#include "tst_timelinerender.moc"
