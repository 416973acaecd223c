#include "base/errors.h"
#include "format/chromeimport.h"
#include "format/chromejson.h"
#include "format/itracereader.h"
#include "format/itracewriter.h"
#include "format/traceloader.h"
#include "testsupport.h"
#include "trace/slicestats.h"
#include "trace/tracestore.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <iterator>
#include <random>
#include <sstream>

using namespace interleave;

namespace {

std::string data(const std::string& name)
{
    return std::string(INTERLEAVE_TEST_DATA) + "/chrome/" + name;
}

const Lane& laneNamed(const TraceStore& trace, const std::string& name)
{
    const Lane* lane = test::laneNamed(trace, name);
    if (lane == nullptr)
        throw std::runtime_error("no lane " + name);
    return *lane;
}

std::string sliceName(const TraceStore& trace, const Slice& slice)
{
    return trace.string(slice.name);
}

} // namespace

TEST(ChromeImport, BeginEndAndCompleteEventsNestIntoRows)
{
    const auto trace = loadTraceFile(data("slices-array.json"));
    EXPECT_EQ(trace->run.importedFrom, "Chrome JSON");
    EXPECT_EQ(trace->run.title, "slices-array.json");
    ASSERT_EQ(trace->laneCount(), 2u);
    EXPECT_EQ(trace->lane(0).info.name, "CrBrowserMain");
    EXPECT_EQ(trace->lane(1).info.name, "Thread 12");
    ASSERT_NE(trace->process(1), nullptr);
    EXPECT_EQ(trace->process(1)->name, "Browser");

    // Times are nanoseconds from the earliest timestamp (100.5 µs), fractions kept.
    const SliceRows& main = trace->lane(0).slices;
    ASSERT_EQ(main.depth(), 2);
    ASSERT_EQ(main.row(0).size(), 1u);
    EXPECT_EQ(sliceName(*trace, main.row(0)[0]), "RunTask");
    EXPECT_EQ(main.row(0)[0].start, 0u);
    EXPECT_EQ(main.row(0)[0].end, 99'500u);
    EXPECT_EQ(trace->string(main.row(0)[0].args), "{\"src\": \"loop\"}");
    EXPECT_EQ(trace->string(main.row(0)[0].category), "toplevel");
    ASSERT_EQ(main.row(1).size(), 2u);
    EXPECT_EQ(sliceName(*trace, main.row(1)[0]), "Layout");
    EXPECT_EQ(main.row(1)[0].start, 9'500u);
    EXPECT_EQ(main.row(1)[0].end, 29'750u);
    EXPECT_EQ(sliceName(*trace, main.row(1)[1]), "Paint");
    EXPECT_EQ(main.row(1)[1].duration(), 10'000u);

    // An E without its B is counted, a B never ended lasts to the end; P and O are skipped
    // and reported, not fatal.
    const SliceRows& other = trace->lane(1).slices;
    ASSERT_EQ(other.row(0).size(), 2u);
    EXPECT_EQ(sliceName(*trace, other.row(0)[1]), "Unfinished");
    const std::string& message = trace->run.message;
    EXPECT_NE(message.find("imported 13 events"), std::string::npos) << message;
    EXPECT_NE(message.find("2 × \"P\""), std::string::npos) << message;
    EXPECT_NE(message.find("1 × \"O\""), std::string::npos) << message;
    EXPECT_NE(message.find("1 end (\"E\") had no begin"), std::string::npos) << message;
    EXPECT_NE(message.find("1 begin (\"B\") never ended"), std::string::npos) << message;
}

TEST(ChromeImport, MetadataOrdersAndNamesProcessesAndThreads)
{
    const auto trace = loadTraceFile(data("metadata-object.json"));
    ASSERT_EQ(trace->laneCount(), 3u);
    // Renderer (sort index -1) before Browser (5); in Browser, IO (1) before Main (2).
    EXPECT_EQ(trace->lane(0).info.name, "Compositor");
    EXPECT_EQ(trace->lane(1).info.name, "IO");
    EXPECT_EQ(trace->lane(2).info.name, "Main");
    EXPECT_EQ(trace->lane(2).info.pid, 10);
    EXPECT_EQ(trace->lane(2).info.tid, 100);
    ASSERT_NE(trace->process(20), nullptr);
    EXPECT_EQ(trace->process(20)->name, "Renderer");
    EXPECT_EQ(trace->process(20)->sortIndex, -1);

    // Instants become events on their lane, with name and args.
    const Lane& compositor = laneNamed(*trace, "Compositor");
    ASSERT_EQ(compositor.events.size(), 1u);
    const Event vsync = compositor.events.at(0, compositor.info.id);
    EXPECT_EQ(vsync.kind, EventKind::Instant);
    EXPECT_EQ(trace->string(std::uint32_t(vsync.a)), "vsync");
    EXPECT_EQ(trace->string(std::uint32_t(vsync.b)), "{\"frame\": 7}");
    EXPECT_EQ(vsync.tNs, 6'000u);
    const Lane& main = laneNamed(*trace, "Main");
    ASSERT_EQ(main.events.size(), 1u);
    EXPECT_EQ(main.events.at(0, main.info.id).tNs, 1'500u);

    // Counters: one series per argument, named after their process.
    std::map<std::string, std::vector<double>> series;
    for (const CounterSeries& c : trace->counters()) {
        EXPECT_EQ(c.kind, CounterKind::Custom);
        series[c.name] = c.values;
    }
    EXPECT_EQ(series["Browser: memory.used"], (std::vector<double>{12, 30}));
    EXPECT_EQ(series["Browser: memory.free"], (std::vector<double>{88, 70}));
    EXPECT_EQ(series["Renderer: fps"], (std::vector<double>{59.5}));
}

TEST(ChromeImport, FlowsConnectTheirStepsAndBindIds)
{
    const auto trace = loadTraceFile(data("flows.json"));
    ASSERT_EQ(trace->laneCount(), 3u);
    const auto lane = [&](const std::string& name) { return laneNamed(*trace, name).info.id; };
    struct Arrow {
        std::uint16_t from, to;
        std::uint64_t fromTime, toTime;
        std::string name;
    };
    std::vector<Arrow> arrows;
    for (const Flow& flow : trace->flows)
        arrows.push_back(Arrow{flow.fromLane, flow.toLane, flow.fromTime, flow.toTime,
                               trace->string(flow.name)});
    ASSERT_EQ(arrows.size(), 4u);
    auto has = [&](std::uint16_t from, std::uint16_t to, std::uint64_t a, std::uint64_t b) {
        for (const Arrow& arrow : arrows) {
            if (arrow.from == from && arrow.to == to && arrow.fromTime == a && arrow.toTime == b)
                return true;
        }
        return false;
    };
    // Earliest timestamp 10 µs is time 0. s -> t -> f of "ipc" 7: two arrows.
    EXPECT_TRUE(has(lane("Sender"), lane("Relay"), 2'000, 10'000));
    EXPECT_TRUE(has(lane("Relay"), lane("Receiver"), 10'000, 20'000));
    // The same id in another category is another flow.
    EXPECT_TRUE(has(lane("Receiver"), lane("Sender"), 30'000, 40'000));
    // bind_id: from the end of the producer to the start of the consumer.
    EXPECT_TRUE(has(lane("Sender"), lane("Receiver"), 60'000, 70'000));
}

TEST(ChromeImport, AnArrayWithoutItsClosingBracketLoads)
{
    const auto trace = loadTraceFile(data("unterminated-array.json"));
    ASSERT_EQ(trace->laneCount(), 1u);
    EXPECT_EQ(trace->lane(0).slices.sliceCount(), 2u);
}

TEST(ChromeImport, StringTimestampsAndNamedPidsAreRead)
{
    const auto trace = parseChromeJson(
        R"([{"ph":"X","name":"a","pid":"browser","tid":"main","ts":"5.25","dur":"1"},
            {"ph":"X","name":"b","pid":"browser","tid":"main","ts":7,"dur":1}])",
        "named");
    ASSERT_EQ(trace->laneCount(), 1u);
    ASSERT_EQ(trace->lane(0).slices.sliceCount(), 2u);
    EXPECT_EQ(trace->lane(0).slices.row(0)[1].start, 1'750u);
}

TEST(ChromeImport, BrokenJsonIsRejectedWithAClearMessage)
{
    for (const std::string& text :
         {std::string(R"({"traceEvents": [{"ph": "X", "ts": 1,)"), std::string(R"({"foo": 1})"),
          std::string("[{\"ph\": \"X\", \"ts\": }]"), std::string("\"just a string\""),
          std::string(R"({"traceEvents": {"ph": "X"}})")}) {
        try {
            parseChromeJson(text, "bad");
            FAIL() << "accepted: " << text;
        } catch (const FormatError& e) {
            EXPECT_FALSE(std::string(e.what()).empty());
        }
    }
    const test::TemporaryDirectory scratch;
    const std::string& directory = scratch.path();
    std::ofstream(directory + "/cut.json") << R"({"traceEvents": [{"ph": "X", "name": "a")";
    try {
        loadTraceFile(directory + "/cut.json");
        FAIL();
    } catch (const FormatError& e) {
        EXPECT_NE(std::string(e.what()).find("cut.json"), std::string::npos) << e.what();
    }
    std::ofstream(directory + "/notes.txt") << "hello";
    try {
        loadTraceFile(directory + "/notes.txt");
        FAIL();
    } catch (const FormatError& e) {
        EXPECT_NE(std::string(e.what()).find("neither"), std::string::npos) << e.what();
    }
}

TEST(ChromeImport, AnInterleaveExportComesBackAsTheSameRun)
{
    const auto run = test::runScenario("queue-sentinel", {{"items", "4"}, {"time_scale", "0.05"}});
    std::ostringstream json;
    writeChromeJson(*run, json);
    const auto back = parseChromeJson(json.str(), "queue.json");
    EXPECT_TRUE(back->run.importedFrom.empty());
    EXPECT_EQ(back->run.scenario, "queue-sentinel");
    EXPECT_EQ(back->run.title, run->run.title);
    EXPECT_EQ(back->results.verdict, run->results.verdict);
    EXPECT_EQ(back->run.parameters, run->run.parameters);
    ASSERT_EQ(back->laneCount(), run->laneCount());
    for (std::size_t i = 0; i < run->laneCount(); ++i) {
        const Lane& a = run->lane(i);
        const Lane& b = back->lane(i);
        EXPECT_EQ(a.info.name, b.info.name);
        EXPECT_EQ(a.info.kind, b.info.kind);
        EXPECT_EQ(a.info.pid, b.info.pid);
        ASSERT_EQ(a.spans.size(), b.spans.size()) << a.info.name;
        for (std::size_t k = 0; k < a.spans.size(); ++k) {
            // Times relative to the run's start survive exactly (µs with ns fractions).
            EXPECT_EQ(a.spans[k].start - run->run.startNs, b.spans[k].start - back->run.startNs);
            EXPECT_EQ(a.spans[k].duration(), b.spans[k].duration());
            EXPECT_EQ(a.spans[k].state, b.spans[k].state);
        }
    }
    // Queue depth and core utilisation come back as what they were.
    for (const CounterSeries& original : run->counters()) {
        const CounterSeries* copy = nullptr;
        for (const CounterSeries& c : back->counters()) {
            if (c.kind == original.kind && c.name == original.name)
                copy = &c;
        }
        ASSERT_NE(copy, nullptr) << original.name;
        ASSERT_EQ(copy->values.size(), original.values.size()) << original.name;
        for (std::size_t k = 0; k < original.values.size(); ++k)
            EXPECT_NEAR(copy->values[k], original.values[k], 1e-9);
    }
    // Printed lines are lines again.
    std::size_t prints = 0, printsBack = 0;
    for (std::size_t i = 0; i < run->laneCount(); ++i) {
        run->lane(i).events.forEach(0, run->lane(i).events.size(), std::uint16_t(i),
                                    [&](const Event& e) { prints += e.kind == EventKind::Print; });
        back->lane(i).events.forEach(
            0, back->lane(i).events.size(), std::uint16_t(i),
            [&](const Event& e) { printsBack += e.kind == EventKind::Print; });
    }
    EXPECT_GT(prints, 0u);
    EXPECT_EQ(prints, printsBack);
}

TEST(ChromeImport, AnImportedTraceSurvivesItraceAndJsonAgain)
{
    const auto imported = loadTraceFile(data("metadata-object.json"));
    const auto bytes = encodeTrace(*imported);
    const auto viaItrace = decodeTrace(bytes.data(), bytes.size());
    std::ostringstream json;
    writeChromeJson(*viaItrace, json);
    const auto viaJson = parseChromeJson(json.str(), "again.json");
    EXPECT_EQ(viaJson->run.importedFrom, "Chrome JSON");
    for (const auto* trace : {viaItrace.get(), viaJson.get()}) {
        ASSERT_EQ(trace->laneCount(), imported->laneCount());
        for (std::size_t i = 0; i < imported->laneCount(); ++i) {
            EXPECT_EQ(trace->lane(i).info.name, imported->lane(i).info.name);
            EXPECT_EQ(trace->lane(i).slices.sliceCount(), imported->lane(i).slices.sliceCount());
            EXPECT_EQ(trace->lane(i).events.size(), imported->lane(i).events.size());
        }
        EXPECT_EQ(trace->counters().size(), imported->counters().size());
        ASSERT_NE(trace->process(20), nullptr);
        EXPECT_EQ(trace->process(20)->name, "Renderer");
    }
}

/// An excerpt of a real trace Chromium wrote (`chromium --trace-startup --trace-startup-format
/// json`): its processes and threads become lanes, its slices nest, its async events are
/// counted as unsupported rather than failing the load.
TEST(ChromeImport, ATraceChromiumWroteLoads)
{
    const auto trace = loadTraceFile(data("chromium-excerpt.json"));
    EXPECT_EQ(trace->run.importedFrom, "Chrome JSON");
    const Lane& browser = laneNamed(*trace, "CrBrowserMain");
    EXPECT_GT(browser.slices.sliceCount(), 1000u);
    const Lane& renderer = laneNamed(*trace, "CrRendererMain");
    EXPECT_GT(renderer.slices.sliceCount(), 100u);
    EXPECT_GE(renderer.slices.depth(), 3);
    // Slices of one depth never overlap, and nested ones lie inside a slice one level up.
    for (int depth = 0; depth < renderer.slices.depth(); ++depth) {
        const SliceRow& row = renderer.slices.row(depth);
        for (std::size_t i = 1; i < row.size(); ++i)
            EXPECT_LE(row[i - 1].end, row[i].start);
        if (depth == 0)
            continue;
        const SliceRow& up = renderer.slices.row(depth - 1);
        for (const Slice& inner : row) {
            auto outer = std::partition_point(up.begin(), up.end(),
                                              [&](const Slice& s) { return s.end < inner.end; });
            ASSERT_NE(outer, up.end());
            EXPECT_LE(outer->start, inner.start);
        }
    }
    ASSERT_NE(trace->process(browser.info.pid), nullptr);
    EXPECT_EQ(trace->process(browser.info.pid)->name, "Browser");
    // Its async events ("b"/"e") become tracks under their process.
    std::size_t asyncSlices = 0;
    for (std::size_t i = 0; i < trace->laneCount(); ++i) {
        if (trace->lane(i).info.name.ends_with(" (async)"))
            asyncSlices += trace->lane(i).slices.sliceCount();
    }
    EXPECT_GT(asyncSlices, 0u);
    EXPECT_EQ(trace->run.message.find("unsupported"), std::string::npos) << trace->run.message;
    EXPECT_GT(trace->run.durationNs(), 40'000'000u);
}

TEST(SliceStats, BusiestNamesCountOutermostSlicesOnly)
{
    const std::string json = R"([{"ph":"X","name":"frame","pid":1,"tid":1,"ts":0,"dur":100},)"
                             R"({"ph":"X","name":"paint","pid":1,"tid":1,"ts":10,"dur":80},)"
                             R"({"ph":"X","name":"paint","pid":1,"tid":2,"ts":0,"dur":30},)"
                             R"({"ph":"X","name":"idle","pid":1,"tid":2,"ts":40,"dur":50}])";
    const auto trace = parseChromeJson(json, "stats.json");
    const std::vector<SliceNameTime> all = busiestSliceNames(*trace, {}, 10);
    ASSERT_EQ(all.size(), 3u);
    EXPECT_EQ(trace->string(all[0].name), "frame");
    EXPECT_EQ(all[0].ns, 100'000u);
    EXPECT_EQ(trace->string(all[1].name), "idle");
    EXPECT_EQ(trace->string(all[2].name), "paint"); // 30 µs on its own: the nested 80 not counted
    EXPECT_EQ(all[2].ns, 30'000u);
    EXPECT_EQ(busiestSliceNames(*trace, {}, 1).size(), 1u);
    const std::uint16_t second = trace->lane(0).info.tid == 2 ? 0 : 1;
    const std::vector<SliceNameTime> one = busiestSliceNames(*trace, {second}, 10);
    ASSERT_EQ(one.size(), 2u);
    EXPECT_EQ(trace->string(one[0].name), "idle");
}

/// Shaped like viztracer's output: float timestamps, extra top-level objects it adds, function
/// slices nested three deep, an instant and a counter.
TEST(ChromeImport, AViztracerShapedTraceLoads)
{
    const auto trace = loadTraceFile(data("viztracer-shaped.json"));
    const Lane& main = laneNamed(*trace, "MainThread");
    EXPECT_EQ(main.slices.depth(), 3);
    EXPECT_EQ(sliceName(*trace, main.slices.row(2)[0]), "Thread.join (threading.py:1100)");
    EXPECT_EQ(main.slices.row(0)[0].duration(), 900'250u);
    const Lane& worker = laneNamed(*trace, "Thread-1 (worker)");
    EXPECT_EQ(worker.slices.sliceCount(), 2u);
    ASSERT_NE(trace->process(4242), nullptr);
    EXPECT_EQ(trace->process(4242)->name, "python3 race.py");
    ASSERT_EQ(trace->counters().size(), 1u);
    EXPECT_EQ(trace->counters()[0].values[0], 12.5);
}

/// Shaped like Perfetto UI's JSON export: "systemTraceEvents", "metadata", B/E pairs, sort
/// indices, and an async event it cannot place (reported, not fatal).
TEST(ChromeImport, APerfettoShapedTraceLoads)
{
    const auto trace = loadTraceFile(data("perfetto-shaped.json"));
    const Lane& probes = laneNamed(*trace, "probes-main");
    EXPECT_EQ(probes.slices.depth(), 2);
    EXPECT_EQ(sliceName(*trace, probes.slices.row(1)[0]), "Parse");
    EXPECT_EQ(probes.slices.row(1)[0].duration(), 1'750u);
    // Its lone async begin lasts to the end, on a track of its own, and is reported.
    const Lane& async = laneNamed(*trace, "async (async)");
    EXPECT_EQ(async.slices.sliceCount(), 1u);
    EXPECT_EQ(async.info.pid, probes.info.pid);
    EXPECT_NE(trace->run.message.find("1 async begin (\"b\") never ended"), std::string::npos)
        << trace->run.message;
}

TEST(ChromeImport, AsyncEventsPairByIdAndPackIntoRows)
{
    // Two overlapping "load" requests (ids 1 and 2), an unnamed end, a mark, a stray end.
    const std::string json =
        R"([{"ph":"M","name":"thread_name","pid":5,"tid":9,"args":{"name":"Main"}},)"
        R"({"ph":"X","name":"work","pid":5,"tid":9,"ts":0,"dur":100},)"
        R"({"ph":"b","cat":"net","id":1,"name":"load","pid":5,"tid":9,"ts":10},)"
        R"({"ph":"b","cat":"net","id":"0x2","name":"load","pid":5,"tid":9,"ts":20},)"
        R"({"ph":"n","cat":"net","id":1,"name":"headers","pid":5,"tid":9,"ts":25},)"
        R"({"ph":"e","cat":"net","id":1,"name":"load","pid":5,"tid":9,"ts":40},)"
        R"({"ph":"e","cat":"net","id":"0x2","pid":5,"tid":9,"ts":60},)"
        R"({"ph":"b","cat":"net","id":3,"name":"load","pid":5,"tid":9,"ts":70},)"
        R"({"ph":"e","cat":"net","id":3,"name":"load","pid":5,"tid":9,"ts":80},)"
        R"({"ph":"e","cat":"net","id":9,"name":"load","pid":5,"tid":9,"ts":90}])";
    const auto trace = parseChromeJson(json, "async.json");
    ASSERT_EQ(trace->laneCount(), 2u);
    EXPECT_EQ(trace->lane(0).info.name, "Main"); // threads first, async tracks after
    const Lane& loads = laneNamed(*trace, "load (async)");
    ASSERT_EQ(loads.slices.sliceCount(), 3u);
    ASSERT_EQ(loads.slices.depth(), 2); // 1 and 2 overlap; 3 reuses the first row
    ASSERT_EQ(loads.slices.row(0).size(), 2u);
    EXPECT_EQ(loads.slices.row(0)[0].duration(), 30'000u);
    EXPECT_EQ(loads.slices.row(1)[0].duration(), 40'000u);
    EXPECT_EQ(loads.slices.row(0)[1].duration(), 10'000u);
    ASSERT_EQ(loads.events.size(), 1u); // the "n" mark
    EXPECT_EQ(loads.events.kind(0), EventKind::Instant);
    EXPECT_NE(trace->run.message.find("1 async end (\"e\") had no begin"), std::string::npos)
        << trace->run.message;
}

/// Every cut and many damaged copies of real files: each either loads or is a FormatError with
/// a message, never a crash or another exception (run under the asan preset too).
TEST(ChromeImport, CutOrDamagedFilesLoadOrFailCleanly)
{
    std::size_t loaded = 0, rejected = 0;
    auto attempt = [&](const std::string& text) {
        try {
            const auto trace = parseChromeJson(text, "damaged.json");
            ASSERT_NE(trace, nullptr);
            ++loaded;
        } catch (const FormatError& e) {
            EXPECT_NE(std::string(e.what()), "");
            ++rejected;
        }
    };
    for (const char* name : {"flows.json", "metadata-object.json", "slices-array.json"}) {
        std::ifstream in(data(name));
        const std::string text((std::istreambuf_iterator<char>(in)),
                               std::istreambuf_iterator<char>());
        ASSERT_FALSE(text.empty()) << name;
        for (std::size_t cut = 0; cut < text.size(); ++cut)
            attempt(text.substr(0, cut));
    }
    std::ifstream in(data("chromium-excerpt.json"));
    const std::string chromium((std::istreambuf_iterator<char>(in)),
                               std::istreambuf_iterator<char>());
    std::mt19937 random(2026);
    for (int i = 0; i < 150; ++i) {
        attempt(chromium.substr(0, random() % chromium.size()));
        std::string damaged = chromium;
        for (int flips = 0; flips < 4; ++flips)
            damaged[random() % damaged.size()] = "{}[]\",:0-e\\"[random() % 11];
        attempt(damaged);
    }
    EXPECT_GT(loaded, 0u); // cuts of a bare array load (the array is closed for them)
    EXPECT_GT(rejected, 0u);
}
