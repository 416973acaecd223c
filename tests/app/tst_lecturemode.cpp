// Lecture mode in the window: playback hides what comes after the playhead (timeline, charts,
// console), stepping lands on the right events, the lesson's moments are listed and shown.
#include "apptestsupport.h"
#include "notes/notescontroller.h"
#include "panels/consoleview.h"
#include "panels/momentspanel.h"
#include "panels/notespanel.h"
#include "panels/parameterform.h"
#include "runcontroller.h"
#include "theme.h"
#include "timeline/playback.h"
#include "timeline/timelinemodel.h"
#include "timeline/timelinewidget.h"
#include "timeline/zoomcontrol.h"
#include "trace/moments.h"
#include "trace/tracestore.h"
#include "window/lecturecontrols.h"
#include "window/mainwindow.h"
#include "window/presenter.h"
#include "window/scenarioselection.h"
#include "window/themeswitcher.h"
#include "windowtestsupport.h"

#include <QAction>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QtTest>
#include <algorithm>
#include <shared_mutex>

using namespace interleave;
using interleave::test::runScenario;

namespace {

/// Columns of the timeline's plot (between x0 and x1) that hold anything but the background.
int drawnColumns(const QImage& image, const QRect& plot, int x0, int x1, const QColor& background)
{
    int drawn = 0;
    for (int x = std::max(x0, plot.left()); x < std::min(x1, plot.right()); ++x) {
        for (int y = plot.top(); y < plot.bottom(); y += 2) {
            if (image.pixelColor(x, y) != background) {
                ++drawn;
                break;
            }
        }
    }
    return drawn;
}

/// Every event time of a lane, in order.
std::vector<std::uint64_t> eventTimes(const Lane& lane)
{
    std::vector<std::uint64_t> times;
    lane.events.forEach(0, lane.events.size(), lane.info.id, [&](const Event& e) {
        if (e.kind != EventKind::WorkerSample && e.kind != EventKind::CoreSample)
            times.push_back(e.tNs);
    });
    return times;
}

} // namespace

