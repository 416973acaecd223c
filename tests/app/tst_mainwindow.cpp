#include "mainwindow.h"
#include "panels/consoleview.h"
#include "panels/parameterform.h"
#include "panels/resultview.h"
#include "panels/statsmodels.h"
#include "runcontroller.h"
#include "scenario/registry.h"
#include "timeline/timelinemodel.h"
#include "timeline/timelinewidget.h"
#include "timeline/zoomcontrol.h"
#include "trace/analysis.h"
#include "trace/tracestore.h"

#include <QLabel>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QtTest>
#include <csignal>
#include <shared_mutex>

using namespace interleave;

namespace {

/// Runs what is selected and waits for the end.
bool runAndWait(MainWindow& window, int timeoutMs = 60'000)
{
    QSignalSpy finished(window.runController(), &RunController::finished);
    window.runScenario();
    return finished.wait(timeoutMs);
}

QString statusText(MainWindow& window)
{
    return window.findChild<QLabel*>("runState")->text();
}

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        // Settings of the tests stay out of the user's.
        QVERIFY(m_settings.isValid());
        qputenv("XDG_CONFIG_HOME", m_settings.path().toUtf8());
        QCoreApplication::setOrganizationName("InterleaveTest");
        QCoreApplication::setApplicationName("InterleaveTest");
    }

