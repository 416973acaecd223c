#include "export/pictureexport.h"
#include "format/chromeimport.h"
#include "theme.h"
#include "trace/tracestore.h"

#include <QFile>
#include <QImage>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>
#include <set>

using namespace interleave;

namespace {

/// Two thread lanes: "Producer" runs for 1 ms then sleeps 3 ms; "Consumer" sleeps 2 ms, then
/// runs 2 ms.
std::shared_ptr<TraceStore> twoLanes()
{
    auto trace = std::make_shared<TraceStore>();
    trace->run.startNs = 1'000'000;
    trace->run.title = "Picture test";
    trace->results.verdict = "a verdict to show";
    const char* names[] = {"Producer", "Consumer"};
    for (std::uint16_t lane = 0; lane < 2; ++lane) {
        WorkerInfo info;
        info.id = lane;
        info.name = names[lane];
        info.pid = 42;
        info.kind = WorkerKind::Thread;
        trace->addLane(info);
    }
    auto event = [&](std::uint16_t lane, std::uint64_t t, EventKind kind) {
        Event e{};
        e.worker = lane;
        e.tNs = trace->run.startNs + t;
        e.kind = kind;
        trace->appendEvent(e);
    };
    event(0, 0, EventKind::WorkerStart);
    event(0, 1'000'000, EventKind::SleepBegin);
    event(0, 4'000'000, EventKind::SleepEnd);
    event(0, 4'000'000, EventKind::WorkerEnd);
    event(1, 0, EventKind::WorkerStart);
    event(1, 0, EventKind::SleepBegin);
    event(1, 2'000'000, EventKind::SleepEnd);
    event(1, 4'000'000, EventKind::WorkerEnd);
    trace->run.endNs = trace->run.startNs + 4'000'000;
    trace->finalize();
    return trace;
}

/// How many pixels of the image have exactly this colour.
int countColour(const QImage& image, const QColor& colour)
{
    const QImage rgb = image.convertToFormat(QImage::Format_RGB32);
    const QRgb wanted = colour.rgb();
    int count = 0;
    for (int y = 0; y < rgb.height(); ++y) {
        const auto* line = reinterpret_cast<const QRgb*>(rgb.constScanLine(y));
        for (int x = 0; x < rgb.width(); ++x)
            count += (line[x] | 0xFF000000u) == (wanted | 0xFF000000u);
    }
    return count;
}

QByteArray readAll(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

/// Every text of an SVG document, or an error message starting "XML:" if it does not parse.
QStringList svgTexts(const QByteArray& svg)
{
    QStringList texts;
    QXmlStreamReader xml(svg);
    bool root = true;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            if (root && xml.name() != QLatin1String("svg"))
                return {"XML: root is not <svg>"};
            root = false;
            if (xml.name() == QLatin1String("text"))
                texts << xml.readElementText(QXmlStreamReader::IncludeChildElements).trimmed();
        }
    }
    if (xml.hasError())
        return {"XML: " + xml.errorString()};
    return texts;
}

} // namespace

class PictureExportTest : public QObject {
    Q_OBJECT
private slots:
    void pngHasTheAskedSizeTimesTheScaleAndShowsTheStates()
    {
        PictureOptions options;
        options.size = QSize(900, 420);
        options.scale = 2;
        options.theme = &Theme::lecture();
        const QImage image = renderPicture(twoLanes(), options);
        QCOMPARE(image.size(), QSize(1800, 840));
        const QColor running = Theme::lecture().stateColor(LaneState::Running);
        const QColor sleeping = Theme::lecture().stateColor(LaneState::Sleeping);
        QVERIFY(countColour(image, running) > 1000);
        QVERIFY(countColour(image, sleeping) > 1000);
    }

    void aRangeShowsOnlyWhatHappenedInIt()
    {
        PictureOptions options;
        options.size = QSize(900, 420);
        options.rangeStart = 2'000'000; // both lanes: Producer asleep, Consumer running...
        options.rangeEnd = 3'500'000;   // ...until the end of the window
        options.legend = false;         // the legend would show the states' colours too
        const QImage image = renderPicture(twoLanes(), options);
        const QColor running = Theme::lecture().stateColor(LaneState::Running);
        const QColor sleeping = Theme::lecture().stateColor(LaneState::Sleeping);
        const int runningPixels = countColour(image, running);
        const int sleepingPixels = countColour(image, sleeping);
        QVERIFY(runningPixels > 1000);
        QVERIFY(sleepingPixels > 1000);

        // Before 1 ms only running happens.
        options.rangeStart = 0;
        options.rangeEnd = 900'000;
        options.lanes = {0};
        const QImage early = renderPicture(twoLanes(), options);
        QVERIFY(countColour(early, running) > 1000);
        QCOMPARE(countColour(early, sleeping), 0);
    }

