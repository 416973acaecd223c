// The document (the trace on show, its file, its title) and the file operations on it, driven
// without the window.
#include "apptestsupport.h"
#include "document/recentfiles.h"
#include "document/tracedocument.h"
#include "document/tracefiles.h"
#include "format/traceloader.h"
#include "trace/synthetictrace.h"
#include "trace/tracestore.h"
#include "window/usermessages.h"

#include <QFile>
#include <QFileInfo>
#include <QMimeData>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QUrl>
#include <QtTest>

using namespace interleave;

namespace {

std::shared_ptr<TraceStore> smallTrace(const std::string& title)
{
    SyntheticTraceSpec spec;
    spec.events = 2000;
    spec.lanes = 2;
    auto trace = makeSyntheticTrace(spec);
    trace->run.title = title;
    trace->run.scenario = "gil-cpu-threads";
    trace->results.verdict = "the GIL serialised the threads";
    return trace;
}

} // namespace

class TestTraceDocument : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY(m_settings.isValid());
        test::isolateSettings(m_settings, "InterleaveDocumentTest");
    }

    void titleFollowsTheTraceFromRecordingToFile()
    {
        TraceDocument document;
        QCOMPARE(document.windowTitle(), QString("Interleave"));
        QVERIFY(document.headline().isEmpty());
        QSignalSpy changed(&document, &TraceDocument::traceChanged);
        QSignalSpy titled(&document, &TraceDocument::titleChanged);

        document.beginRecording(smallTrace("CPU-bound threads"));
        QVERIFY(document.live());
        QCOMPARE(changed.count(), 1);
        QCOMPARE(document.windowTitle(), QString("CPU-bound threads (recording)[*] — Interleave"));
        QVERIFY(document.headline().contains("recording"));

        document.endRecording();
        QVERIFY(!document.live());
        QCOMPARE(document.origin(), TraceDocument::Origin::Recorded);
        QCOMPARE(document.windowTitle(), QString("CPU-bound threads (not saved)[*] — Interleave"));
        QVERIFY(document.headline().contains("the GIL serialised the threads"));
        QVERIFY(document.path().isEmpty());
        QVERIFY(document.suggestedBaseName().startsWith("gil-cpu-threads-"));

        // Saving as .itrace makes that file the document's: title and headline name it.
        document.setModified(true);
        document.savedTo("/tmp/a/race.itrace");
        QCOMPARE(document.path(), QString("/tmp/a/race.itrace"));
        QVERIFY(!document.isModified());
        QCOMPARE(document.windowTitle(), QString("race.itrace[*] — Interleave"));
        QVERIFY(document.headline().contains("/tmp/a/race.itrace"));

        // Save As another name: the new one everywhere, the old one nowhere.
        document.savedTo("/tmp/b/second.itrace");
        QCOMPARE(document.windowTitle(), QString("second.itrace[*] — Interleave"));
        QVERIFY(document.headline().contains("/tmp/b/second.itrace"));
        QVERIFY(!document.headline().contains("race.itrace"));

        // Chrome JSON keeps no notes: the .itrace stays the document's file.
        document.setModified(true);
        document.savedTo("/tmp/b/for-perfetto.json");
        QCOMPARE(document.path(), QString("/tmp/b/second.itrace"));
        QVERIFY(document.isModified());
        QVERIFY(titled.count() >= 4);
    }

    void openingAndSavingGoThroughTheDocument()
    {
        QTemporaryDir dir;
        TraceDocument document;
        RecentFiles recent;
        recent.clear();
        UserMessages messages(nullptr, nullptr);
        TraceFiles files(&document, &recent, &messages, nullptr);

        // Nothing to save yet: a message, no file.
        QVERIFY(!files.saveAs(dir.filePath("nothing.itrace")));
        QVERIFY(messages.lastError().contains("no trace"));

        document.beginRecording(smallTrace("Two threads"));
        QVERIFY(!files.saveAs(dir.filePath("busy.itrace")));
        QVERIFY(messages.lastError().contains("still recording"));
        QVERIFY(!files.open(QString(INTERLEAVE_TEST_DATA) + "/chrome/flows.json"));
        document.endRecording();

        SavedView view;
        view.start = 10;
        view.end = 5000;
        files.setViewCapture([view] { return view; });
        const QString path = dir.filePath("two.itrace");
        QVERIFY(files.saveAs(path));
        QCOMPARE(document.path(), QFileInfo(path).absoluteFilePath());
        QCOMPARE(recent.paths().value(0), QFileInfo(path).absoluteFilePath());
        QCOMPARE(loadTraceFile(path.toStdString())->view.end, std::uint64_t(5000));

        // A file that cannot be read: one line, the trace on show stays.
        const auto shown = document.trace();
        QFile bad(dir.filePath("bad.itrace"));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("not a trace at all");
        bad.close();
        QVERIFY(!files.open(bad.fileName()));
        QVERIFY(!messages.lastError().isEmpty());
        QVERIFY(!messages.lastError().contains('\n'));
        QCOMPARE(document.trace(), shown);
        QCOMPARE(document.path(), QFileInfo(path).absoluteFilePath());

        QVERIFY(files.open(QString(INTERLEAVE_TEST_DATA) + "/chrome/flows.json"));
        QCOMPARE(document.origin(), TraceDocument::Origin::File);
        QVERIFY(document.path().endsWith("flows.json"));
        QCOMPARE(recent.paths().size(), 2);
        QVERIFY(recent.paths().value(0).endsWith("flows.json"));
    }

    void dropsTakeTraceFilesOnly()
    {
        QMimeData traces;
        traces.setUrls({QUrl::fromLocalFile("/tmp/x.itrace")});
        QVERIFY(TraceFiles::acceptsDrop(&traces));
        QMimeData other;
        other.setUrls({QUrl::fromLocalFile("/tmp/picture.png")});
        QVERIFY(!TraceFiles::acceptsDrop(&other));
    }

    void recentFilesKeepTheNewestTenOnce()
    {
        RecentFiles recent;
        recent.clear();
        for (int i = 0; i < 14; ++i)
            recent.remember(QString("/t/%1.itrace").arg(i));
        recent.remember("/t/5.itrace");
        const QStringList paths = recent.paths();
        QCOMPARE(paths.size(), RecentFiles::kMaximum);
        QCOMPARE(paths.front(), QString("/t/5.itrace"));
        QCOMPARE(paths.count("/t/5.itrace"), 1);
        QCOMPARE(paths.back(), QString("/t/4.itrace"));
    }

private:
    QTemporaryDir m_settings;
};

QTEST_MAIN(TestTraceDocument)
#include "tst_tracedocument.moc"
