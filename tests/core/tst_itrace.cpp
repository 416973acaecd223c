#include "base/errors.h"
#include "format/itracereader.h"
#include "format/itracewriter.h"
#include "format/traceloader.h"
#include "testsupport.h"
#include "trace/tracestore.h"
#include "tracecompare.h"

#include <csignal>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <sys/resource.h>

using namespace interleave;

namespace {

/// One real recording shared by the tests: processes, a queue, prints, samples, results.
class ItraceTest : public ::testing::Test {
protected:
    static void SetUpTestSuite()
    {
        s_trace = test::runScenario("queue-sentinel", {{"items", "4"}, {"time_scale", "0.05"}});
        s_bytes = encodeTrace(*s_trace);
    }
    static void TearDownTestSuite() { s_trace.reset(); }

    static std::shared_ptr<TraceStore> s_trace;
    static std::vector<std::uint8_t> s_bytes;
};

std::shared_ptr<TraceStore> ItraceTest::s_trace;
std::vector<std::uint8_t> ItraceTest::s_bytes;

void expectSameEvents(const Lane& x, const Lane& y)
{
    ASSERT_EQ(x.events.size(), y.events.size());
    for (std::size_t i = 0; i < x.events.size(); ++i) {
        const Event a = x.events.at(i, x.info.id);
        const Event b = y.events.at(i, y.info.id);
        ASSERT_EQ(std::memcmp(&a, &b, sizeof a), 0) << "event " << i << " of " << x.info.name;
    }
}

void expectSameSpans(const Lane& x, const Lane& y)
{
    ASSERT_EQ(x.spans.size(), y.spans.size()) << x.info.name;
    for (std::size_t i = 0; i < x.spans.size(); ++i) {
        EXPECT_EQ(x.spans[i].start, y.spans[i].start);
        EXPECT_EQ(x.spans[i].end, y.spans[i].end);
        EXPECT_EQ(x.spans[i].state, y.spans[i].state);
        EXPECT_EQ(x.spans[i].object, y.spans[i].object);
    }
}

} // namespace

TEST_F(ItraceTest, RoundTripKeepsEverything)
{
    ASSERT_EQ(s_trace->run.outcome, "completed");
    const auto loaded = decodeTrace(s_bytes.data(), s_bytes.size());
    const TraceStore& a = *s_trace;
    const TraceStore& b = *loaded;
    EXPECT_EQ(a.run.scenario, b.run.scenario);
    EXPECT_EQ(a.run.title, b.run.title);
    EXPECT_EQ(a.run.parameters, b.run.parameters);
    EXPECT_EQ(a.run.machine.cores, b.run.machine.cores);
    EXPECT_EQ(a.run.machine.cpuModel, b.run.machine.cpuModel);
    EXPECT_EQ(a.run.startNs, b.run.startNs);
    EXPECT_EQ(a.run.endNs, b.run.endNs);
    EXPECT_EQ(a.run.outcome, b.run.outcome);
    EXPECT_EQ(a.run.gil, b.run.gil);

    ASSERT_EQ(a.laneCount(), b.laneCount());
    ASSERT_GE(a.laneCount(), 3u);
    for (std::size_t i = 0; i < a.laneCount(); ++i) {
        const Lane& x = a.lane(i);
        const Lane& y = b.lane(i);
        EXPECT_EQ(x.info.name, y.info.name);
        EXPECT_EQ(x.info.kind, y.info.kind);
        EXPECT_EQ(x.info.pid, y.info.pid);
        EXPECT_EQ(x.info.tid, y.info.tid);
        EXPECT_EQ(x.info.fate, y.info.fate);
        EXPECT_EQ(x.info.spawnNs, y.info.spawnNs);
        expectSameEvents(x, y);
        expectSameSpans(x, y);
        EXPECT_EQ(x.samples.size(), y.samples.size());
    }
    ASSERT_EQ(a.objects().size(), b.objects().size());
    for (std::size_t i = 0; i < a.objects().size(); ++i) {
        EXPECT_EQ(a.objects()[i].name, b.objects()[i].name);
        EXPECT_EQ(a.objects()[i].kind, b.objects()[i].kind);
    }
    ASSERT_EQ(a.stringCount(), b.stringCount());
    for (std::uint32_t i = 0; i < a.stringCount(); ++i)
        EXPECT_EQ(a.string(i), b.string(i));
    ASSERT_EQ(a.counters().size(), b.counters().size());
    for (std::size_t i = 0; i < a.counters().size(); ++i) {
        EXPECT_EQ(a.counters()[i].times, b.counters()[i].times);
        EXPECT_EQ(a.counters()[i].values, b.counters()[i].values);
    }
    EXPECT_EQ(a.results.verdict, b.results.verdict);
    EXPECT_EQ(a.results.lessonShown, b.results.lessonShown);
    EXPECT_EQ(a.results.values, b.results.values);
    EXPECT_EQ(a.rings.fullWaits, b.rings.fullWaits);
    EXPECT_EQ(a.eventCount(), b.eventCount());
}

