#pragma once

namespace interleave {

class Scenario;

/// One accessor per scenario; the registry lists them in display order.
const Scenario& threadsInterleavedScenario();
const Scenario& gilCpuThreadsScenario();
const Scenario& freeThreadedCpuThreadsScenario();
const Scenario& cpuProcessesScenario();
const Scenario& processDoublerScenario();
const Scenario& poolMapScenario();
const Scenario& poolApplyScenario();
const Scenario& queueSentinelScenario();
const Scenario& pipeScenario();
const Scenario& processQueueScenario();
const Scenario& sharedValueRaceScenario();
const Scenario& lockSerializedThreadsScenario();
const Scenario& threadPoolIoScenario();
const Scenario& processLockPrintScenario();
const Scenario& threadRaceCounterScenario();
const Scenario& queueWorkerThreadsScenario();
const Scenario& cpuCountProcessesScenario();
const Scenario& startCostScenario();

} // namespace interleave
