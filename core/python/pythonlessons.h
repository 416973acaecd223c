#pragma once

namespace interleave {

class Scenario;

/// The browser's "Python (real interpreter)" group: the project's lesson programs
/// (tests/data/python, shipped beside the binary) run through the tracer, next to the lessons
/// Interleave re-enacts in C++.
const Scenario& pythonGilThreadsLesson();
const Scenario& pythonSleepingThreadsLesson();
const Scenario& pythonLostUpdateLesson();
const Scenario& pythonLockHolderLesson();
const Scenario& pythonQueueWorkersLesson();
const Scenario& pythonThreadPoolLesson();
const Scenario& pythonCpuProcessesLesson();
const Scenario& pythonValueRaceLesson();
const Scenario& pythonQueueSentinelLesson();
const Scenario& pythonPipeLesson();
const Scenario& pythonPoolTasksLesson();
const Scenario& pythonKilledChildLesson();

} // namespace interleave
