#include "cli/arguments.h"
#include "cli/commands.h"
#include "scenario/parameters.h"
#include "scenario/registry.h"

#include <iostream>

namespace interleave::cli {

namespace {

/// `list --parameters SCENARIO`: one line per parameter, name, default and what it does (for
/// people and for the bash completion, which takes the first word).
int listParameters(const std::string& id)
{
    const Scenario& scenario = requireScenario(id);
    std::size_t width = 0;
    for (const ParameterSpec& spec : scenario.info().parameters)
        width =
            std::max(width, spec.name.size() + 1 + formatParameterValue(spec.defaultValue).size());
    for (const ParameterSpec& spec : scenario.info().parameters) {
        const std::string assignment = spec.name + "=" + formatParameterValue(spec.defaultValue);
        std::cout << assignment << std::string(width + 2 - assignment.size(), ' ') << spec.help
                  << '\n';
    }
    return 0;
}

} // namespace

const CommandSpec& listSpec()
{
    static const CommandSpec spec{
        "list",
        "",
        "Lists the scenarios, one per line: the id to run and the lesson it shows.",
        {{{"parameters"},
          "SCENARIO",
          "List this scenario's parameters instead: name=default and what each does."}},
        {"interleave list", "interleave list --parameters shared-value-race"}};
    return spec;
}

int listCommand(const std::vector<std::string>& words)
{
    const Arguments args(listSpec(), words);
    args.expectPositionals(0);
    if (const auto scenario = args.value("--parameters"))
        return listParameters(*scenario);
    std::size_t width = 0;
    for (const Scenario* scenario : allScenarios())
        width = std::max(width, scenario->info().id.size());
    for (const Scenario* scenario : allScenarios()) {
        const ScenarioInfo& info = scenario->info();
        std::cout << info.id << std::string(width + 2 - info.id.size(), ' ') << info.summary
                  << '\n';
    }
    return 0;
}

} // namespace interleave::cli