    void svgIsVectorXmlWithTheLaneNamesAsText()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("timeline.svg");
        PictureOptions options;
        options.size = QSize(1200, 500);
        exportPicture(twoLanes(), options, path);
        const QByteArray svg = readAll(path);
        QVERIFY(svg.size() > 1000);
        const QStringList texts = svgTexts(svg);
        QVERIFY2(texts.isEmpty() || !texts.front().startsWith("XML:"), qPrintable(texts.value(0)));
        QVERIFY2(texts.contains("Producer"), qPrintable(texts.join(" | ")));
        QVERIFY(texts.contains("Consumer"));
        QVERIFY(texts.join(" ").contains("a verdict to show"));
        QVERIFY(svg.contains("<rect") || svg.contains("<path"));
        QVERIFY(!svg.contains("<image")); // vector, not a picture inside
    }

    void chosenLanesLeaveTheOthersOut()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("one-lane.svg");
        PictureOptions options;
        options.lanes = {1};
        exportPicture(twoLanes(), options, path);
        const QStringList texts = svgTexts(readAll(path));
        QVERIFY(texts.contains("Consumer"));
        QVERIFY(!texts.contains("Producer"));
    }

    void pdfIsOnePageOfThePicturesSize()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("timeline.pdf");
        PictureOptions options;
        options.size = QSize(1600, 900);
        exportPicture(twoLanes(), options, path);
        const QByteArray pdf = readAll(path);
        QVERIFY(pdf.startsWith("%PDF-"));
        QVERIFY(pdf.size() > 2000);
        QVERIFY(pdf.trimmed().endsWith("%%EOF"));
        // 1600 × 900 px at 96 dpi is 1200 × 675 pt.
        const QRegularExpression box(R"(/MediaBox \[0 0 1200(\.0*)? 675(\.0*)?\])");
        QVERIFY(box.match(QString::fromLatin1(pdf)).hasMatch());
    }

    void importedSlicesAreDrawnInTheirColours()
    {
        const std::string json =
            R"([{"ph":"X","name":"parse","pid":1,"tid":7,"ts":0,"dur":600},)"
            R"({"ph":"X","name":"render","pid":1,"tid":7,"ts":600,"dur":400},)"
            R"({"ph":"M","name":"thread_name","pid":1,"tid":7,"args":{"name":"Renderer"}}])";
        auto trace = parseChromeJson(json, "slices.json");
        PictureOptions options;
        options.size = QSize(1000, 400);
        const QImage image = renderPicture(trace, options);
        std::uint32_t parse = 0;
        for (std::uint32_t id = 0; id < 64; ++id) {
            if (trace->string(id) == "parse")
                parse = id;
        }
        QVERIFY(parse != 0);
        QVERIFY(countColour(image, Theme::lecture().sliceColor(parse)) > 500);
    }

    void badNamesAndUnwritablePlacesAreOneLineErrorsThatKeepTheOldFile()
    {
        QTemporaryDir dir;
        PictureOptions options;
        QVERIFY_THROWS_EXCEPTION(std::runtime_error,
                                 exportPicture(twoLanes(), options, dir.filePath("x.bmp")));
        QVERIFY_THROWS_EXCEPTION(
            std::runtime_error,
            exportPicture(twoLanes(), options, dir.filePath("missing/dir/x.png")));
        options.size = QSize(10, 10);
        QVERIFY_THROWS_EXCEPTION(std::runtime_error,
                                 exportPicture(twoLanes(), options, dir.filePath("tiny.png")));
        QVERIFY(!QFile::exists(dir.filePath("tiny.png")));

        // A good picture stays whole when a later export to the same name fails.
        const QString path = dir.filePath("kept.png");
        exportPicture(twoLanes(), PictureOptions{}, path);
        const QByteArray before = readAll(path);
        QVERIFY(before.startsWith("\x89PNG"));
        options.size = QSize(800, 400);
        options.rangeStart = 3'000'000;
        options.rangeEnd = 1'000'000; // end before start
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, exportPicture(twoLanes(), options, path));
        QCOMPARE(readAll(path), before);
    }
};

QTEST_MAIN(PictureExportTest)
#include "tst_pictureexport.moc"
