// Comparing two runs in the window: one click runs the lesson's other side and shows both,
// lanes are matched by name, both timelines follow one zoom, files and sweep rows compare,
// and the comparison exports as shown.
#include "apptestsupport.h"
#include "compare/comparecontrols.h"
#include "compare/comparisonview.h"
#include "compare/comparisonwindow.h"
#include "compare/othersiderun.h"
#include "document/tracefiles.h"
#include "panels/parameterform.h"
#include "runcontroller.h"
#include "theme.h"
#include "timeline/lanelayout.h"
#include "timeline/timelinemodel.h"
#include "timeline/timelinewidget.h"
#include "timeline/zoomcontrol.h"
#include "trace/tracestore.h"
#include "window/mainwindow.h"
#include "window/presenter.h"
#include "window/scenarioselection.h"
#include "window/themeswitcher.h"
#include "window/usermessages.h"
#include "windowtestsupport.h"

#include <QImage>
#include <QSignalSpy>
#include <QtTest>
#include <shared_mutex>

using namespace interleave;
using interleave::test::runScenario;

namespace {

/// The top of the row named `label` in a timeline's layout, or -1.
int topOf(const TimelineModel& model, const std::string& label)
{
    for (const LaneRow& row : model.layout().rows())
        if (!row.header && row.label == label)
            return row.top;
    return -1;
}

std::string parameterOf(const TraceStore& trace, const std::string& name)
{
    std::shared_lock lock(trace.mutex());
    return trace.run.parameter(name);
}

} // namespace

