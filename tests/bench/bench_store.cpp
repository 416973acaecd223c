// Memory per stored event, and .itrace save/load speed.
//   build/dev/tests/bench/bench_store --benchmark_repetitions=5 --benchmark_report_aggregates_only
#include "format/itracereader.h"
#include "format/itracewriter.h"
#include "trace/synthetictrace.h"
#include "trace/tracestore.h"

#include <benchmark/benchmark.h>

using namespace interleave;

namespace {

constexpr std::uint64_t kEvents = 10'000'000;

const std::shared_ptr<TraceStore>& bigTrace()
{
    static const auto trace = makeSyntheticTrace(SyntheticTraceSpec{kEvents, 8, 1, true});
    return trace;
}

/// Appending events as the collector does; reports heap bytes per stored event.
void BM_StoreAppend(benchmark::State& state)
{
    double eventBytes = 0, withSpans = 0;
    for (auto _ : state) {
        const auto trace = makeSyntheticTrace(SyntheticTraceSpec{1'000'000, 8, 2, true});
        eventBytes = double(trace->eventBytes()) / double(trace->eventCount());
        withSpans = double(trace->eventBytes() + trace->spanBytes()) / double(trace->eventCount());
    }
    state.SetItemsProcessed(std::int64_t(state.iterations()) * 1'000'000);
    state.counters["event_bytes_per_event"] = eventBytes;
    state.counters["with_spans_per_event"] = withSpans;
}
BENCHMARK(BM_StoreAppend)->Unit(benchmark::kMillisecond);

void BM_ItraceEncode(benchmark::State& state)
{
    const auto& trace = bigTrace();
    std::size_t size = 0;
    for (auto _ : state)
        size = encodeTrace(*trace).size();
    state.SetBytesProcessed(std::int64_t(state.iterations() * trace->eventCount() * sizeof(Event)));
    state.counters["file_bytes_per_event"] = double(size) / double(trace->eventCount());
}
BENCHMARK(BM_ItraceEncode)->Unit(benchmark::kMillisecond);

/// Decoding a 10-million-event file into a finalised trace (spans derived again). Throughput is
/// in event data: 32 bytes per event, the size of the recorded Event.
void BM_ItraceLoad(benchmark::State& state)
{
    const std::vector<std::uint8_t> bytes = encodeTrace(*bigTrace());
    for (auto _ : state) {
        const auto trace = decodeTrace(bytes.data(), bytes.size());
        benchmark::DoNotOptimize(trace->eventCount());
    }
    state.SetBytesProcessed(std::int64_t(state.iterations() * kEvents * sizeof(Event)));
    state.counters["file_MB"] = double(bytes.size()) / 1e6;
}
BENCHMARK(BM_ItraceLoad)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
