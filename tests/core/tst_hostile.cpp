// Hostile input loses nothing and crashes nothing: each defect fuzzing and fault injection
// found, with the input that showed it, and the property that whatever loads saves and loads
// again unchanged.
#include "base/errors.h"
#include "format/chromeimport.h"
#include "format/itraceformat.h"
#include "format/itracereader.h"
#include "format/itracewriter.h"
#include "format/traceloader.h"
#include "itracefix.h"
#include "testsupport.h"
#include "trace/synthetictrace.h"
#include "trace/tracestore.h"
#include "tracecompare.h"

#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <future>
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <thread>

using namespace interleave;
namespace fs = std::filesystem;

namespace {

const std::string kHostile = std::string(INTERLEAVE_TEST_DATA) + "/hostile/";

/// Bytes read by this process so far (all read() calls, cache or not).
std::uint64_t bytesRead()
{
    std::ifstream io("/proc/self/io");
    std::string key;
    std::uint64_t value = 0;
    while (io >> key >> value) {
        if (key == "rchar:")
            return value;
    }
    return 0;
}

/// Peak resident memory of this process, in MiB.
long peakMiB()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024;
}

/// Loads, or returns the one-line error; a crash or another exception fails the test.
std::string loadOrError(const std::string& path, std::shared_ptr<TraceStore>& trace)
{
    try {
        trace = loadTraceFile(path);
        return {};
    } catch (const FormatError& e) {
        return e.what();
    } catch (const SystemError& e) {
        return e.what();
    }
}

/// Every file of the fixtures and of the fuzz corpora.
std::vector<std::string> everySample()
{
    std::vector<std::string> paths;
    for (const char* folder : {"/chrome", "/hostile"})
        for (const auto& entry : fs::directory_iterator(std::string(INTERLEAVE_TEST_DATA) + folder))
            paths.push_back(entry.path().string());
    const fs::path corpora = fs::path(INTERLEAVE_TEST_DATA).parent_path() / "fuzz" / "corpus";
    if (fs::exists(corpora))
        for (const auto& entry : fs::recursive_directory_iterator(corpora))
            if (entry.is_regular_file())
                paths.push_back(entry.path().string());
    return paths;
}

} // namespace

TEST(Hostile, EveryHostileFileLoadsOrSaysWhyInASentence)
{
    for (const auto& entry : fs::directory_iterator(kHostile)) {
        std::shared_ptr<TraceStore> trace;
        const std::string error = loadOrError(entry.path().string(), trace);
        if (error.empty())
            continue;
        EXPECT_EQ(error.find('\n'), std::string::npos) << entry.path();
        // A sentence about the input, not a library's internals.
        for (const char* internal : {"basic_string", "std::", "substr", "vector", "bad_alloc"})
            EXPECT_EQ(error.find(internal), std::string::npos) << entry.path() << ": " << error;
    }
}

TEST(Hostile, AThreadOfPidZeroAndTidMinusOneIsJustAThread)
{
    // 44 bytes that killed `interleave info` with SIGSEGV: the thread cache's empty key.
    const auto trace = loadTraceFile(kHostile + "segv-pid0-tid-minus1.json");
    ASSERT_EQ(trace->laneCount(), 1u);
    EXPECT_EQ(trace->lane(0).slices.sliceCount(), 1u);
}

TEST(Hostile, OverlappingStatesAreClippedSoTheTraceSavesAndLoadsAgain)
{
    // convert said "wrote", then the .itrace could not be opened: "span time overflow".
    const auto trace = loadTraceFile(kHostile + "overlapping-states.json");
    ASSERT_EQ(trace->laneCount(), 1u);
    const SpanList& spans = trace->lane(0).spans;
    for (std::size_t i = 1; i < spans.size(); ++i)
        EXPECT_GE(spans[i].start, spans[i - 1].end);
    const auto bytes = encodeTrace(*trace);
    const auto again = decodeTrace(bytes.data(), bytes.size());
    EXPECT_EQ(test::traceDifference(*trace, *again), "");
}

TEST(Hostile, AnInterleaveGeneratorWithoutAVersionIsNoError)
{
    // Printed "basic_string::substr..." and exited 1.
    std::shared_ptr<TraceStore> trace;
    EXPECT_EQ(loadOrError(kHostile + "generator-without-version.json", trace), "");
}

TEST(Hostile, HugeIdsAndSortIndicesAreClampedNotUndefined)
{
    std::shared_ptr<TraceStore> trace;
    EXPECT_EQ(loadOrError(kHostile + "huge-ids.json", trace), "");
    ASSERT_TRUE(trace);
    ASSERT_EQ(trace->laneCount(), 2u); // the slice's thread, and thread 1 of the metadata
    EXPECT_TRUE(trace->lane(0).info.pid == INT32_MAX || trace->lane(1).info.pid == INT32_MAX);
}

TEST(Hostile, ABracketThenNulBytesIsNoTrace)
{
    // Loaded as an empty trace, exit 0.
    std::shared_ptr<TraceStore> trace;
    const std::string error = loadOrError(kHostile + "bracket-then-nul.json", trace);
    EXPECT_NE(error, "") << "NUL bytes are not JSON";
}

