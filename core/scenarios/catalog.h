#pragma once

namespace interleave {

class Scenario;

/// One accessor per scenario; the registry lists them in display order.
const Scenario& gilCpuThreadsScenario();
const Scenario& freeThreadedCpuThreadsScenario();
const Scenario& cpuProcessesScenario();
const Scenario& sharedValueRaceScenario();
const Scenario& queueSentinelScenario();

} // namespace interleave
