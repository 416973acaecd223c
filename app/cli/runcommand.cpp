#include "cli/arguments.h"
#include "cli/commands.h"
#include "engine/run.h"
#include "format/itracewriter.h"
#include "scenario/registry.h"
#include "scenarios/cpuwork.h"
#include "trace/tracestore.h"

#include <atomic>
#include <chrono>
#include <csignal>
#include <ctime>
#include <iostream>
#include <mutex>

namespace interleave::cli {

namespace {

volatile std::sig_atomic_t g_interrupted = 0;

void onInterrupt(int)
{
    g_interrupted = 1;
}

/// scenario-YYYYMMDD-HHMMSS.itrace in the current directory.
std::string defaultTracePath(const std::string& scenario)
{
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &local);
    return scenario + "-" + stamp + ".itrace";
}

} // namespace

int runCommand(const std::vector<std::string>& words)
{
    const Arguments args(words, {"--set", "-o", "--output"}, {"--quiet", "-q"});
    args.expectPositionals(1, "interleave run SCENARIO [--set key=value]... [-o FILE.itrace]");
    const Scenario& scenario = requireScenario(args.positionals()[0]);
    std::vector<std::pair<std::string, std::string>> assignments;
    for (const std::string& text : args.values("--set"))
        assignments.push_back(splitAssignment(text));
    const ParameterValues parameters = resolveParameters(scenario.info().parameters, assignments);
    std::string output = args.value("-o").value_or(args.value("--output").value_or(""));
    if (output.empty())
        output = defaultTracePath(scenario.info().id);
    const bool quiet = args.flag("--quiet") || args.flag("-q");

    RunConfig config;
    config.scenario = &scenario;
    config.parameters = parameters;
    std::mutex printMutex;
    if (!quiet) {
        config.onOutput = [&printMutex](const std::string& worker, const std::string& text,
                                        bool error) {
            std::lock_guard lock(printMutex);
            (error ? std::cerr : std::cout) << "  " << worker << " | " << text << '\n';
        };
        std::cout << scenario.info().title << " (" << scenario.info().id << ")";
        for (const auto& [name, value] : parameters.assignments())
            std::cout << ' ' << name << '=' << value;
        std::cout << '\n';
    }

    g_interrupted = 0;
    struct sigaction action {};
    action.sa_handler = onInterrupt;
    sigemptyset(&action.sa_mask);
    struct sigaction previousInt {
    }, previousTerm{};
    sigaction(SIGINT, &action, &previousInt);
    sigaction(SIGTERM, &action, &previousTerm);

    Run run(config);
    run.start();
    while (!run.waitFor(std::chrono::milliseconds(100))) {
        if (g_interrupted)
            run.requestStop();
    }
    sigaction(SIGINT, &previousInt, nullptr);
    sigaction(SIGTERM, &previousTerm, nullptr);

    const auto trace = run.trace();
    saveTrace(*trace, output);
    std::cout << "verdict: " << trace->results.verdict << '\n';
    std::cout << "trace: " << output << " (" << trace->eventCount() << " events, "
              << trace->rings.dropped << " dropped, "
              << cpuwork::formatDuration(trace->run.durationNs()) << ")\n";
    if (trace->run.outcome != "completed") {
        std::cerr << "interleave run: " << trace->run.outcome << ": " << trace->run.message << '\n';
        return 1;
    }
    return 0;
}

} // namespace interleave::cli
