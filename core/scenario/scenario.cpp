#include "scenario/scenario.h"

#include "base/errors.h"

namespace interleave {

const char* scenarioGroupName(ScenarioGroup group)
{
    switch (group) {
    case ScenarioGroup::Threads: return "Threads";
    case ScenarioGroup::Processes: return "Processes";
    case ScenarioGroup::LocksAndRaces: return "Locks & races";
    case ScenarioGroup::QueuesAndPipes: return "Queues & pipes";
    case ScenarioGroup::Pools: return "Pools";
    case ScenarioGroup::Gil: return "GIL";
    case ScenarioGroup::Python: return "Python (real interpreter)";
    }
    return "Other";
}

bool Scenario::usesGil(const ParameterValues&) const
{
    return true;
}

std::uint32_t Scenario::switchIntervalUs(const ParameterValues& parameters) const
{
    if (parameters.contains("switch_interval_ms"))
        return std::uint32_t(parameters.real("switch_interval_ms") * 1000.0);
    return 5000;
}

void unknownRole(const Scenario& scenario, std::string_view role)
{
    throw UsageError("scenario '" + scenario.info().id + "' has no role '" + std::string(role) +
                     "'");
}

ParameterSpec timeScaleParameter()
{
    return ParameterSpec::real("time_scale", "Time scale", 1.0, 0.001, 10.0,
                               "Multiplies every sleep and simulated I/O wait (smaller is faster).",
                               "×");
}

} // namespace interleave
