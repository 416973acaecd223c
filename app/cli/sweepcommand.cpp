#include "base/errors.h"
#include "cli/arguments.h"
#include "cli/commands.h"
#include "cli/interrupt.h"
#include "engine/sweep.h"
#include "format/sweepformat.h"
#include "scenario/registry.h"
#include "scenarios/cpuwork.h"

#include <charconv>
#include <iostream>

namespace interleave::cli {

const CommandSpec& sweepSpec()
{
    static const CommandSpec spec{
        "sweep",
        "SCENARIO",
        "Runs a scenario once per value of one parameter and prints a table of elapsed time and "
        "speed-up.",
        {{{"param"}, "NAME=V1,V2,...", "The parameter to vary and its values (required)."},
         {{"repeat"}, "K", "Run each value K times, 1 to 100; medians are reported."},
         {{"set"}, "NAME=VALUE", "Fix another parameter (repeatable)."},
         {{"o", "output"}, "DIR", "Save every run's trace into DIR."},
         {{"json"}, "", "Print the table as JSON."}},
        {"interleave sweep pool-map --param processes=1,2,3,4 --repeat 3",
         "interleave sweep gil-cpu-threads --param workers=1,2,4 --json"}};
    return spec;
}

int sweepCommand(const std::vector<std::string>& words)
{
    const Arguments args(sweepSpec(), words);
    args.expectPositionals(1);
    const auto param = args.value("--param");
    if (!param)
        throw UsageError("--param NAME=V1,V2,... is needed (see 'interleave sweep --help')");
    const auto [name, list] = splitAssignment(*param);

    SweepRequest request;
    request.scenario = &requireScenario(args.positionals()[0]);
    request.parameter = name;
    request.values = splitValues(list);
    for (const std::string& text : args.values("--set"))
        request.assignments.push_back(splitAssignment(text));
    if (const auto repeat = args.value("--repeat")) {
        // The whole word must be the number: "1x" is not 1.
        int value = 0;
        const auto [end, error] =
            std::from_chars(repeat->data(), repeat->data() + repeat->size(), value);
        if (error != std::errc() || end != repeat->data() + repeat->size() || value < 1 ||
            value > 100)
            throw UsageError("--repeat needs a whole number from 1 to 100, got '" + *repeat + "'");
        request.repeat = value;
    }
    request.outputDirectory = args.value("-o").value_or(
        args.value("--output")
            .value_or("sweep-" + request.scenario->info().id + "-" + timestamp()));
    const bool json = args.flag("--json");

    InterruptGuard interrupt;
    request.cancel = interrupt.flag();

    const SweepResult sweep = runSweep(request, [json](const SweepRow& row, const SweepRun& run) {
        if (!json)
            std::cerr << "  " << row.valueText << ": " << cpuwork::formatDuration(run.elapsedNs)
                      << (run.outcome == "completed" ? "" : " (" + run.outcome + ")") << '\n';
    });

    if (json) {
        writeSweepJson(sweep, std::cout);
    } else {
        writeSweepTable(sweep, std::cout);
        std::cout << "traces: " << request.outputDirectory << "/\n";
    }
    if (!sweep.allCompleted()) {
        std::cerr << "interleave sweep: "
                  << (sweep.cancelled ? "stopped before the end" : "some runs did not complete")
                  << '\n';
        return 1;
    }
    return 0;
}

} // namespace interleave::cli
