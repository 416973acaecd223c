#include "cli/arguments.h"
#include "cli/commands.h"
#include "scenario/registry.h"

#include <iostream>

namespace interleave::cli {

int listCommand(const std::vector<std::string>& words)
{
    const Arguments args(words, {}, {});
    args.expectPositionals(0, "interleave list");
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
