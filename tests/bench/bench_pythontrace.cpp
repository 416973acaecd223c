/// What tracing costs a real Python program: the same script run by the same interpreter,
/// plainly and under the tracer (the path `interleave trace` takes), by turns. The scripts
/// measure themselves and print their figure; traced, the figure is read from the trace.
///
///   build/dev/bin/bench_pythontrace
#include "engine/run.h"
#include "python/pythonprogram.h"
#include "trace/tracestore.h"

#include <algorithm>
#include <benchmark/benchmark.h>
#include <cstdio>
#include <sstream>
#include <string>
#include <vector>

namespace {

using namespace interleave;

const std::string kScripts = INTERLEAVE_BENCH_SCRIPTS;

/// The figure a script printed as "<label> <number>".
double figureIn(const std::string& output)
{
    std::istringstream lines(output);
    std::string label;
    double value = 0;
    lines >> label >> value;
    return value;
}

double runPlain(const std::string& script, const std::vector<std::string>& arguments)
{
    std::string command = std::string(INTERLEAVE_PYTHON) + " " + kScripts + "/" + script;
    for (const std::string& argument : arguments)
        command += " " + argument;
    FILE* pipe = popen(command.c_str(), "r");
    if (pipe == nullptr)
        return 0;
    char buffer[256] = {};
    const std::size_t n = fread(buffer, 1, sizeof buffer - 1, pipe);
    pclose(pipe);
    return figureIn(std::string(buffer, n));
}

double runTraced(const std::string& script, const std::vector<std::string>& arguments)
{
    PythonProgramSpec spec;
    spec.script = kScripts + "/" + script;
    spec.arguments = arguments;
    spec.interpreter = INTERLEAVE_PYTHON;
    spec.stdinFromNull = true;
    spec.outputToNull = true;
    const PythonProgram program(spec);
    RunConfig config;
    config.scenario = &program;
    config.parameters = program.runParameters();
    Run run(config);
    run.start();
    run.wait();
    const auto trace = run.trace();
    const ResultValue* last = trace->results.find("last_output");
    return last ? figureIn(std::get<std::string>(*last)) : 0;
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    const std::size_t middle = values.size() / 2;
    return values.size() % 2 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
}

/// One round per iteration: the script once plainly and once traced, the order swapped each
/// round. Reports both sides' medians and the median of the rounds' traced / untraced ratios:
/// on a shared machine whose speed drifts by 10-20 % from one minute to the next, a ratio
/// taken within a round is far steadier than two medians measured one after the other.
void pairedCost(benchmark::State& state, const std::string& script,
                const std::vector<std::string>& arguments, const std::string& unit)
{
    std::vector<double> plain, traced, ratios;
    bool tracedFirst = false;
    for (auto _ : state) {
        double untracedFigure = 0, tracedFigure = 0;
        if (tracedFirst) {
            tracedFigure = runTraced(script, arguments);
            untracedFigure = runPlain(script, arguments);
        } else {
            untracedFigure = runPlain(script, arguments);
            tracedFigure = runTraced(script, arguments);
        }
        tracedFirst = !tracedFirst;
        if (untracedFigure <= 0 || tracedFigure <= 0) {
            state.SkipWithError("the script printed no figure");
            return;
        }
        plain.push_back(untracedFigure);
        traced.push_back(tracedFigure);
        ratios.push_back(tracedFigure / untracedFigure);
    }
    state.counters["untraced_" + unit] = median(plain);
    state.counters["traced_" + unit] = median(traced);
    state.counters["added_pct"] = (median(ratios) - 1) * 100;
}

void lockPair(benchmark::State& state)
{
    pairedCost(state, "bench_calls.py", {"lock"}, "ns");
}

void queuePair(benchmark::State& state)
{
    pairedCost(state, "bench_calls.py", {"queue"}, "ns");
}

void mpQueuePair(benchmark::State& state)
{
    pairedCost(state, "bench_calls.py", {"mpqueue", "5000"}, "ns");
}

void valuePair(benchmark::State& state)
{
    pairedCost(state, "bench_calls.py", {"value", "100000"}, "ns");
}

void cpuLoop(benchmark::State& state)
{
    pairedCost(state, "bench_cpu.py", {std::to_string(state.range(0))}, "s");
}

} // namespace

// Figures per pair of calls (ns) or per run (s); `added_pct` is what tracing adds.
BENCHMARK(lockPair)->Iterations(8)->Unit(benchmark::kMillisecond);
BENCHMARK(queuePair)->Iterations(8)->Unit(benchmark::kMillisecond);
BENCHMARK(mpQueuePair)->Iterations(8)->Unit(benchmark::kMillisecond);
BENCHMARK(valuePair)->Iterations(8)->Unit(benchmark::kMillisecond);
BENCHMARK(cpuLoop)->ArgName("threads")->Arg(1)->Arg(3)->Iterations(6)->Unit(
    benchmark::kMillisecond);

BENCHMARK_MAIN();
