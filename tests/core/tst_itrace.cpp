#include "base/errors.h"
#include "format/itracereader.h"
#include "format/itracewriter.h"
#include "format/traceloader.h"
#include "testsupport.h"
#include "trace/tracestore.h"

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
    const std::string directory = test::temporaryDirectory();
    const std::string path = directory + "/run.itrace";
    saveTrace(*s_trace, path);
    const auto loaded = loadTraceFile(path);
    EXPECT_EQ(loaded->eventCount(), s_trace->eventCount());
    EXPECT_EQ(std::filesystem::file_size(path), s_bytes.size());
    std::filesystem::remove_all(directory);
}

TEST_F(ItraceTest, MissingOrForeignFilesGiveClearErrors)
{
    const std::string directory = test::temporaryDirectory();
    EXPECT_THROW(loadTraceFile(directory + "/missing.itrace"), SystemError);
    std::ofstream(directory + "/notes.txt") << "just some text";
    EXPECT_THROW(loadTraceFile(directory + "/notes.txt"), FormatError);
    std::filesystem::remove_all(directory);
}

TEST_F(ItraceTest, AFailedSaveKeepsTheOldFileAndLeavesNoTemporary)
{
    const std::string directory = test::temporaryDirectory();
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
    std::filesystem::remove_all(directory);
}

TEST_F(ItraceTest, SavingIntoAnUnwritableDirectoryFails)
{
    EXPECT_THROW(saveTrace(*s_trace, "/proc/interleave/none.itrace"), SystemError);
}
