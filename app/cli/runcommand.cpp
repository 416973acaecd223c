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

const CommandSpec& runSpec()
{
    static const CommandSpec spec = [] {
        CommandSpec s{"run",
                      "SCENARIO",
                      "Runs a scenario on real threads and processes, prints what its workers "
                      "print and its verdict, and saves the trace.",
                      {{{"set"},
                        "NAME=VALUE",
                        "Set a parameter (repeatable); 'interleave list --parameters SCENARIO' "
                        "names them."},
                       {{"o", "output"},
                        "FILE.itrace",
                        "Where to save the trace (default: SCENARIO-DATE-TIME.itrace)."},
                       {{"export"},
                        "OUT.png|OUT.svg|OUT.pdf",
                        "Also draw a picture of the run, with the picture options below."},
                       {{"q", "quiet"}, "", "Leave out the workers' output and the header."}},
                      {"interleave run shared-value-race --set lock=false -o race.itrace",
                       "interleave run gil-cpu-threads --set workers=4 --export gil.png --theme "
                       "lecture"}};
        for (const OptionSpec& option : pictureOptionSpecs())
            s.options.push_back(option);
        return s;
    }();
    return spec;
}

int runCommand(const std::vector<std::string>& words)
{
    const Arguments args(runSpec(), words);
    args.expectPositionals(1);
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