TEST(Hostile, MoreThreadsThanLaneIdsAreRefusedNotFoldedOntoLaneZero)
{
    std::string json = "[";
    for (int tid = 0; tid <= 65535; ++tid)
        json += std::string(tid ? "," : "") +
                "{\"ph\":\"X\",\"pid\":1,\"tid\":" + std::to_string(tid) +
                ",\"ts\":" + std::to_string(tid) + ",\"dur\":1}";
    json += "]";
    try {
        parseChromeJson(json, "many threads");
        FAIL() << "65 536 threads imported";
    } catch (const FormatError& e) {
        EXPECT_NE(std::string(e.what()).find("65536 threads"), std::string::npos) << e.what();
    }
}

TEST(Hostile, WhateverLoadsSavesAndLoadsAgainUnchanged)
{
    std::size_t loaded = 0;
    for (const std::string& path : everySample()) {
        std::shared_ptr<TraceStore> trace;
        if (!loadOrError(path, trace).empty())
            continue;
        ++loaded;
        std::vector<std::uint8_t> bytes;
        ASSERT_NO_THROW(bytes = encodeTrace(*trace)) << path;
        std::shared_ptr<TraceStore> again;
        ASSERT_NO_THROW(again = decodeTrace(bytes.data(), bytes.size())) << path;
        EXPECT_EQ(test::traceDifference(*trace, *again), "") << path;
    }
    EXPECT_GE(loaded, 8u);
}

TEST(Hostile, ADecompressionBombIsRefusedBeforeAnythingIsAllocated)
{
    // An 8 KB trace claiming 4 GiB of events allocated 4.2 GB for 11 s before refusing.
    SyntheticTraceSpec spec;
    spec.events = 400;
    spec.lanes = 1;
    std::vector<std::uint8_t> bytes = encodeTrace(*makeSyntheticTrace(spec));
    std::uint64_t offset = 0, stored = 0;
    ASSERT_TRUE(
        test::findSection(bytes, std::uint32_t(itrace::SectionType::Events), offset, stored));
    // The events section: lane count, then per lane u16 id, u64 stored and u64 raw size.
    ASSERT_EQ(bytes[offset], 1); // one lane
    const std::uint64_t claim = 4ull << 30;
    std::memcpy(bytes.data() + offset + 1 + 2 + 8, &claim, 8);
    ASSERT_TRUE(test::fixItraceChecksums(bytes));
    const long before = peakMiB();
    try {
        decodeTrace(bytes.data(), bytes.size());
        FAIL() << "a 4 GiB claim was believed";
    } catch (const FormatError& e) {
        EXPECT_NE(std::string(e.what()).find("lane 0"), std::string::npos) << e.what();
    }
    EXPECT_LT(peakMiB() - before, 64) << "MiB allocated for a lie";
}

TEST(Hostile, AFifoIsRefusedWithoutWaitingForAWriter)
{
    const test::TemporaryDirectory scratch;
    const std::string fifo = scratch.path() + "/pipe.itrace";
    ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
    auto result = std::async(std::launch::async, [&] {
        std::shared_ptr<TraceStore> trace;
        return loadOrError(fifo, trace);
    });
    ASSERT_EQ(result.wait_for(std::chrono::seconds(5)), std::future_status::ready)
        << "opening a FIFO blocked";
    EXPECT_NE(result.get().find("not a regular file"), std::string::npos);
    fs::remove(fifo);
}

TEST(Hostile, ALargeSparseFileIsRefusedFromItsHeaderAlone)
{
    // 2 GB of nothing after the magic was read whole (7.5 s) before the size check.
    const test::TemporaryDirectory scratch;
    const std::string path = scratch.path() + "/sparse.itrace";
    {
        std::ofstream out(path, std::ios::binary);
        out.write(reinterpret_cast<const char*>(itrace::kMagic), sizeof itrace::kMagic);
    }
    fs::resize_file(path, 2ull << 30);
    const std::uint64_t before = bytesRead();
    std::shared_ptr<TraceStore> trace;
    EXPECT_NE(loadOrError(path, trace), "");
    EXPECT_LT(bytesRead() - before, 1u << 20) << "bytes read to refuse it";
    fs::remove(path);
}

TEST(Hostile, AReplacedFileKeepsItsPermissions)
{
    const test::TemporaryDirectory scratch;
    const std::string path = scratch.path() + "/kept.itrace";
    SyntheticTraceSpec spec;
    spec.events = 200;
    spec.lanes = 1;
    const auto trace = makeSyntheticTrace(spec);
    saveTrace(*trace, path);
    fs::permissions(path, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
    if (geteuid() == 0) { // only root may replace it; as root, the mode must survive
        saveTrace(*trace, path);
        EXPECT_EQ(fs::status(path).permissions() & fs::perms::all,
                  fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
    }
    fs::remove(path);
}

TEST(Hostile, AWorkerKilledBeforeItsFirstEventKeepsItsPid)
{
    // The reaper records the pid with the exit: the lane is not saved with pid 0.
    TraceStore trace;
    WorkerInfo info;
    info.id = 0;
    info.name = "Process-1";
    info.kind = WorkerKind::Process;
    trace.registerWorker(info);
    Event exit{};
    exit.worker = 0;
    exit.tNs = 100;
    exit.kind = EventKind::WorkerExit;
    exit.flags = std::uint8_t(ExitKind::Signaled);
    exit.a = 9;
    exit.b = 4242;
    trace.appendEvent(exit);
    EXPECT_EQ(trace.lane(0).info.pid, 4242);
    EXPECT_EQ(trace.lane(0).info.fate, WorkerFate::Crashed);
}
