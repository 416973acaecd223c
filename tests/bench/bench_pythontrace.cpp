/// What tracing costs a real Python program: the same script run by the same interpreter,
/// once plainly and once under the tracer (the path `interleave trace` takes). The scripts
/// measure themselves and print their figure; traced, the figure is read from the trace.
///
///   build/dev/bin/bench_pythontrace --benchmark_repetitions=5 --benchmark_report_aggregates_only
#include "engine/run.h"
#include "python/pythonprogram.h"
#include "trace/tracestore.h"

#include <benchmark/benchmark.h>
#include <cstdio>
#include <sstream>
#include <string>

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

void measure(benchmark::State& state, const std::string& script,
             const std::vector<std::string>& arguments, const char* counter)
{
    const bool traced = state.range(0) != 0;
    double total = 0;
    for (auto _ : state) {
        const double figure = traced ? runTraced(script, arguments) : runPlain(script, arguments);
        if (figure <= 0) {
            state.SkipWithError("the script printed no figure");
            return;
        }
        total += figure;
    }
    state.counters[counter] = total / double(state.iterations());
    state.SetLabel(traced ? "traced" : "untraced");
}

void lockPair(benchmark::State& state)
{
    measure(state, "bench_calls.py", {"lock"}, "ns_per_pair");
}

void queuePair(benchmark::State& state)
{
    measure(state, "bench_calls.py", {"queue"}, "ns_per_pair");
}

void mpQueuePair(benchmark::State& state)
{
    measure(state, "bench_calls.py", {"mpqueue", "20000"}, "ns_per_pair");
}

void valuePair(benchmark::State& state)
{
    measure(state, "bench_calls.py", {"value", "100000"}, "ns_per_pair");
}

void cpuLoop(benchmark::State& state)
{
    measure(state, "bench_cpu.py", {std::to_string(state.range(1))}, "wall_s");
}

} // namespace

BENCHMARK(lockPair)->ArgName("traced")->Arg(0)->Arg(1)->Iterations(3)->Unit(
    benchmark::kMillisecond);
BENCHMARK(queuePair)->ArgName("traced")->Arg(0)->Arg(1)->Iterations(3)->Unit(
    benchmark::kMillisecond);
BENCHMARK(mpQueuePair)->ArgName("traced")->Arg(0)->Arg(1)->Iterations(3)->Unit(
    benchmark::kMillisecond);
BENCHMARK(valuePair)->ArgName("traced")->Arg(0)->Arg(1)->Iterations(3)->Unit(
    benchmark::kMillisecond);
BENCHMARK(cpuLoop)
    ->ArgNames({"traced", "threads"})
    ->Args({0, 1})
    ->Args({0, 3})
    ->Args({1, 1})
    ->Args({1, 3})
    ->Iterations(3)
    ->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