TEST_F(ItraceTest, EveryTruncationIsRejected)
{
    for (std::size_t length = 0; length < s_bytes.size(); ++length) {
        try {
            decodeTrace(s_bytes.data(), length);
            FAIL() << "accepted a file cut to " << length << " of " << s_bytes.size() << " bytes";
        } catch (const FormatError&) {
        }
    }
}

TEST_F(ItraceTest, EverySingleBitFlipIsRejected)
{
    std::vector<std::uint8_t> bytes = s_bytes;
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        const std::uint8_t bit = std::uint8_t(1u << (i % 8));
        bytes[i] ^= bit;
        try {
            decodeTrace(bytes.data(), bytes.size());
            FAIL() << "accepted a flipped bit in byte " << i;
        } catch (const FormatError& e) {
            EXPECT_NE(std::string(e.what()).size(), 0u);
        }
        bytes[i] ^= bit;
    }
}

TEST_F(ItraceTest, ErrorsNameTheProblem)
{
    std::vector<std::uint8_t> bytes = s_bytes;
    try {
        decodeTrace(bytes.data(), bytes.size() - 10);
        FAIL();
    } catch (const FormatError& e) {
        EXPECT_NE(std::string(e.what()).find("truncated"), std::string::npos) << e.what();
    }
    bytes[8] = 9; // major version
    try {
        decodeTrace(bytes.data(), bytes.size());
        FAIL();
    } catch (const FormatError& e) {
        EXPECT_NE(std::string(e.what()).find("not supported"), std::string::npos) << e.what();
    }
    const std::string text = "{\"traceEvents\": []}";
    try {
        decodeTrace(reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
        FAIL();
    } catch (const FormatError& e) {
        EXPECT_NE(std::string(e.what()).find("not an Interleave trace"), std::string::npos);
    }
}

TEST_F(ItraceTest, SaveAndLoadThroughAFile)
{
    const test::TemporaryDirectory scratch;
    const std::string& directory = scratch.path();
    const std::string path = directory + "/run.itrace";
    saveTrace(*s_trace, path);
    const auto loaded = loadTraceFile(path);
    EXPECT_EQ(loaded->eventCount(), s_trace->eventCount());
    EXPECT_EQ(std::filesystem::file_size(path), s_bytes.size());
}

TEST_F(ItraceTest, MissingOrForeignFilesGiveClearErrors)
{
    const test::TemporaryDirectory scratch;
    const std::string& directory = scratch.path();
    EXPECT_THROW(loadTraceFile(directory + "/missing.itrace"), SystemError);
    std::ofstream(directory + "/notes.txt") << "just some text";
    EXPECT_THROW(loadTraceFile(directory + "/notes.txt"), FormatError);
}

TEST_F(ItraceTest, AFailedSaveKeepsTheOldFileAndLeavesNoTemporary)
{
    const test::TemporaryDirectory scratch;
    const std::string& directory = scratch.path();
    const std::string path = directory + "/kept.itrace";
    saveTrace(*s_trace, path);
    const auto sizeBefore = std::filesystem::file_size(path);

    // A file-size limit makes write() fail like a full disk would.
    std::signal(SIGXFSZ, SIG_IGN);
    rlimit previous{};
    getrlimit(RLIMIT_FSIZE, &previous);
    rlimit limited = previous;
    limited.rlim_cur = 512;
    ASSERT_EQ(setrlimit(RLIMIT_FSIZE, &limited), 0);
    EXPECT_THROW(saveTrace(*s_trace, path), SystemError);
    setrlimit(RLIMIT_FSIZE, &previous);

    EXPECT_EQ(std::filesystem::file_size(path), sizeBefore);
    EXPECT_NO_THROW(loadTraceFile(path));
    int entries = 0;
    for (const auto& entry : std::filesystem::directory_iterator(directory)) {
        (void)entry;
        ++entries;
    }
    EXPECT_EQ(entries, 1) << "a temporary file was left behind";
}

TEST_F(ItraceTest, SavingIntoAnUnwritableDirectoryFails)
{
    EXPECT_THROW(saveTrace(*s_trace, "/proc/none.itrace"), SystemError);
}

TEST_F(ItraceTest, AMissingDirectoryOrADirectoryAsTheFileIsBadInput)
{
    // Where to write is the user's input: a mistake there is a usage error (exit status 2).
    EXPECT_THROW(saveTrace(*s_trace, "/tmp/no-such-directory-here/x.itrace"), UsageError);
    EXPECT_THROW(saveTrace(*s_trace, "/tmp"), UsageError);
}

TEST_F(ItraceTest, AnnotationsAndTheSavedViewRoundTrip)
{
    auto trace = decodeTrace(s_bytes.data(), s_bytes.size());
    const std::uint64_t t0 = trace->run.startNs;
    trace->annotations.push_back(Annotation{t0 + 1000, t0 + 1000, kNoWorker, "the creator starts"});
    trace->annotations.push_back(Annotation{t0 + 5000, t0 + 90'000, 1, "queue fills — look here"});
    trace->view = SavedView{t0 + 2000, t0 + 80'000, t0 + 3000, t0 + 4000, 24};
    const auto bytes = encodeTrace(*trace);
    const auto loaded = decodeTrace(bytes.data(), bytes.size());
    ASSERT_EQ(loaded->annotations.size(), 2u);
    EXPECT_EQ(loaded->annotations[0].text, "the creator starts");
    EXPECT_FALSE(loaded->annotations[0].isRange());
    EXPECT_EQ(loaded->annotations[1].text, "queue fills — look here");
    EXPECT_EQ(loaded->annotations[1].lane, 1);
    EXPECT_EQ(loaded->annotations[1].start, t0 + 5000);
    EXPECT_EQ(loaded->annotations[1].end, t0 + 90'000);
    EXPECT_EQ(loaded->view.start, t0 + 2000);
    EXPECT_EQ(loaded->view.end, t0 + 80'000);
    EXPECT_EQ(loaded->view.selectionStart, t0 + 3000);
    EXPECT_EQ(loaded->view.selectionEnd, t0 + 4000);
    EXPECT_EQ(loaded->view.scrollY, 24);
    // Without notes or a view the sections are left out and nothing comes back.
    EXPECT_TRUE(decodeTrace(s_bytes.data(), s_bytes.size())->annotations.empty());
    EXPECT_FALSE(decodeTrace(s_bytes.data(), s_bytes.size())->view.valid());
}

TEST_F(ItraceTest, AnnotationsOnUnknownLanesAreRejected)
{
    auto trace = decodeTrace(s_bytes.data(), s_bytes.size());
    trace->annotations.push_back(Annotation{10, 20, 999, "nowhere"});
    const auto bytes = encodeTrace(*trace);
    try {
        decodeTrace(bytes.data(), bytes.size());
        FAIL() << "accepted an annotation on lane 999";
    } catch (const FormatError& e) {
        EXPECT_NE(std::string(e.what()).find("annotation"), std::string::npos) << e.what();
    }
}

namespace {

/// A small imported trace: two processes, three lanes, nested slices, an instant, a flow and a
/// custom counter.
std::shared_ptr<TraceStore> importedTrace()
{
    auto trace = std::make_shared<TraceStore>();
    trace->run.importedFrom = "Chrome JSON";
    trace->run.title = "browser.json";
    trace->run.startNs = 1'000;
    trace->run.endNs = 900'000;
    trace->processes = {ProcessInfo{10, "Browser", 1}, ProcessInfo{20, "Renderer", 0}};
    for (std::uint16_t id = 0; id < 3; ++id) {
        WorkerInfo info;
        info.id = id;
        info.name = id == 0 ? "CrBrowserMain" : id == 1 ? "IOThread" : "Compositor";
        info.pid = id < 2 ? 10 : 20;
        info.tid = 100 + id;
        info.sortIndex = 5 - id;
        trace->addLane(info);
    }
    const std::uint32_t draw = trace->addString("Draw");
    const std::uint32_t layout = trace->addString("Layout");
    const std::uint32_t category = trace->addString("blink");
    const std::uint32_t args = trace->addString("{\"frame\":7}");
    trace->lane(0).slices.assign({Slice{2'000, 500'000, draw, category, args, 0, 0},
                                  Slice{10'000, 90'000, layout, category, 0, 1, 0},
                                  Slice{600'000, 700'000, draw, category, 0, 0, 0}});
    trace->lane(2).slices.assign({Slice{5'000, 6'000, layout, 0, 0, 0, 0}});
    Event instant{};
    instant.tNs = 50'000;
    instant.worker = 1;
    instant.kind = EventKind::Instant;
    instant.a = trace->addString("navigationStart");
    instant.b = args;
    trace->appendEvent(instant);
    trace->flows.push_back(Flow{400'000, 650'000, 0, 2, trace->addString("IPC")});
    CounterSeries memory;
    memory.kind = CounterKind::Custom;
    memory.key = 0;
    memory.name = "Browser: memory.used";
    memory.append(3'000, 12.5);
    memory.append(300'000, 40.0);
    trace->loadCounters({memory});
    trace->finishLoading(1, 50'000);
    return trace;
}

} // namespace

TEST_F(ItraceTest, ImportedTracesKeepSlicesFlowsProcessesAndCounters)
{
    const auto original = importedTrace();
    const auto bytes = encodeTrace(*original);
    const auto loaded = decodeTrace(bytes.data(), bytes.size());
    EXPECT_EQ(loaded->run.importedFrom, "Chrome JSON");
    ASSERT_EQ(loaded->processes.size(), 2u);
    EXPECT_EQ(loaded->processes[1].name, "Renderer");
    ASSERT_EQ(loaded->laneCount(), 3u);
    EXPECT_EQ(loaded->lane(0).info.sortIndex, 5);
    EXPECT_EQ(loaded->lane(2).info.sortIndex, 3);
    const SliceRows& rows = loaded->lane(0).slices;
    ASSERT_EQ(rows.depth(), 2);
    ASSERT_EQ(rows.row(0).size(), 2u);
    EXPECT_EQ(rows.row(0)[1].start, 600'000u);
    EXPECT_EQ(loaded->string(rows.row(1)[0].name), "Layout");
    EXPECT_EQ(loaded->string(rows.row(0)[0].args), "{\"frame\":7}");
    EXPECT_EQ(loaded->lane(2).slices.sliceCount(), 1u);
    ASSERT_EQ(loaded->lane(1).events.size(), 1u);
    EXPECT_EQ(loaded->string(std::uint32_t(loaded->lane(1).events.at(0, 1).a)), "navigationStart");
    ASSERT_EQ(loaded->flows.size(), 1u);
    EXPECT_EQ(loaded->flows[0].toLane, 2);
    EXPECT_EQ(loaded->string(loaded->flows[0].name), "IPC");
    ASSERT_EQ(loaded->counters().size(), 1u);
    EXPECT_EQ(loaded->counters()[0].kind, CounterKind::Custom);
    EXPECT_EQ(loaded->counters()[0].values, (std::vector<double>{12.5, 40.0}));

    // Truncated anywhere, the imported sections are rejected too.
    for (std::size_t length = 0; length < bytes.size(); length += 7)
        EXPECT_THROW(decodeTrace(bytes.data(), length), FormatError) << length;
}

TEST_F(ItraceTest, ProgressRisesToTheEndAndCancellingLeavesTheOldFile)
{
    const test::TemporaryDirectory scratch;
    const std::string& directory = scratch.path();
    const std::string path = directory + "/progress.itrace";
    std::vector<double> reported;
    saveTrace(*s_trace, path, Progress([&](double f) {
        reported.push_back(f);
        return true;
    }));
    ASSERT_GE(reported.size(), 3u);
    EXPECT_TRUE(std::is_sorted(reported.begin(), reported.end()));
    EXPECT_DOUBLE_EQ(reported.back(), 1.0);
    const auto size = std::filesystem::file_size(path);

    // Cancelled half-way, the save throws Cancelled and leaves the old file alone.
    int calls = 0;
    EXPECT_THROW(saveTrace(*s_trace, path, Progress([&](double) { return ++calls < 3; })),
                 Cancelled);
    EXPECT_EQ(std::filesystem::file_size(path), size);
    EXPECT_EQ(std::distance(std::filesystem::directory_iterator(directory),
                            std::filesystem::directory_iterator()),
              1);

    reported.clear();
    const auto loaded = loadTraceFile(path, Progress([&](double f) {
                                          reported.push_back(f);
                                          return true;
                                      }));
    EXPECT_EQ(loaded->eventCount(), s_trace->eventCount());
    EXPECT_TRUE(std::is_sorted(reported.begin(), reported.end()));
    EXPECT_DOUBLE_EQ(reported.back(), 1.0);
    EXPECT_THROW(loadTraceFile(path, Progress([](double f) { return f < 0.5; })), Cancelled);
}

// Regression: a traced interpreter stamped a sleep's end a few µs before the GIL acquire it had
// already recorded on the same lane; the writer's deltas wrapped and the file would not load.
TEST(ItraceOrder, AnEventStampedBeforeTheLanesLastOneStillSavesAndLoads)
{
    TraceStore trace;
    WorkerInfo worker;
    worker.id = 0;
    worker.name = "MainThread";
    trace.registerWorker(worker);
    trace.addObject(ObjectInfo{0, ObjectKind::Gil, "GIL", false, 0, 1});
    trace.appendEvent(Event{1'000, 0, EventKind::WorkerStart});
    trace.appendEvent(Event{2'000, 0, EventKind::GilAcquire});
    trace.appendEvent(Event{1'990, 0, EventKind::SleepEnd});
    trace.appendEvent(Event{3'000, 0, EventKind::WorkerEnd});
    trace.run.startNs = 1'000;
    trace.run.endNs = 3'000;
    trace.finalize();
    const std::string path = ::testing::TempDir() + "out-of-order.itrace";
    saveTrace(trace, path);
    const auto loaded = loadTraceFile(path);
    ASSERT_EQ(loaded->lane(0).events.size(), 4u);
    EXPECT_EQ(loaded->lane(0).events.time(2), 2'000u);
    std::remove(path.c_str());
}

/// Files of format 1.1 keep their slices in the Imported section; 1.2 moved them to a per-lane
/// section. A 1.1 file (written by Interleave before the change, from the same JSON) still
/// loads with every slice, and saving it again writes the same trace in 1.2.
TEST(ItraceVersions, AVersionOneOneFileLoadsWithItsSlices)
{
    const std::string data = INTERLEAVE_TEST_DATA;
    const auto old = loadTraceFile(data + "/itrace/chromium-excerpt-1.1.itrace");
    const auto json = loadTraceFile(data + "/chrome/chromium-excerpt.json");
    std::size_t slices = 0;
    for (std::size_t i = 0; i < old->laneCount(); ++i)
        slices += old->lane(i).slices.sliceCount();
    EXPECT_GT(slices, 1000u);
    EXPECT_EQ(test::traceDifference(*old, *json), "");
    const std::vector<std::uint8_t> bytes = encodeTrace(*old);
    const auto again = decodeTrace(bytes.data(), bytes.size());
    EXPECT_EQ(test::traceDifference(*old, *again), "");
}