class TestLectureMode : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY(m_settings.isValid());
        test::isolateSettings(m_settings, "InterleaveLectureTest");
    }

    void thePlayheadHidesLaterEventsEverywhere()
    {
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        QVERIFY(runScenario(window, "threads-interleaved", {{"time_scale", "0.2"}}));
        TimelineModel* model = window.timelineModel();
        Playback* playback = window.lecture()->playback();
        QVERIFY(playback->available());
        QVERIFY(!playback->active());
        window.zoomControl()->fitAll();
        const std::uint64_t origin = model->origin(), end = model->end();
        const std::uint64_t middle = origin + (end - origin) / 2;
        const int allLines = window.consoleModel()->rowCount();
        QVERIFY(allLines >= 10);

        playback->seek(middle);
        QVERIFY(playback->active());
        QCOMPARE(model->playhead(), middle);
        const QImage image = window.timeline()->grab().toImage();
        const QRect plot = window.timeline()->plotRect();
        const Viewport v{window.zoomControl()->windowStart(), window.zoomControl()->windowEnd(),
                         double(plot.left()), double(plot.width())};
        const int x = int(timeToX(middle, v));
        const QColor background = window.timeline()->theme().background;
        // Before the playhead the lanes are drawn; after it (past its line) nothing is.
        QVERIFY(drawnColumns(image, plot, plot.left(), x - 2, background) > (x - plot.left()) / 2);
        QCOMPARE(drawnColumns(image, plot, x + 3, plot.right(), background), 0);

        // The console has the lines printed up to the playhead, the last one current.
        ConsoleModel* console = window.consoleModel();
        QVERIFY(console->rowCount() > 0);
        QVERIFY(console->rowCount() < allLines);
        const int current = console->currentRow();
        QCOMPARE(current, console->rowCount() - 1);
        QVERIFY(console->line(current).t <= middle - origin);
        QVERIFY(console->data(console->index(current), ConsoleModel::CurrentRole).toBool());

        playback->stop();
        QVERIFY(!model->hasPlayhead());
        QCOMPARE(console->rowCount(), allLines);
    }

    void playingRevealsTheTraceAndStopsAtItsEnd()
    {
        MainWindow window;
        window.show();
        QVERIFY(runScenario(window, "threads-interleaved", {{"time_scale", "0.02"}}));
        Playback* playback = window.lecture()->playback();
        TimelineModel* model = window.timelineModel();
        playback->setSpeed(Playback::kFastest);
        playback->play();
        QVERIFY(playback->playing());
        QCOMPARE(model->playhead(), model->origin());
        QTRY_VERIFY_WITH_TIMEOUT(model->playhead() > model->origin(), 2000);
        QTRY_VERIFY_WITH_TIMEOUT(!playback->playing(), 10'000);
        QCOMPARE(model->playhead(), model->end());
        // The default speed plays the whole trace in about ten seconds.
        const double seconds = double(model->end() - model->origin()) / 1e9;
        QVERIFY(playback->defaultSpeed() >= Playback::kSlowest);
        QVERIFY(seconds / playback->defaultSpeed() < 40);
    }

    void steppingLandsOnTheSelectionsEventsOrAnyLanes()
    {
        MainWindow window;
        window.show();
        QVERIFY(runScenario(window, "threads-interleaved", {{"time_scale", "0.1"}}));
        const auto trace = window.timelineModel()->trace();
        LectureControls* lecture = window.lecture();
        TimelineModel* model = window.timelineModel();
        std::shared_lock lock(trace->mutex());
        const Lane* worker = nullptr;
        for (std::size_t i = 0; i < trace->laneCount(); ++i) {
            if (trace->lane(i).info.name == "Thread-2")
                worker = &trace->lane(i);
        }
        QVERIFY(worker);
        const std::vector<std::uint64_t> own = eventTimes(*worker);
        std::vector<std::uint64_t> all;
        for (std::size_t i = 0; i < trace->laneCount(); ++i) {
            const auto times = eventTimes(trace->lane(i));
            all.insert(all.end(), times.begin(), times.end());
        }
        std::sort(all.begin(), all.end());
        all.erase(std::unique(all.begin(), all.end()), all.end());
        lock.unlock();

        // A span of Thread-2 selected: its own events, in order, then back again.
        TimelineItem item;
        item.kind = TimelineItem::Kind::Span;
        item.lane = worker->info.id;
        item.span = worker->spans[0];
        window.timeline()->select(item);
        for (std::size_t k = 0; k < 4; ++k) {
            lecture->step(true, false);
            QCOMPARE(model->playhead(), own[k]);
        }
        lecture->step(false, false);
        QCOMPARE(model->playhead(), own[2]);
        // Any lane: the very next event of the whole trace.
        const std::uint64_t at = model->playhead();
        lecture->step(true, true);
        QCOMPARE(model->playhead(), *std::upper_bound(all.begin(), all.end(), at));
        // The keys do the same, and a text field keeps its keys.
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        const std::uint64_t before = model->playhead();
        QTest::keyClick(window.timeline(), Qt::Key_Greater);
        QCOMPARE(model->playhead(), *std::upper_bound(all.begin(), all.end(), before));
        auto* field = window.findChild<QLineEdit*>();
        QVERIFY(field);
        field->setFocus();
        const std::uint64_t typed = model->playhead();
        QTest::keyClick(field, Qt::Key_Space);
        QTest::keyClick(field, Qt::Key_Period);
        QVERIFY(!lecture->playback()->playing());
        QCOMPARE(model->playhead(), typed);
    }

    void theRacesLostUpdatesAreMomentsToStepThrough()
    {
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        QVERIFY(
            runScenario(window, "shared-value-race", {{"time_scale", "0.2"}, {"lock", "false"}}));
        const auto trace = window.timelineModel()->trace();
        MomentsPanel* panel = window.lecture()->moments();
        QCOMPARE(std::size_t(panel->count()), trace->moments.size());
        QVERIFY(panel->count() > 0);
        TimelineModel* model = window.timelineModel();
        ZoomControl* zoom = window.zoomControl();

        // Page Down (a presenter's clicker) goes to the first moment, then the next.
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        window.timeline()->setFocus();
        for (int k = 0; k < 2; ++k) {
            QTest::keyClick(window.timeline(), Qt::Key_PageDown);
            QCOMPARE(panel->current(), k);
            const Moment& m = trace->moments[std::size_t(k)];
            QCOMPARE(m.kind, MomentKind::LostUpdate);
            const Interval extent = momentExtent(m);
            QCOMPARE(model->playhead(), extent.end);
            QVERIFY(zoom->windowStart() <= extent.start && zoom->windowEnd() >= extent.end);
            QVERIFY(zoom->windowDuration() < (model->end() - model->origin()) / 10);
            QCOMPARE(model->momentPoints().size(), m.points.size());
        }
        QTest::keyClick(window.timeline(), Qt::Key_PageUp);
        QCOMPARE(panel->current(), 0);
        // Moving the playhead away leaves the moment.
        window.lecture()->playback()->seek(model->origin());
        QCOMPARE(panel->current(), -1);
        QVERIFY(model->momentPoints().empty());

        // One click makes notes of them all.
        const int notesBefore = window.notesPanel()->count();
        for (QPushButton* button : panel->findChildren<QPushButton*>()) {
            if (button->text() == "Add as notes")
                button->click();
        }
        QCOMPARE(window.notesPanel()->count(), notesBefore + panel->count());
        QCOMPARE(trace->annotations.back().text, trace->moments.back().text);
    }

    void presentingIsLargeWithoutSidePanelsAndEscEndsIt()
    {
        MainWindow window;
        window.show();
        window.themes()->apply("dark");
        auto* scenarios = window.findChild<QWidget*>("scenarioDock");
        QVERIFY(scenarios && scenarios->isVisible());
        window.presenter()->action()->trigger();
        QVERIFY(window.presenter()->presenting());
        QCOMPARE(window.timeline()->theme().name, QString("lecture"));
        QVERIFY(!scenarios->isVisible());
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QTest::mouseMove(window.timeline(), QPoint(300, 120));
        QTest::keyClick(window.timeline(), Qt::Key_Escape);
        QVERIFY(!window.presenter()->presenting());
        QCOMPARE(window.timeline()->theme().name, QString("dark"));
        QVERIFY(scenarios->isVisible());
        QCOMPARE(ThemeSwitcher::remembered(), QString("dark"));
    }

private:
    QTemporaryDir m_settings;
};

QTEST_MAIN(TestLectureMode)
#include "tst_lecturemode.moc"