class TestComparison : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY(m_settings.isValid());
        test::isolateSettings(m_settings, "InterleaveComparisonTest");
    }

    void oneClickRunsTheOtherSideAndComparesWithTheRunOnShow()
    {
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        QVERIFY(
            runScenario(window, "thread-race-counter", {{"lock", "false"}, {"sleep_ms", "100"}}));
        const auto onShow = window.runController()->trace();
        CompareControls* compare = window.comparisons();
        QVERIFY(compare->otherSideAction()->isEnabled());
        QCOMPARE(compare->otherSideAction()->text(), QString("Compare: lock = true"));

        QSignalSpy ready(compare->otherSideRun(), &OtherSideRun::ready);
        compare->otherSideAction()->trigger();
        QVERIFY(ready.wait(60'000));
        ComparisonWindow* comparison = compare->window();
        QVERIFY(comparison->isVisible());
        ComparisonView* view = comparison->view();
        // The run on show is the upper one, not run again; the lower one has the lock.
        QCOMPARE(view->trace(0), onShow);
        QCOMPARE(parameterOf(*view->trace(1), "lock"), std::string("true"));
        QCOMPARE(view->label(0), QString("lock = false"));
        QCOMPARE(view->label(1), QString("lock = true"));
        QVERIFY2(view->summary().contains("lost updates 1 → 0"), qPrintable(view->summary()));
        QVERIFY2(view->summary().contains("lock wait 0 → "), qPrintable(view->summary()));
        // Its trace is on show in the main window too, as any run.
        QCOMPARE(window.runController()->trace(), view->trace(1));
    }

    void aStoppedOtherSideComparesNothingAndSaysSo()
    {
        MainWindow window;
        window.show();
        QVERIFY(window.scenarios()->select("thread-race-counter"));
        window.parameterForm()->resetToDefaults();
        window.parameterForm()->setValue("sleep_ms", "5000");
        CompareControls* compare = window.comparisons();
        QSignalSpy ready(compare->otherSideRun(), &OtherSideRun::ready);
        compare->compareWithOtherSide(0);
        QVERIFY(compare->otherSideRun()->active());
        QTRY_VERIFY_WITH_TIMEOUT(window.runController()->running(), 5000);
        QSignalSpy finished(window.runController(), &RunController::finished);
        window.runController()->stop();
        QVERIFY(finished.wait(30'000));
        QTRY_VERIFY(!compare->otherSideRun()->active());
        QCOMPARE(ready.count(), 0);
        QVERIFY(!window.runController()->running()); // the other side did not start
    }

    void lanesMatchedByNameAndWorkerNumberSitOpposite()
    {
        MainWindow window;
        window.show();
        const std::vector<std::pair<std::string, std::string>> work{
            {"time_scale", "0.1"}, {"workers", "2"}, {"baseline", "false"}};
        QVERIFY(runScenario(window, "gil-cpu-threads", work));
        const auto threads = window.runController()->trace();
        QVERIFY(runScenario(window, "cpu-processes", work));
        const auto processes = window.runController()->trace();
        window.comparisons()->compare({threads, processes});
        ComparisonView* view = window.comparisons()->window()->view();
        TimelineModel& upper = *view->model(0);
        TimelineModel& lower = *view->model(1);
        // Lined up once both sides have laid their lanes out.
        QTRY_COMPARE(topOf(upper, "Thread-1"), topOf(lower, "Process-1"));
        QCOMPARE(topOf(upper, "Thread-2"), topOf(lower, "Process-2"));
        QCOMPARE(topOf(upper, "MainThread"), topOf(lower, "MainThread"));
        QVERIFY(topOf(upper, "Thread-1") > topOf(upper, "MainThread"));
        QCOMPARE(upper.layout().contentHeight(), lower.layout().contentHeight());
        // The time axes line up: equally wide lane-name columns.
        QTRY_COMPARE(view->timeline(0)->headerWidth(), view->timeline(1)->headerWidth());
        // Different scenarios: no parameters tell them apart, the titles do.
        QVERIFY(view->label(0).isEmpty());
        QVERIFY(view->summary().contains("max parallel 1 → "));
    }

    void bothTimelinesFollowOneZoomAndScroll()
    {
        MainWindow window;
        window.show();
        QVERIFY(runScenario(window, "thread-race-counter", {{"sleep_ms", "10"}}));
        const auto first = window.runController()->trace();
        QVERIFY(runScenario(window, "thread-race-counter", {{"sleep_ms", "100"}}));
        const auto second = window.runController()->trace();
        CompareControls* compare = window.comparisons();
        compare->compare({first, second});
        ComparisonView* view = compare->window()->view();
        QCOMPARE(view->label(0), QString("sleep_ms = 10"));
        ZoomControl& upper = *view->zoom(0);
        ZoomControl& lower = *view->zoom(1);
        const std::uint64_t o0 = view->model(0)->origin(), o1 = view->model(1)->origin();
        // Shared scale: the same milliseconds from each start.
        upper.setWindow(o0 + 2'000'000, o0 + 6'000'000);
        QCOMPARE(lower.windowStart() - o1, 2'000'000ull);
        QCOMPARE(lower.windowEnd() - o1, 6'000'000ull);
        // Keys in the lower timeline move the upper one too.
        view->timeline(1)->setFocus();
        QTest::keyClick(view->timeline(1), Qt::Key_W);
        QVERIFY(upper.windowDuration() < 4'000'000);
        QCOMPARE(upper.windowStart() - o0, lower.windowStart() - o1);
        QTest::keyClick(view->timeline(1), Qt::Key_F);
        QCOMPARE(upper.windowStart(), o0);
        // Each fitted to its own length: the second's whole run under the first's.
        view->setScale(LinkedZoom::Scale::FitEach);
        const std::uint64_t len0 = view->model(0)->end() - o0;
        const std::uint64_t len1 = view->model(1)->end() - o1;
        QVERIFY(len1 > len0 * 2);
        upper.setWindow(o0 + len0 / 2, o0 + len0);
        QVERIFY2(std::llabs(std::int64_t(lower.windowStart() - o1) - std::int64_t(len1 / 2)) < 10,
                 qPrintable(QString("%1 %2 %3 %4")
                                .arg(lower.windowStart() - o1)
                                .arg(len1)
                                .arg(upper.windowStart() - o0)
                                .arg(len0)));
        // Swapping puts the second above.
        view->swap();
        QCOMPARE(view->trace(0), second);
        QCOMPARE(view->label(0), QString("sleep_ms = 100"));
    }

    void filesAndSweepRowsCompareAndBadFilesSaySo()
    {
        QTemporaryDir dir;
        MainWindow window;
        window.show();
        QVERIFY(runScenario(window, "thread-race-counter", {{"lock", "true"}, {"sleep_ms", "5"}}));
        const QString saved = dir.filePath("locked.itrace");
        QVERIFY(window.files()->saveAs(saved));
        QVERIFY(runScenario(window, "thread-race-counter", {{"lock", "false"}, {"sleep_ms", "5"}}));
        CompareControls* compare = window.comparisons();
        compare->compareWithFile(saved);
        ComparisonView* view = compare->window()->view();
        QCOMPARE(parameterOf(*view->trace(1), "lock"), std::string("true"));
        QCOMPARE(view->trace(0), window.runController()->trace());
        // A sweep's two rows: both from their files.
        compare->compareFiles(saved, saved);
        QCOMPARE(parameterOf(*view->trace(0), "lock"), std::string("true"));
        QVERIFY(view->summary().contains("(about the same)"));
        // A file that is no trace: one line, and the comparison stays as it was.
        const QString bad = dir.filePath("bad.itrace");
        QFile file(bad);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("not a trace at all");
        file.close();
        const auto before = view->trace(1);
        compare->compareWithFile(bad);
        QVERIFY(!window.messages()->lastError().isEmpty());
        QVERIFY(!window.messages()->lastError().contains('\n'));
        QCOMPARE(view->trace(1), before);
    }

    void theComparisonExportsAsShownAndPresents()
    {
        QTemporaryDir dir;
        MainWindow window;
        window.show();
        QVERIFY(runScenario(window, "thread-race-counter", {{"lock", "false"}, {"sleep_ms", "5"}}));
        const auto first = window.runController()->trace();
        QVERIFY(runScenario(window, "thread-race-counter", {{"lock", "true"}, {"sleep_ms", "5"}}));
        CompareControls* compare = window.comparisons();
        compare->compare({first, window.runController()->trace()});
        ComparisonWindow* comparison = compare->window();
        comparison->resize(1300, 900);
        QVERIFY(QTest::qWaitForWindowExposed(comparison));
        const QString png = dir.filePath("cmp.png");
        QVERIFY(comparison->exportTo(png));
        QImage image(png);
        QVERIFY(!image.isNull());
        // As shown, at twice the pixels; both halves hold lanes.
        QCOMPARE(image.width(), 2 * comparison->view()->width());
        // Both halves hold their lanes: the threads' sleeps, in the theme's colour.
        const QColor sleeping = window.themes()->current().stateColor(LaneState::Sleeping);
        auto sleepingPixels = [&](int from, int to) {
            int count = 0;
            for (int y = from; y < to; y += 2)
                for (int x = 0; x < image.width(); x += 2)
                    count += image.pixelColor(x, y) == sleeping ? 1 : 0;
            return count;
        };
        QVERIFY(sleepingPixels(0, image.height() / 2) > 2000);
        QVERIFY(sleepingPixels(image.height() / 2, image.height()) > 2000);
        QVERIFY(comparison->exportTo(dir.filePath("cmp.svg")));
        QVERIFY(!comparison->exportTo(dir.filePath("no/such/dir/cmp.png")));
        // Presenting: full screen, the toolbar gone; Esc ends it.
        comparison->presenter()->setPresenting(true);
        QVERIFY(comparison->isFullScreen());
        QVERIFY(!comparison->findChild<QWidget*>("comparisonToolBar")->isVisible());
        QTest::keyClick(comparison->view()->timeline(0), Qt::Key_Escape);
        QVERIFY(!comparison->presenter()->presenting());
    }

private:
    QTemporaryDir m_settings;
};

QTEST_MAIN(TestComparison)
#include "tst_comparewindow.moc"
