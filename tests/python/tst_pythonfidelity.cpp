/// How close the re-enactment is to the real interpreter: each lesson both share, run as the
/// C++ scenario and as the project's Python program traced with CPython, on the same machine
/// one after the other, within the tolerances the README's fidelity table states. The figures
/// are printed (and recorded as test properties), which is how the table was filled.
#include "tracedprogram.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <gtest/gtest.h>
#include <iostream>
#include <regex>
#include <thread>

namespace interleave::test {
namespace {

double resultReal(const TraceStore& trace, const std::string& name)
{
    const auto* value = trace.results.find(name);
    if (value == nullptr)
        return -1;
    if (const auto* real = std::get_if<double>(value))
        return *real;
    if (const auto* integer = std::get_if<std::int64_t>(value))
        return double(*integer);
    return -1;
}

double printed(const TracedProgram& run, const std::string& pattern)
{
    std::smatch match;
    return std::regex_search(run.out, match, std::regex(pattern)) ? std::stod(match[1]) : -1.0;
}

void report(const std::string& what, double reenacted, double traced)
{
    std::cout << "fidelity: " << what << ": re-enacted " << reenacted << ", traced " << traced
              << '\n';
    ::testing::Test::RecordProperty(what + " re-enacted", std::to_string(reenacted));
    ::testing::Test::RecordProperty(what + " traced", std::to_string(traced));
}

bool within(double reenacted, double traced, double tolerance)
{
    return reenacted > 0 && traced > 0 && traced <= reenacted * (1 + tolerance) &&
           traced >= reenacted / (1 + tolerance);
}

/// Ratios of the parallel phase to one call alone, 3 workers: the two must agree within 35 %
/// (the README's tolerance), in one of three tries on a shared machine.
TEST(PythonFidelity, CpuThreadsAndProcessesScaleAsInTheReenactment)
{
    std::string seen;
    for (int attempt = 0; attempt < 3; ++attempt) {
        const TracedProgram gilScenario =
            runScenario("gil-cpu-threads", {"workload=bytecode", "workers=3"});
        const TracedProgram gilProgram =
            traceProgram("cpu_processes.py", {"threads", "3", "20000000"});
        const TracedProgram processScenario =
            runScenario("cpu-processes", {"workload=bytecode", "workers=3"});
        const TracedProgram processProgram =
            traceProgram("cpu_processes.py", {"processes", "3", "20000000"});
        ASSERT_TRUE(gilScenario.trace && processScenario.trace) << gilScenario.err;
        ASSERT_EQ(gilProgram.exitStatus, 0) << gilProgram.err;
        ASSERT_EQ(processProgram.exitStatus, 0) << processProgram.err;
        const double gilReenacted = resultReal(*gilScenario.trace, "ratio");
        const double gilTraced = printed(gilProgram, "ratio ([0-9.]+)");
        const double processReenacted = resultReal(*processScenario.trace, "ratio");
        const double processTraced = printed(processProgram, "ratio ([0-9.]+)");
        report("3 CPU threads under the GIL, ratio", gilReenacted, gilTraced);
        report("3 CPU processes, ratio", processReenacted, processTraced);
        if (within(gilReenacted, gilTraced, 0.35) && within(processReenacted, processTraced, 0.35))
            return;
        seen += "threads " + std::to_string(gilReenacted) + " vs " + std::to_string(gilTraced) +
                ", processes " + std::to_string(processReenacted) + " vs " +
                std::to_string(processTraced) + "\n";
    }
    ADD_FAILURE() << "re-enactment and real interpreter disagree:\n" << seen;
}

/// The race, shaped as the scenario is (sleep 10 ms, then val.value += 1): both lose updates
/// in at least 2 of 3 runs, the re-enactment at least as many as CPython in the median (it
/// widens the window between read and write on purpose, see the README), neither with the lock.
TEST(PythonFidelity, TheValueRaceLosesUpdatesInBothAndNoneWithTheLock)
{
    std::vector<double> reenacted, traced;
    // CPython's val.value += 1 leaves a window of a few microseconds: on a 2-core VM the real
    // program lost 0, 1 and 0 of 500 in one series of three, 9 in another. Five runs, and the
    // traced program must lose some in all of them together; the re-enactment (its window
    // widened on purpose, see the README) loses some in every run.
    for (int run = 0; run < 5; ++run) {
        const TracedProgram scenario = runScenario("shared-value-race", {"lock=false"});
        const TracedProgram program = traceProgram("value_race.py", {"sleepfirst", "10", "50"});
        ASSERT_TRUE(scenario.trace && program.trace) << scenario.err << program.err;
        reenacted.push_back(resultReal(*scenario.trace, "lost_updates"));
        traced.push_back(resultReal(*program.trace, "lost_updates"));
        report("Value race, lost of 500", reenacted.back(), traced.back());
    }
    const auto losing = [](const std::vector<double>& lost) {
        return std::count_if(lost.begin(), lost.end(), [](double n) { return n > 0; });
    };
    EXPECT_EQ(losing(reenacted), 5);
    EXPECT_GE(losing(traced), 1);
    std::sort(reenacted.begin(), reenacted.end());
    std::sort(traced.begin(), traced.end());
    EXPECT_GE(reenacted[2], traced[2]);

    const TracedProgram lockedScenario = runScenario("shared-value-race", {"lock=true"});
    const TracedProgram lockedProgram = traceProgram("value_race.py", {"lock", "10", "50"});
    EXPECT_EQ(resultReal(*lockedScenario.trace, "lost_updates"), 0);
    EXPECT_EQ(resultReal(*lockedProgram.trace, "lost_updates"), 0);
}

/// What the untraced interpreter printed for a lesson program.
std::string runUntraced(const std::string& script, const std::string& arguments)
{
    const std::string command =
        std::string(INTERLEAVE_PYTHON) + " " + lessonPath(script) + " " + arguments;
    std::string output;
    if (FILE* pipe = popen(command.c_str(), "r")) {
        char buffer[512];
        while (std::fgets(buffer, sizeof buffer, pipe) != nullptr)
            output += buffer;
        pclose(pipe);
    }
    return output;
}

/// P(X >= k) for X ~ Binomial(n, p).
double binomialAtLeast(int n, int k, double p)
{
    double total = 0;
    for (int i = std::max(k, 0); i <= n; ++i)
        total += std::exp(std::lgamma(n + 1.0) - std::lgamma(i + 1.0) - std::lgamma(n - i + 1.0) +
                          i * std::log(p) + (n - i) * std::log1p(-p));
    return total;
}

/// Tracing must not change how often the race happens: the traced Value's accessor has the
/// shape of CPython's own, so the time between a read and its write stays as wide. (A C accessor once
/// narrowed it: the traced race lost a third of what the untraced one lost.)
TEST(PythonFidelity, TheTracedRaceLosesAboutAsManyUpdatesAsTheUntracedOne)
{
    constexpr int kRuns = 5;
    double untraced = 0, traced = 0;
    const std::regex final("value ([0-9]+) of 500");
    for (int run = 0; run < kRuns; ++run) {
        std::smatch match;
        const std::string plain = runUntraced("value_race.py", "sleepfirst 10 50");
        ASSERT_TRUE(std::regex_search(plain, match, final)) << plain;
        untraced += 500 - std::stod(match[1]);
        const TracedProgram program = traceProgram("value_race.py", {"sleepfirst", "10", "50"});
        ASSERT_TRUE(std::regex_search(program.out, match, final)) << program.out;
        traced += 500 - std::stod(match[1]);
    }
    std::cout << "fidelity: Value race, lost of 2500: untraced " << untraced << ", traced "
              << traced << '\n';
    // Few updates are lost either way (a handful per run). Fewer traced than untraced is the
    // way the tracer once went wrong (9 against 38): that bound stays as it was.
    EXPECT_GE(traced, untraced / 2.5 - 2) << "tracing made the race rarer";
    // More traced than untraced: the counts are small and Poisson-like, and a fixed bound on
    // their ratio failed by chance (14 against 2). Each lost update is traced or untraced; if
    // tracing made the race 3 times as likely, the traced share of all losses would be 3/4.
    // Fail only if even that makes the traced count very unlikely (p < 0.01).
    EXPECT_GT(binomialAtLeast(int(traced + untraced), int(traced), 3.0 / 4.0), 0.01)
        << "tracing made the race more likely";
}

/// The waits (ms) the scenario drew for its tasks, in the order one worker ran them.
std::vector<std::string> waitsOf(const TraceStore& trace)
{
    std::vector<std::pair<std::uint64_t, std::uint64_t>> sleeps; // start, requested ns
    for (std::size_t id = 0; id < trace.laneCount(); ++id) {
        for (const Event& e : eventsOf(trace.lane(id), EventKind::SleepBegin))
            sleeps.emplace_back(e.tNs, e.a);
    }
    std::sort(sleeps.begin(), sleeps.end());
    std::vector<std::string> waits;
    for (const auto& sleep : sleeps)
        waits.push_back(std::to_string(double(sleep.second) / 1e6));
    return waits;
}

/// Pool sizes: the scenario's ten waits (100 ms on average), then the same waits in the
/// program's ThreadPoolExecutor, with 1, 4 and 8 workers: elapsed times within 25 %.
TEST(PythonFidelity, PoolSizesTakeAsLongAsInTheReenactment)
{
    const std::vector<std::string> common{"tasks=10", "mean_latency_ms=100", "seed=7"};
    auto withSize = [&](const std::string& size) {
        std::vector<std::string> assignments = common;
        assignments.push_back("pool_size=" + size);
        return assignments;
    };
    const TracedProgram one = runScenario("thread-pool-io", withSize("1"));
    ASSERT_TRUE(one.trace) << one.err;
    const std::vector<std::string> waits = waitsOf(*one.trace);
    ASSERT_EQ(waits.size(), 10u);
    std::string seen;
    for (int attempt = 0; attempt < 3; ++attempt) {
        bool close = true;
        for (const std::string size : {"1", "4", "8"}) {
            const TracedProgram scenario = runScenario("thread-pool-io", withSize(size));
            std::vector<std::string> arguments{size};
            arguments.insert(arguments.end(), waits.begin(), waits.end());
            const TracedProgram program = traceProgram("pool_sleep.py", arguments);
            ASSERT_TRUE(scenario.trace) << scenario.err;
            ASSERT_EQ(program.exitStatus, 0) << program.err;
            const double reenacted = resultReal(*scenario.trace, "elapsed_ns") / 1e9;
            const double traced = printed(program, "pages in ([0-9.]+) s");
            report("pool of " + size + ", seconds", reenacted, traced);
            close = close && within(reenacted, traced, 0.25);
            seen +=
                size + ": " + std::to_string(reenacted) + " vs " + std::to_string(traced) + "\n";
        }
        if (close)
            return;
    }
    ADD_FAILURE() << "pool times disagree:\n" << seen;
}

} // namespace
} // namespace interleave::test