    void runsAScenarioAndShowsItsLesson()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.selectScenario("gil-cpu-threads"));
        QVERIFY(window.parameterForm()->setValue("workers", "3"));
        QVERIFY(window.parameterForm()->setValue("n", "200000"));
        QVERIFY(!window.parameterForm()->setValue("workers", "99")); // ranges are enforced
        QVERIFY(runAndWait(window));

        TimelineModel* model = window.timelineModel();
        QVERIFY(!model->live());
        const auto trace = model->trace();
        std::shared_lock lock(trace->mutex());
        QCOMPARE(int(trace->laneCount()), 4);
        QCOMPARE(int(model->layout().laneCount()), 4);
        for (std::size_t i = 0; i < trace->laneCount(); ++i)
            QVERIFY2(!trace->lane(i).spans.empty(), trace->lane(i).info.name.c_str());
        QCOMPARE(maxParallelRunning(*trace), 1u); // the lesson, on the model behind the view
        QCOMPARE(window.workerStats()->rowCount(), 4);
        bool gil = false;
        for (int row = 0; row < window.lockStats()->rowCount(); ++row) {
            if (window.lockStats()
                    ->data(window.lockStats()->index(row, 0), Qt::DisplayRole)
                    .toString() == "GIL of MainProcess") {
                gil = true;
                // "3 (37 %)": how many acquisitions had to wait.
                const QString contended =
                    window.lockStats()
                        ->data(window.lockStats()->index(row, 3), Qt::DisplayRole)
                        .toString();
                QVERIFY(contended.section(' ', 0, 0).toInt() > 0);
            }
        }
        QVERIFY(gil);
        QVERIFY(window.resultView()->verdict().contains("the GIL serialised the threads"));
        QCOMPARE(window.consoleModel()->rowCount(), 3);
        QVERIFY(window.consoleModel()->line(0).text.endsWith("finished"));
        QVERIFY(statusText(window).contains("Finished"));
        QVERIFY(window.findChild<QLabel*>("dropped")->text().contains("dropped 0"));
    }

    void stopEndsEveryWorkerAndProcess()
    {
        MainWindow window;
        window.show();
        QVERIFY(window.selectScenario("queue-sentinel"));
        QVERIFY(window.parameterForm()->setValue("items", "1000"));
        QSignalSpy finished(window.runController(), &RunController::finished);
        window.runScenario();
        QVERIFY(window.runController()->running());
        // Wait until both worker processes are up.
        std::vector<int> pids;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                pids.clear();
                const auto trace = window.runController()->trace();
                std::shared_lock lock(trace->mutex());
                for (std::size_t i = 0; i < trace->laneCount(); ++i) {
                    if (trace->lane(i).info.kind == WorkerKind::Process &&
                        trace->lane(i).info.pid > 0)
                        pids.push_back(trace->lane(i).info.pid);
                }
                return pids.size() == 2;
            }(),
            10'000);
        QVERIFY(window.timelineModel()->live());
        window.stopScenario();
        QVERIFY(finished.wait(10'000));
        const auto trace = window.timelineModel()->trace();
        QCOMPARE(QString::fromStdString(trace->run.outcome), QString("cancelled"));
        for (int pid : pids)
            QVERIFY(kill(pid, 0) != 0);
        QVERIFY(statusText(window).contains("cancelled"));
    }

    void pickingALockWaitShowsWhoHeldTheLock()
    {
        MainWindow window;
        window.show();
        QVERIFY(window.selectScenario("lock-serialized-threads"));
        QVERIFY(window.parameterForm()->setValue("time_scale", "0.05"));
        QVERIFY(runAndWait(window));
        const auto trace = window.timelineModel()->trace();
        std::optional<SpanRef> wait;
        std::uint16_t holder = 0;
        {
            std::shared_lock lock(trace->mutex());
            for (std::size_t i = 0; i < trace->laneCount(); ++i) {
                if (trace->lane(i).info.name == "Thread-1")
                    holder = std::uint16_t(i);
                for (const StateSpan& span : trace->lane(i).spans) {
                    if (span.state == LaneState::LockWait && span.duration() > 1'000'000)
                        wait = SpanRef{std::uint16_t(i), span};
                }
            }
        }
        QVERIFY(wait.has_value());
        window.timeline()->pick(wait);
        const auto& handOver = window.timeline()->shownHandOver();
        QVERIFY(handOver.has_value());
        QCOMPARE(int(handOver->fromLane), int(holder));
        QCOMPARE(handOver->toTime, wait->span.end);
    }

    void keysZoomPanAndFit()
    {
        MainWindow window;
        window.show();
        QVERIFY(window.selectScenario("threads-interleaved"));
        QVERIFY(window.parameterForm()->setValue("time_scale", "0.05"));
        QVERIFY(runAndWait(window));
        ZoomControl* zoom = window.zoomControl();
        const std::uint64_t whole = zoom->windowDuration();
        window.timeline()->setFocus();
        QTest::keyClick(window.timeline(), Qt::Key_W);
        QVERIFY(zoom->windowDuration() < whole);
        const std::uint64_t start = zoom->windowStart();
        QTest::keyClick(window.timeline(), Qt::Key_D);
        QVERIFY(zoom->windowStart() > start);
        QTest::keyClick(window.timeline(), Qt::Key_F);
        QCOMPARE(zoom->windowDuration(), whole);
        // Shift+drag selects a range; Z zooms to it.
        const QRect plot = window.timeline()->plotRect();
        QTest::mousePress(window.timeline(), Qt::LeftButton, Qt::ShiftModifier,
                          plot.center() - QPoint(100, 0));
        QTest::mouseMove(window.timeline(), plot.center() + QPoint(100, 0));
        QTest::mouseRelease(window.timeline(), Qt::LeftButton, Qt::ShiftModifier,
                            plot.center() + QPoint(100, 0));
        QVERIFY(zoom->hasSelection());
        QTest::keyClick(window.timeline(), Qt::Key_Z);
        QVERIFY(zoom->windowDuration() < whole / 3);
    }

    void parametersAndThemeAreRemembered()
    {
        {
            MainWindow window;
            window.show();
            QVERIFY(window.selectScenario("pool-apply"));
            QVERIFY(window.parameterForm()->setValue("tasks", "12"));
            window.applyTheme("dark");
            window.close();
        }
        MainWindow again;
        QCOMPARE(again.currentScenario(), QString("pool-apply"));
        bool found = false;
        for (const auto& [name, value] : again.parameterForm()->assignments()) {
            if (name == "tasks") {
                QCOMPARE(QString::fromStdString(value), QString("12"));
                found = true;
            }
        }
        QVERIFY(found);
        QCOMPARE(again.timeline()->theme().name, QString("dark"));
        again.applyTheme("light");
    }

    void everyScenarioRunsFromTheWindow()
    {
        MainWindow window;
        window.show();
        for (const Scenario* scenario : allScenarios()) {
            const QString id = QString::fromStdString(scenario->info().id);
            QVERIFY(window.selectScenario(id));
            window.parameterForm()->resetToDefaults();
            // Small enough to keep the suite quick; every lesson's shape is still there.
            window.parameterForm()->setValue("time_scale", "0.02");
            window.parameterForm()->setValue("n", "100000");
            window.parameterForm()->setValue("steps", "1000000");
            window.parameterForm()->setValue("work_steps", "100000");
            window.parameterForm()->setValue("iterations", "2");
            QVERIFY2(runAndWait(window), qPrintable(id));
            const auto trace = window.timelineModel()->trace();
            QCOMPARE(QString::fromStdString(trace->run.outcome), QString("completed"));
            QVERIFY2(trace->laneCount() >= 2, qPrintable(id));
            QVERIFY2(!window.resultView()->verdict().isEmpty(), qPrintable(id));
        }
    }

private:
    QTemporaryDir m_settings;
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
