#include "compare/linkedzoom.h"
#include "timeline/viewhistory.h"
#include "timeline/zoomcontrol.h"

#include <QSignalSpy>
#include <QtTest>

using namespace interleave;

class TestZoomControl : public QObject {
    Q_OBJECT
private slots:
    void undoAndRedoStepThroughTheUsersViews()
    {
        ZoomControl zoom;
        zoom.setTraceRange(0, 1'000'000);
        ViewHistory history(&zoom);
        QVERIFY(!history.canUndo());
        // A live trace growing moves a following window: not the user's doing, not a step.
        zoom.setTraceRange(0, 2'000'000);
        QVERIFY(!history.canUndo());
        zoom.setWindow(100'000, 200'000);
        QTest::qWait(ViewHistory::kBurstMs + 100);
        zoom.setSelection(120'000, 150'000);
        QTest::qWait(ViewHistory::kBurstMs + 100);
        // A burst of wheel steps is one step.
        for (int i = 0; i < 5; ++i)
            zoom.zoom(1.2, 130'000);
        const std::uint64_t zoomedStart = zoom.windowStart();
        history.undo();
        QCOMPARE(zoom.windowStart(), 100'000ull);
        QCOMPARE(zoom.selectionStart(), 120'000ull);
        history.undo();
        QVERIFY(!zoom.hasSelection());
        QCOMPARE(zoom.windowEnd(), 200'000ull);
        history.undo();
        QCOMPARE(zoom.windowStart(), 0ull);
        QVERIFY(!history.canUndo());
        history.redo();
        history.redo();
        history.redo();
        QCOMPARE(zoom.windowStart(), zoomedStart);
        QVERIFY(!history.canRedo());
        // A new change after an undo drops what could have been redone.
        history.undo();
        zoom.fitAll();
        QVERIFY(!history.canRedo());
        history.reset();
        QVERIFY(!history.canUndo());
    }

    void zoomKeepsTheAnchorInPlace()
    {
        ZoomControl zoom;
        zoom.setTraceRange(0, 1'000'000);
        zoom.setWindow(0, 1'000'000);
        zoom.zoom(4.0, 250'000);
        QCOMPARE(zoom.windowDuration(), 250'000ull);
        // The anchor was a quarter into the window and still is.
        QCOMPARE(zoom.windowStart() + zoom.windowDuration() / 4, 250'000ull);
        zoom.zoom(0.25, 250'000);
        QCOMPARE(zoom.windowStart(), 0ull);
        QCOMPARE(zoom.windowEnd(), 1'000'000ull);
    }

    void windowNeverNarrowerThanTheMinimum()
    {
        ZoomControl zoom;
        zoom.setTraceRange(0, 1'000'000);
        for (int i = 0; i < 100; ++i)
            zoom.zoom(10.0, 500'000);
        QCOMPARE(zoom.windowDuration(), ZoomControl::kMinimumWindow);
    }

    void panStopsHalfAWindowPastTheEnds()
    {
        ZoomControl zoom;
        zoom.setTraceRange(1'000'000, 2'000'000);
        zoom.setWindow(1'400'000, 1'500'000);
        zoom.pan(10'000'000);
        QCOMPARE(zoom.windowEnd(), 2'050'000ull);
        zoom.pan(-10'000'000);
        QCOMPARE(zoom.windowStart(), 950'000ull);
    }

    void aGrowingTraceIsFollowed()
    {
        ZoomControl zoom;
        zoom.setTraceRange(0, 1'000);
        QCOMPARE(zoom.follow(), ZoomControl::Follow::Fit);
        zoom.setTraceRange(0, 5'000);
        QCOMPARE(zoom.windowEnd(), 5'078ull); // fit: the whole run (+1/64), growing
        zoom.setWindow(4'000, 5'000);         // zoomed in at the newest time
        QCOMPARE(zoom.follow(), ZoomControl::Follow::Tail);
        zoom.setTraceRange(0, 9'000);
        QCOMPARE(zoom.windowStart(), 8'000ull);
        QCOMPARE(zoom.windowEnd(), 9'000ull);
        zoom.setWindow(1'000, 2'000); // looking back: stay put
        QCOMPARE(zoom.follow(), ZoomControl::Follow::None);
        zoom.setTraceRange(0, 20'000);
        QCOMPARE(zoom.windowStart(), 1'000ull);
        zoom.fitAll();
        QCOMPARE(zoom.windowStart(), 0ull);
        QCOMPARE(zoom.windowEnd(), 20'312ull);
    }

    void selectionAndZoomToIt()
    {
        ZoomControl zoom;
        zoom.setTraceRange(0, 1'000'000);
        QSignalSpy selected(&zoom, &ZoomControl::selectionChanged);
        zoom.setSelection(700'000, 300'000); // dragged right to left
        QCOMPARE(selected.count(), 1);
        QVERIFY(zoom.hasSelection());
        QCOMPARE(zoom.selectionStart(), 300'000ull);
        zoom.zoomToSelection();
        QCOMPARE(zoom.windowStart(), 300'000ull);
        QCOMPARE(zoom.windowEnd(), 700'000ull);
        zoom.clearSelection();
        QVERIFY(!zoom.hasSelection());
    }

    void linkedZoomsShowTheSameTimeOnASharedScale()
    {
        ZoomControl first, second;
        LinkedZoom link(&first, &second);
        // Two runs recorded at different clock times: 100 ms and 40 ms long.
        link.setTraces(5'000'000'000, 100'000'000, 9'000'000'000, 40'000'000);
        // Both fit the longer run, from their own starts.
        QCOMPARE(first.traceEnd() - first.traceStart(), 100'000'000ull);
        QCOMPARE(second.traceEnd() - second.traceStart(), 100'000'000ull);
        first.setWindow(5'010'000'000, 5'020'000'000);
        QCOMPARE(second.windowStart(), 9'010'000'000ull);
        QCOMPARE(second.windowEnd(), 9'020'000'000ull);
        // Either side leads: zooming the second moves the first.
        second.zoom(2.0, 9'010'000'000);
        QCOMPARE(first.windowStart(), 5'010'000'000ull);
        QCOMPARE(first.windowEnd(), 5'015'000'000ull);
        second.setSelection(9'001'000'000, 9'002'000'000);
        QCOMPARE(first.selectionStart(), 5'001'000'000ull);
        QCOMPARE(first.selectionEnd(), 5'002'000'000ull);
    }

    void linkedZoomsFittedEachShowTheSameShareOfTheirLengths()
    {
        ZoomControl first, second;
        LinkedZoom link(&first, &second);
        link.setTraces(1'000, 100'000'000, 2'000, 40'000'000);
        link.setScale(LinkedZoom::Scale::FitEach);
        QCOMPARE(second.traceEnd() - second.traceStart(), 40'000'000ull);
        first.setWindow(1'000 + 25'000'000, 1'000 + 50'000'000);
        QCOMPARE(second.windowStart(), 2'000 + 10'000'000ull);
        QCOMPARE(second.windowEnd(), 2'000 + 20'000'000ull);
        link.fitAll();
        QCOMPARE(second.windowStart(), first.windowStart() - 1'000 + 2'000);
    }
};

QTEST_APPLESS_MAIN(TestZoomControl)
#include "tst_zoomcontrol.moc"
