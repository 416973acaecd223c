// Notes on the trace on show: added, edited, deleted, found under the mouse and gone to,
// driven without the window.
#include "document/tracedocument.h"
#include "notes/notescontroller.h"
#include "panels/notespanel.h"
#include "timeline/zoomcontrol.h"
#include "trace/synthetictrace.h"
#include "trace/tracestore.h"

#include <QSignalSpy>
#include <QtTest>

using namespace interleave;

class TestNotesController : public QObject {
    Q_OBJECT
private slots:
    void addEditDeleteMarkTheDocumentModified()
    {
        TraceDocument document;
        ZoomControl zoom;
        NotesPanel panel;
        NotesController notes(&document, &zoom, &panel, nullptr);
        notes.add(1, 2, -1, "no trace, no note");
        QCOMPARE(notes.count(), 0);

        SyntheticTraceSpec spec;
        spec.events = 2000;
        spec.lanes = 3;
        const auto trace = makeSyntheticTrace(spec);
        document.openFile(trace, "/tmp/notes.itrace");
        QVERIFY(!document.isModified());
        QSignalSpy changed(&notes, &NotesController::notesChanged);

        const std::uint64_t t0 = trace->run.startNs;
        notes.add(t0 + 5000, t0 + 5000, -1, "  a moment  ");
        notes.add(t0 + 9000, t0 + 1000, 2, "a range on lane 2");
        notes.add(t0 + 1, t0 + 1, 99, "lane out of range: every lane");
        notes.add(t0 + 1, t0 + 1, -1, "   ");
        QCOMPARE(notes.count(), 3);
        QCOMPARE(panel.count(), 3);
        QVERIFY(document.isModified());
        QCOMPARE(changed.last().at(0).toInt(), 3);
        QCOMPARE(trace->annotations[0].text, std::string("a moment"));
        QCOMPARE(trace->annotations[1].start, t0 + 1000); // start and end in order
        QCOMPARE(trace->annotations[1].lane, std::uint16_t(2));
        QCOMPARE(trace->annotations[2].lane, kNoWorker);

        notes.edit(0, "edited");
        QCOMPARE(trace->annotations[0].text, std::string("edited"));
        notes.edit(7, "no such note");
        notes.remove(2);
        notes.remove(-1);
        QCOMPARE(notes.count(), 2);

        // Hit-testing: within the slack of a moment, inside a range on its own lane only.
        QCOMPARE(notes.noteAt(t0 + 5010, 0, 20), 0);
        QCOMPARE(notes.noteAt(t0 + 5100, 0, 20), -1);
        QCOMPARE(notes.noteAt(t0 + 4000, 2, 0), 1);
        QCOMPARE(notes.noteAt(t0 + 4000, 1, 0), -1);

        // Going to a range shows it in the middle with as much around it as it lasts.
        zoom.setTraceRange(t0, t0 + 1'000'000);
        notes.goTo(1);
        QCOMPARE(zoom.windowStart(), t0 - 3000);
        QCOMPARE(zoom.windowEnd(), t0 + 13000);

        // Another trace: the panel shows its notes (none).
        document.openFile(makeSyntheticTrace(spec), "/tmp/other.itrace");
        QCOMPARE(notes.count(), 0);
    }
};

QTEST_MAIN(TestNotesController)
#include "tst_notescontroller.moc"
