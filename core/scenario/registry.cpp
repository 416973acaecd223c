#include "scenario/registry.h"

#include "base/errors.h"
#include "python/pythonlessons.h"
#include "scenarios/catalog.h"

namespace interleave {

const std::vector<const Scenario*>& allScenarios()
{
    // An explicit list: a static library would silently drop self-registering objects.
    static const std::vector<const Scenario*> scenarios{
        &threadsInterleavedScenario(),
        &gilCpuThreadsScenario(),
        &freeThreadedCpuThreadsScenario(),
        &cpuProcessesScenario(),
        &processDoublerScenario(),
        &poolMapScenario(),
        &poolApplyScenario(),
        &queueSentinelScenario(),
        &pipeScenario(),
        &processQueueScenario(),
        &sharedValueRaceScenario(),
        &lockSerializedThreadsScenario(),
        &threadPoolIoScenario(),
        &processLockPrintScenario(),
        &threadRaceCounterScenario(),
        &queueWorkerThreadsScenario(),
        &cpuCountProcessesScenario(),
        &startCostScenario(),
        &pythonGilThreadsLesson(),
        &pythonSleepingThreadsLesson(),
        &pythonLostUpdateLesson(),
        &pythonLockHolderLesson(),
        &pythonQueueWorkersLesson(),
        &pythonThreadPoolLesson(),
        &pythonCpuProcessesLesson(),
        &pythonValueRaceLesson(),
        &pythonQueueSentinelLesson(),
        &pythonPipeLesson(),
        &pythonPoolTasksLesson(),
        &pythonKilledChildLesson(),
    };
    return scenarios;
}

const Scenario* findScenario(std::string_view id)
{
    for (const Scenario* scenario : allScenarios()) {
        if (scenario->info().id == id)
            return scenario;
    }
    return nullptr;
}

const Scenario& requireScenario(std::string_view id)
{
    if (const Scenario* scenario = findScenario(id))
        return *scenario;
    throw UsageError("unknown scenario '" + std::string(id) + "' (see 'interleave list')");
}

} // namespace interleave
