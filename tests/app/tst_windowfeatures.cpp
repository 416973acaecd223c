// What users of Perfetto UI and Tracy take for granted, driven through the window: find,
// details with links, undo of view changes, lanes folded and the name column resized, the
// input scheme, Fit All of a short trace, imported traces' tabs, copy, a window that fits.
#include "apptestsupport.h"
#include "document/tracefiles.h"
#include "format/itracewriter.h"
#include "panels/detailspanel.h"
#include "panels/findbar.h"
#include "panels/parameterform.h"
#include "runcontroller.h"
#include "timeline/lanearrangement.h"
#include "timeline/timelinemodel.h"
#include "timeline/timelinewidget.h"
#include "timeline/viewhistory.h"
#include "timeline/zoomcontrol.h"
#include "trace/tracestore.h"
#include "window/inspector.h"
#include "window/mainwindow.h"
#include "window/scenarioselection.h"

#include <QApplication>
#include <QClipboard>
#include <QLabel>
#include <QScreen>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>
#include <shared_mutex>

using namespace interleave;

namespace {

bool runAndWait(MainWindow& window, const QString& id,
                const std::vector<std::pair<std::string, std::string>>& sets)
{
    if (!window.scenarios()->select(id))
        return false;
    window.parameterForm()->resetToDefaults();
    for (const auto& [name, value] : sets)
        window.parameterForm()->setValue(name, value);
    QSignalSpy finished(window.runController(), &RunController::finished);
    window.scenarios()->run();
    return finished.wait(60'000);
}

QTabWidget* tabs(MainWindow& window)
{
    return window.findChild<QTabWidget*>("tabs");
}

} // namespace

class TestWindowFeatures : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY(m_settings.isValid());
        test::isolateSettings(m_settings, "InterleaveFeaturesTest");
    }

    void findGoesToEachMatchAndTheDetailsSayWhatItIs()
    {
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        QVERIFY(runAndWait(window, "threads-interleaved", {{"time_scale", "0.05"}}));
        FindBar* find = window.findBar();
        find->open();
        QVERIFY(find->isVisible());
        find->setQuery("7");
        QVERIFY(find->hits().size() >= 3);
        find->next();
        const SearchHit& hit = find->hits()[std::size_t(find->current())];
        const TimelineItem& selected = window.timeline()->selected();
        QCOMPARE(int(selected.kind), int(hit.item.kind));
        QCOMPARE(selected.lane, hit.item.lane);
        QCOMPARE(selected.index, hit.item.index);
        // The match is in view and the details tab shows it.
        QVERIFY(window.zoomControl()->windowStart() <= hit.target.start);
        QVERIFY(window.zoomControl()->windowEnd() >= hit.target.start);
        QCOMPARE(tabs(window)->currentWidget(), window.detailsPanel());
        QCOMPARE(QString::fromStdString(window.detailsPanel()->details().title), QString("print"));
        // Copy takes the details as text.
        window.timeline()->setFocus();
        window.inspector()->copy();
        QVERIFY(QApplication::clipboard()->text().startsWith("print\n"));
    }

    void aDetailsLinkLeadsFromAGetToItsPut()
    {
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        QVERIFY(runAndWait(window, "process-queue", {{"messages", "3"}, {"time_scale", "0.05"}}));
        const auto trace = window.timelineModel()->trace();
        TimelineItem get;
        {
            std::shared_lock lock(trace->mutex());
            for (std::size_t l = 0; l < trace->laneCount() && !get.valid(); ++l) {
                const Lane& lane = trace->lane(l);
                for (std::size_t i = 0; i < lane.events.size(); ++i) {
                    if (lane.events.kind(i) == EventKind::QueueGet) {
                        get.kind = TimelineItem::Kind::Event;
                        get.lane = std::uint16_t(l);
                        get.index = i;
                        break;
                    }
                }
            }
        }
        QVERIFY(get.valid());
        window.timeline()->select(get);
        const Details& details = window.detailsPanel()->details();
        const DetailRow* link = nullptr;
        for (const DetailRow& row : details.rows)
            if (row.link && row.field == "came from")
                link = &row;
        QVERIFY(link != nullptr);
        emit window.detailsPanel()->targetRequested(*link->link);
        const TimelineItem& now = window.timeline()->selected();
        QCOMPARE(int(now.kind), int(TimelineItem::Kind::Event));
        QVERIFY(now.lane != get.lane);
        std::shared_lock lock(trace->mutex());
        QCOMPARE(int(trace->lane(now.lane).events.kind(now.index)), int(EventKind::QueuePut));
    }

    void keysWheelAndUndoFollowOneScheme()
    {
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        QVERIFY(runAndWait(window, "threads-interleaved", {{"time_scale", "0.05"}}));
        ZoomControl* zoom = window.zoomControl();
        TimelineWidget* timeline = window.timeline();
        timeline->setFocus();
        const std::uint64_t whole = zoom->windowDuration();
        // A letter with Ctrl held is not the letter's command.
        QTest::keyClick(timeline, Qt::Key_W, Qt::ControlModifier);
        QCOMPARE(zoom->windowDuration(), whole);
        QTest::keyClick(timeline, Qt::Key_W);
        const std::uint64_t zoomed = zoom->windowDuration();
        QVERIFY(zoomed < whole);
        QTest::qWait(ViewHistory::kBurstMs + 100); // a step of its own
        // The wheel scrolls (never zooms); Ctrl+wheel zooms.
        const QPoint middle = timeline->plotRect().center();
        QWheelEvent wheel(middle, timeline->mapToGlobal(middle), QPoint(), QPoint(0, -120),
                          Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(timeline, &wheel);
        QCOMPARE(zoom->windowDuration(), zoomed);
        QWheelEvent ctrlWheel(middle, timeline->mapToGlobal(middle), QPoint(), QPoint(0, 120),
                              Qt::NoButton, Qt::ControlModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(timeline, &ctrlWheel);
        QVERIFY(zoom->windowDuration() < zoomed);
        // Backspace undoes the view changes one step at a time (the wheel burst is one).
        QTest::qWait(ViewHistory::kBurstMs + 100);
        QTest::keyClick(timeline, Qt::Key_Backspace);
        QTest::keyClick(timeline, Qt::Key_Backspace);
        QCOMPARE(zoom->windowDuration(), whole);
        QTest::keyClick(timeline, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(zoom->windowDuration(), zoomed);
    }

    void groupsFoldAndTheNameColumnIsDragged()
    {
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        QVERIFY(runAndWait(window, "process-doubler", {{"work_steps", "10000"}}));
        TimelineWidget* timeline = window.timeline();
        const LaneLayout& layout = window.timelineModel()->layout();
        const int before = layout.contentHeight();
        // Click the worker processes' header: the group folds to its header.
        const LaneRow* header = nullptr;
        for (const LaneRow& row : layout.rows())
            if (row.header && row.process)
                header = &row;
        QVERIFY(header != nullptr);
        const QPoint onHeader(20, timeline->plotRect().top() + header->top + header->height / 2);
        QTest::mouseClick(timeline, Qt::LeftButton, Qt::NoModifier, onHeader);
        QVERIFY(layout.contentHeight() < before);
        QVERIFY(window.timelineModel()->arrangement().collapsed("Worker processes"));
        // Drag the name column's edge 80 px to the right.
        const int width = timeline->headerWidth();
        const QPoint edge(width, timeline->plotRect().top() + 5);
        QTest::mousePress(timeline, Qt::LeftButton, Qt::NoModifier, edge);
        QTest::mouseMove(timeline, edge + QPoint(80, 0));
        QTest::mouseRelease(timeline, Qt::LeftButton, Qt::NoModifier, edge + QPoint(80, 0));
        QCOMPARE(timeline->headerWidth(), width + 80);
        QCOMPARE(timeline->chosenHeaderWidth(), width + 80);
    }

    void elevenLanesAllShowAtLaptopSize()
    {
        // 1366 x 768: the ten processes and the main thread are all on screen at once.
        MainWindow window;
        window.resize(1366, 740);
        window.show();
        QVERIFY(runAndWait(window, "process-lock-print", {{"time_scale", "0.05"}}));
        QTest::qWait(200); // the lanes' room and the rows' height settle after the layout
        const LaneLayout& layout = window.timelineModel()->layout();
        QCOMPARE(int(layout.laneCount()), 11);
        QVERIFY2(layout.contentHeight() <= window.timeline()->plotRect().height(),
                 qPrintable(QString("rows %1 px, room %2 px")
                                .arg(layout.contentHeight())
                                .arg(window.timeline()->plotRect().height())));
    }

    void fitAllShowsAShortTraceWhole()
    {
        // An 80 µs trace: Fit All must not pad it to a millisecond.
        QTemporaryDir dir;
        auto trace = std::make_shared<TraceStore>();
        trace->run.title = "short";
        trace->run.startNs = 1'000'000;
        trace->run.endNs = 1'080'000;
        WorkerInfo info;
        info.name = "MainThread";
        trace->addLane(info);
        Event e{};
        e.tNs = 1'000'000;
        e.kind = EventKind::WorkerStart;
        trace->appendEvent(e);
        e.tNs = 1'080'000;
        e.kind = EventKind::WorkerEnd;
        trace->appendEvent(e);
        trace->finalize();
        const QString path = dir.filePath("short.itrace");
        saveTrace(*trace, path.toStdString());
        MainWindow window;
        window.show();
        QVERIFY(window.files()->open(path));
        window.zoomControl()->fitAll();
        QVERIFY2(window.zoomControl()->windowDuration() < 100'000,
                 qPrintable(QString::number(window.zoomControl()->windowDuration())));
    }

    void anImportedTraceGreysOutWhatItDoesNotHave()
    {
        MainWindow window;
        window.show();
        QVERIFY(window.files()->open(QString(INTERLEAVE_TEST_DATA) + "/chrome/flows.json"));
        QTabWidget* tabWidget = tabs(window);
        bool pythonEnabled = true;
        for (int i = 0; i < tabWidget->count(); ++i)
            if (tabWidget->tabText(i) == "Python")
                pythonEnabled = tabWidget->isTabEnabled(i);
        QVERIFY(!pythonEnabled);
        // The status bar counts what came in.
        bool slices = false;
        for (QLabel* label : window.findChildren<QLabel*>())
            slices |= label->text().contains("slices");
        QVERIFY(slices);
    }

    void theWindowFitsTheScreenItOpensOn()
    {
        MainWindow window;
        window.show();
        const QRect available = window.screen()->availableGeometry();
        QVERIFY2(available.contains(window.frameGeometry()),
                 qPrintable(QString("%1x%2 on %3x%4")
                                .arg(window.frameGeometry().width())
                                .arg(window.frameGeometry().height())
                                .arg(available.width())
                                .arg(available.height())));
    }

private:
    QTemporaryDir m_settings;
};

QTEST_MAIN(TestWindowFeatures)
#include "tst_windowfeatures.moc"
