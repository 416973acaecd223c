// Chrome Trace Event JSON import speed (simdjson on-demand), on a synthetic file shaped like a
// browser trace: nested B/E and X slices with args, instants, counters and metadata.
//   build/dev/bin/bench_import --benchmark_repetitions=5 --benchmark_report_aggregates_only
// The same file for other tools (tests/bench/tracy_side_by_side.sh):
//   build/dev/bin/bench_import --write-json OUT.json [MEGABYTES]
#include "format/chromeimport.h"
#include "trace/tracestore.h"

#include <benchmark/benchmark.h>
#include <cstdio>
#include <fstream>
#include <random>
#include <string>

using namespace interleave;

namespace {

/// About `megabytes` of trace JSON over 16 threads in 4 processes.
std::string makeChromeJson(std::size_t megabytes)
{
    std::mt19937_64 random(42);
    std::string out = "{\"traceEvents\":[\n";
    out.reserve(megabytes << 20);
    for (int pid = 1; pid <= 4; ++pid) {
        out += "{\"ph\":\"M\",\"name\":\"process_name\",\"pid\":" + std::to_string(pid) +
               ",\"args\":{\"name\":\"Process " + std::to_string(pid) + "\"}},\n";
        for (int tid = 0; tid < 4; ++tid)
            out += "{\"ph\":\"M\",\"name\":\"thread_name\",\"pid\":" + std::to_string(pid) +
                   ",\"tid\":" + std::to_string(pid * 100 + tid) + ",\"args\":{\"name\":\"Worker " +
                   std::to_string(tid) + "\"}},\n";
    }
    const char* names[] = {"RunTask",
                           "Layout",
                           "Paint",
                           "v8.compile",
                           "ThreadControllerImpl::RunTask",
                           "MessageLoop::RunTask",
                           "GPUTask",
                           "Decode"};
    double ts = 1'700'000'000'000.0; // epoch microseconds, as Chrome writes them
    while (out.size() < (megabytes << 20)) {
        const int pid = 1 + int(random() % 4);
        const int tid = pid * 100 + int(random() % 4);
        const std::string where =
            ",\"pid\":" + std::to_string(pid) + ",\"tid\":" + std::to_string(tid);
        ts += double(random() % 4000) / 100.0;
        const char* name = names[random() % 8];
        switch (random() % 10) {
        case 0:
            out += "{\"ph\":\"B\",\"cat\":\"toplevel\",\"name\":\"" + std::string(name) + "\"" +
                   where + ",\"ts\":" + std::to_string(ts) + "},\n{\"ph\":\"E\"" + where +
                   ",\"ts\":" + std::to_string(ts + 12.5) + "},\n";
            break;
        case 1:
            out += "{\"ph\":\"C\",\"name\":\"memory\",\"pid\":" + std::to_string(pid) +
                   ",\"ts\":" + std::to_string(ts) +
                   ",\"args\":{\"used\":" + std::to_string(random() % 100000) + "}},\n";
            break;
        case 2:
            out += "{\"ph\":\"i\",\"s\":\"t\",\"name\":\"mark\"" + where +
                   ",\"ts\":" + std::to_string(ts) + "},\n";
            break;
        default:
            out += "{\"ph\":\"X\",\"cat\":\"disabled-by-default-devtools.timeline\",\"name\":\"" +
                   std::string(name) + "\"" + where + ",\"ts\":" + std::to_string(ts) +
                   ",\"dur\":" + std::to_string(double(random() % 2000) / 10.0) +
                   ",\"tts\":123456,\"args\":{\"src_file\":\"../../base/task/sequence_manager.cc\","
                   "\"src_func\":\"PostTask\"}},\n";
        }
    }
    out += "{\"ph\":\"i\",\"s\":\"g\",\"name\":\"end\",\"pid\":1,\"tid\":100,\"ts\":" +
           std::to_string(ts) + "}\n]}\n";
    return out;
}

/// Reading the file (from the page cache) and parsing it, as opening it in the app does.
void BM_ChromeJsonImport(benchmark::State& state)
{
    static const std::string json = makeChromeJson(std::size_t(state.range(0)));
    const std::string path = "/tmp/interleave-bench-import.json";
    std::ofstream(path, std::ios::binary) << json;
    std::size_t slices = 0;
    for (auto _ : state) {
        const auto trace = loadChromeJson(path);
        slices = 0;
        for (std::size_t i = 0; i < trace->laneCount(); ++i)
            slices += trace->lane(i).slices.sliceCount();
        benchmark::DoNotOptimize(slices);
    }
    std::remove(path.c_str());
    state.SetBytesProcessed(std::int64_t(state.iterations()) * std::int64_t(json.size()));
    state.counters["megabytes"] = double(json.size()) / 1e6;
    state.counters["slices"] = double(slices);
}
BENCHMARK(BM_ChromeJsonImport)->Arg(200)->Unit(benchmark::kMillisecond)->UseRealTime();

} // namespace

int main(int argc, char** argv)
{
    if (argc >= 3 && std::string(argv[1]) == "--write-json") {
        const std::size_t megabytes = argc >= 4 ? std::size_t(std::stoul(argv[3])) : 200;
        std::ofstream out(argv[2], std::ios::binary);
        out << makeChromeJson(megabytes);
        return out.good() ? 0 : 1;
    }
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
