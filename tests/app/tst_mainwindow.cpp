#include "apptestsupport.h"
#include "document/programtracer.h"
#include "document/recentfiles.h"
#include "document/tracedocument.h"
#include "document/tracefilejob.h"
#include "document/tracefiles.h"
#include "export/pictureoptions.h"
#include "notes/notescontroller.h"
#include "panels/consoleview.h"
#include "panels/notespanel.h"
#include "panels/parameterform.h"
#include "panels/resultview.h"
#include "panels/statsmodels.h"
#include "pictures/pictureexporter.h"
#include "runcontroller.h"
#include "scenario/registry.h"
#include "theme.h"
#include "timeline/timelinemodel.h"
#include "timeline/timelinewidget.h"
#include "timeline/zoomcontrol.h"
#include "trace/analysis.h"
#include "trace/tracestore.h"
#include "window/mainwindow.h"
#include "window/scenarioselection.h"
#include "window/themeswitcher.h"
#include "window/usermessages.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QLabel>
#include <QProgressDialog>
#include <QPushButton>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>
#include <atomic>
#include <chrono>
#include <csignal>
#include <shared_mutex>
#include <thread>
#include <unistd.h>

using namespace interleave;

namespace {

/// Runs what is selected and waits for the end.
bool runAndWait(MainWindow& window, int timeoutMs = 60'000)
{
    QSignalSpy finished(window.runController(), &RunController::finished);
    window.scenarios()->run();
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
        test::isolateSettings(m_settings, "InterleaveTest");
    }

    void runsAScenarioAndShowsItsLesson()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.scenarios()->select("gil-cpu-threads"));
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
        QVERIFY(window.scenarios()->select("queue-sentinel"));
        QVERIFY(window.parameterForm()->setValue("items", "1000"));
        QSignalSpy finished(window.runController(), &RunController::finished);
        window.scenarios()->run();
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
        window.runController()->stop();
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
        QVERIFY(window.scenarios()->select("lock-serialized-threads"));
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
        window.resize(1560, 960); // the offscreen screen is small: the window fits it otherwise
        window.show();
        QVERIFY(window.scenarios()->select("threads-interleaved"));
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
            QVERIFY(window.scenarios()->select("pool-apply"));
            QVERIFY(window.parameterForm()->setValue("tasks", "12"));
            window.themes()->apply("dark");
            window.close();
        }
        MainWindow again;
        QCOMPARE(again.scenarios()->currentId(), QString("pool-apply"));
        bool found = false;
        for (const auto& [name, value] : again.parameterForm()->assignments()) {
            if (name == "tasks") {
                QCOMPARE(QString::fromStdString(value), QString("12"));
                found = true;
            }
        }
        QVERIFY(found);
        QCOMPARE(again.timeline()->theme().name, QString("dark"));
        again.themes()->apply("light");
    }

    void everyScenarioRunsFromTheWindow()
    {
        MainWindow window;
        window.show();
        for (const Scenario* scenario : allScenarios()) {
            const QString id = QString::fromStdString(scenario->info().id);
            QVERIFY(window.scenarios()->select(id));
            window.parameterForm()->resetToDefaults();
            // Small enough to keep the suite quick; every lesson's shape is still there.
            window.parameterForm()->setValue("time_scale", "0.02");
            window.parameterForm()->setValue("n", "100000");
            window.parameterForm()->setValue("steps", "1000000");
            window.parameterForm()->setValue("work_steps", "100000");
            window.parameterForm()->setValue("iterations", "2");
            QVERIFY2(runAndWait(window), qPrintable(id));
            const auto trace = window.timelineModel()->trace();
            QVERIFY2(trace->run.outcome == "completed",
                     qPrintable(id + ": " + QString::fromStdString(trace->run.outcome) + " " +
                                QString::fromStdString(trace->run.message)));
            QVERIFY2(trace->laneCount() >= 2, qPrintable(id));
            QVERIFY2(!window.resultView()->verdict().isEmpty(), qPrintable(id));
        }
    }

    void savedTracesReopenWithTheirNotesAndView()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("race.itrace");
        std::uint64_t start = 0, end = 0, middle = 0;
        QString verdict;
        std::size_t lanes = 0;
        {
            MainWindow window;
            window.show();
            QVERIFY(window.scenarios()->select("shared-value-race"));
            window.parameterForm()->resetToDefaults();
            QVERIFY(window.parameterForm()->setValue("time_scale", "0.05"));
            QVERIFY(runAndWait(window));
            const auto trace = window.timelineModel()->trace();
            lanes = trace->laneCount();
            verdict = window.resultView()->verdict();
            ZoomControl* zoom = window.zoomControl();
            middle = zoom->traceStart() / 2 + zoom->traceEnd() / 2;
            window.notes()->add(middle, middle, -1, "the race starts here");
            window.notes()->add(zoom->traceStart(), middle, 1, "first half, one lane");
            QCOMPARE(window.notesPanel()->count(), 2);
            QVERIFY(window.isWindowModified());
            zoom->setWindow(middle - 1'000'000, middle + 2'000'000);
            start = zoom->windowStart();
            end = zoom->windowEnd();
            QVERIFY(window.files()->saveAs(path));
            QVERIFY(!window.isWindowModified());
            QCOMPARE(window.document()->path(), QFileInfo(path).absoluteFilePath());
            QCOMPARE(window.recentFiles()->paths().value(0), QFileInfo(path).absoluteFilePath());
        }
        MainWindow window;
        window.show();
        QVERIFY(window.scenarios()->select("gil-cpu-threads"));
        QVERIFY(window.files()->open(path));
        const auto trace = window.timelineModel()->trace();
        QCOMPARE(trace->laneCount(), lanes);
        // The run's scenario and parameters are in the form again.
        QCOMPARE(window.scenarios()->currentId(), QString("shared-value-race"));
        bool scaled = false;
        for (const auto& [name, value] : window.parameterForm()->assignments())
            scaled |= name == "time_scale" && std::stod(value) == 0.05;
        QVERIFY(scaled);
        QCOMPARE(window.resultView()->verdict(), verdict);
        QCOMPARE(window.zoomControl()->windowStart(), start);
        QCOMPARE(window.zoomControl()->windowEnd(), end);
        QCOMPARE(trace->annotations.size(), std::size_t(2));
        QCOMPARE(trace->annotations[0].text, std::string("the race starts here"));
        QCOMPARE(trace->annotations[0].start, middle);
        QCOMPARE(trace->annotations[1].lane, std::uint16_t(1));
        QCOMPARE(window.notesPanel()->count(), 2);
        window.notes()->remove(0);
        QCOMPARE(window.notesPanel()->count(), 1);
        window.notes()->edit(0, "edited");
        QCOMPARE(trace->annotations[0].text, std::string("edited"));
        QVERIFY(window.files()->saveAs(path));
    }

    void aBadFileSaysWhyAndKeepsTheTraceOnShow()
    {
        QTemporaryDir dir;
        MainWindow window;
        window.show();
        QVERIFY(window.scenarios()->select("threads-interleaved"));
        window.parameterForm()->resetToDefaults();
        QVERIFY(window.parameterForm()->setValue("time_scale", "0.02"));
        QVERIFY(runAndWait(window));
        const auto shown = window.timelineModel()->trace();
        const QString good = dir.filePath("good.itrace");
        QVERIFY(window.files()->saveAs(good));

        // Truncated, foreign, missing: each a clear message, the trace stays.
        QFile original(good);
        QVERIFY(original.open(QIODevice::ReadOnly));
        const QByteArray bytes = original.readAll();
        const QString truncated = dir.filePath("truncated.itrace");
        QFile cut(truncated);
        QVERIFY(cut.open(QIODevice::WriteOnly));
        cut.write(bytes.left(bytes.size() / 2));
        cut.close();
        const QString foreign = dir.filePath("notes.json");
        QFile text(foreign);
        QVERIFY(text.open(QIODevice::WriteOnly));
        text.write("{\"traceEvents\": [ {\"ph\": \"X\", \"ts\": 1, oops");
        text.close();
        for (const QString& path : {truncated, foreign, dir.filePath("missing.itrace")}) {
            QVERIFY(!window.files()->open(path));
            QVERIFY2(!window.messages()->lastError().isEmpty(), qPrintable(path));
            QVERIFY2(!window.messages()->lastError().contains('\n'),
                     qPrintable(window.messages()->lastError()));
            QCOMPARE(window.timelineModel()->trace(), shown);
        }

        // A save that cannot happen says so and leaves the good file as it was.
        QVERIFY(!window.files()->saveAs(dir.filePath("no/such/dir/x.itrace")));
        QVERIFY(!window.messages()->lastError().isEmpty());
        QFile chmodded(good);
        QVERIFY(chmodded.setPermissions(QFileDevice::ReadOwner));
        QFile::setPermissions(dir.path(), QFileDevice::ReadOwner | QFileDevice::ExeOwner);
        const bool wrote = window.files()->saveAs(good);
        QFile::setPermissions(dir.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                              QFileDevice::ExeOwner);
        if (geteuid() != 0) // root writes anywhere
            QVERIFY(!wrote);
        QFile again(good);
        QVERIFY(again.open(QIODevice::ReadOnly));
        if (!wrote)
            QCOMPARE(again.readAll(), bytes);
    }

    // Regression: Open Recent listed the files but choosing one did nothing.
    void openRecentOpensTracesAndRetracesScripts()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("recent.itrace");
        {
            MainWindow window;
            window.show();
            QVERIFY(window.scenarios()->select("threads-interleaved"));
            window.parameterForm()->resetToDefaults();
            QVERIFY(window.parameterForm()->setValue("time_scale", "0.05"));
            QVERIFY(runAndWait(window));
            QVERIFY(window.files()->saveAs(path));
        }
        MainWindow window;
        window.show();
        emit window.recentFiles()->chosen(QFileInfo(path).absoluteFilePath());
        QTRY_COMPARE(window.document()->path(), QFileInfo(path).absoluteFilePath());
        QCOMPARE(window.scenarios()->currentId(), QString("threads-interleaved"));

        const QString script =
            QCoreApplication::applicationDirPath() + "/python/lessons/sleeping_threads.py";
        QSignalSpy finished(window.runController(), &RunController::finished);
        emit window.recentFiles()->chosen(script);
        QVERIFY(finished.wait(60'000));
        const auto trace = window.timelineModel()->trace();
        QCOMPARE(QString::fromStdString(trace->run.parameter("script")), script);
        QCOMPARE(trace->results.integer("exit_status"), std::optional<std::int64_t>(0));
        QVERIFY(
            window.resultView()->verdict().contains("sleeping_threads.py exited with status 0"));

        // Run (F5) traces the script on show again, until a scenario is chosen.
        QVERIFY(window.programs()->active());
        QVERIFY(window.programs()->retrace());
        QVERIFY(finished.wait(60'000));
        QVERIFY(window.timelineModel()->trace() != trace);
        QCOMPARE(QString::fromStdString(window.timelineModel()->trace()->run.parameter("script")),
                 script);
        // Regression: the scenario highlighted before stayed highlighted with its parameters,
        // so choosing it again did not switch Run back to it.
        QVERIFY(window.scenarios()->currentId().isEmpty());
        QCOMPARE(window.parameterForm()->assignments().size(), std::size_t(0));
        QVERIFY(window.scenarios()->select("threads-interleaved"));
        QVERIFY(!window.programs()->active());
    }

    void opensChromeJsonAndExportsPictures()
    {
        QTemporaryDir dir;
        MainWindow window;
        window.show();
        QVERIFY(window.files()->open(QString(INTERLEAVE_TEST_DATA) + "/chrome/flows.json"));
        const auto trace = window.timelineModel()->trace();
        QCOMPARE(trace->laneCount(), std::size_t(3));
        QVERIFY(!trace->flows.empty());
        QVERIFY(window.timelineModel()->layout().rows().front().header);

        PictureOptions options;
        options.size = QSize(1000, 500);
        options.scale = 2;
        QVERIFY(window.pictures()->exportTo(dir.filePath("flows.png"), options));
        const QImage image(dir.filePath("flows.png"));
        QCOMPARE(image.size(), QSize(2000, 1000));
        QVERIFY(window.pictures()->exportTo(dir.filePath("flows.svg"), options));
        QVERIFY(!window.pictures()->exportTo(dir.filePath("flows.gif"), options));
        QVERIFY(window.messages()->lastError().contains(".png"));
    }

    void longFileWorkShowsProgressAndCanBeCancelled()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        // Work that would take a minute, reporting as loads do.
        std::atomic<int> reports{0};
        TraceFileJob job(&window, "Opening a big trace …", [&](const Progress& progress) {
            for (int i = 0; i < 60'000; ++i) {
                progress.report(i / 60'000.0);
                ++reports;
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
            }
        });
        // The window's event loop keeps running: this timer fires while the job works, finds
        // the progress bar on screen, and presses Cancel.
        bool sawProgress = false;
        QTimer::singleShot(900, &window, [&] {
            for (QProgressDialog* dialog : window.findChildren<QProgressDialog*>()) {
                sawProgress |= dialog->isVisible() && dialog->value() > 0;
                for (QPushButton* button : dialog->findChildren<QPushButton*>())
                    button->click(); // the dialog's only button: Cancel
            }
        });
        QElapsedTimer clock;
        clock.start();
        QCOMPARE(job.run(), TraceFileJob::Outcome::Cancelled);
        QVERIFY(sawProgress);
        QVERIFY(clock.elapsed() < 10'000);
        QVERIFY(reports.load() > 100);

        TraceFileJob failing(&window, "Saving …", [](const Progress&) {
            throw std::runtime_error("cannot write 'x.itrace': No space left on device");
        });
        QCOMPARE(failing.run(), TraceFileJob::Outcome::Failed);
        QCOMPARE(failing.error(), QString("cannot write 'x.itrace': No space left on device"));
    }

    void themesIncludeTheLectureLook()
    {
        MainWindow window;
        window.themes()->apply("lecture");
        QCOMPARE(window.timeline()->theme().name, QString("lecture"));
        QVERIFY(window.timeline()->theme().font.pointSizeF() >
                Theme::light().font.pointSizeF() + 2);
        window.themes()->apply("light");
    }

private:
    QTemporaryDir m_settings;
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
