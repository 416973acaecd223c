#include "cli/arguments.h"
#include "cli/commands.h"
#include "cli/interrupt.h"
#include "cli/pictureargs.h"
#include "cli/runreport.h"
#include "engine/run.h"
#include "format/itracewriter.h"
#include "scenario/registry.h"
#include "scenarios/cpuwork.h"
#include "trace/tracestore.h"

#include <atomic>
#include <chrono>
#include <iostream>
#include <mutex>

namespace interleave::cli {

int runCommand(const std::vector<std::string>& words)
{
    std::vector<std::string> valued = pictureValuedOptions();
    valued.insert(valued.end(), {"--set", "-o", "--output", "--export"});
    std::vector<std::string> flags = pictureFlags();
    flags.insert(flags.end(), {"--quiet", "-q"});
    const Arguments args(words, valued, flags);
    args.expectPositionals(
        1, "interleave run SCENARIO [--set key=value]... [-o FILE.itrace] [--export OUT.png]");
    const Scenario& scenario = requireScenario(args.positionals()[0]);
    std::vector<std::pair<std::string, std::string>> assignments;
    for (const std::string& text : args.values("--set"))
        assignments.push_back(splitAssignment(text));
    const ParameterValues parameters = resolveParameters(scenario.info().parameters, assignments);
    std::string output = args.value("-o").value_or(args.value("--output").value_or(""));
    if (output.empty())
        output = scenario.info().id + "-" + timestamp() + ".itrace";
    const bool quiet = args.flag("--quiet") || args.flag("-q");
    const std::optional<std::string> picture = args.value("--export");
    if (picture)
        requirePictureName(*picture);

    RunConfig config;
    config.scenario = &scenario;
    config.parameters = parameters;
    std::mutex printMutex;
    if (!quiet) {
        config.onOutput = [&printMutex](const Collector::PrintedLine& line) {
            std::lock_guard lock(printMutex);
            (line.error ? std::cerr : std::cout)
                << "  " << line.workerName << " | " << line.text << '\n';
        };
        std::cout << scenario.info().title << " (" << scenario.info().id << ")";
        for (const auto& [name, value] : parameters.assignments())
            std::cout << ' ' << name << '=' << value;
        std::cout << '\n';
    }

    Run run(config);
    const auto trace = runToTheEnd(run);
    reportAndSave(trace, output, picture, args);
    if (trace->run.outcome != "completed") {
        std::cerr << "interleave run: " << trace->run.outcome << ": " << trace->run.message << '\n';
        return 1;
    }
    return 0;
}

} // namespace interleave::cli
