#pragma once

#include "runtime/recorder.h"
#include "shm/sharedsegment.h"

#include <cstdint>
#include <sys/types.h>

/// How a process lane's process ended, recorded by whoever reaped it: the recording process for
/// the programs it started, a traced interpreter for the children it waited for.
namespace interleave {

/// Records WorkerExit (exit code, or the signal; Killed when `killedByUs`) for the process lane
/// in `slot`, on `recorder`'s ring, and marks the slot Exited or Crashed. Returns the signal
/// that killed it, 0 after a normal exit.
int recordProcessFate(SharedSegment& segment, Recorder& recorder, std::uint32_t slot, pid_t pid,
                      int waitStatus, bool killedByUs);

/// Ends the lanes of `pid`'s threads that were still running when it ended: cancelled after a
/// normal exit (daemon threads vanish with their process), dead of `signal` after a crash.
void endThreadLanesOf(SharedSegment& segment, Recorder& recorder, pid_t pid, int signal);

/// Kills every process lane's process not yet reaped (the descendants of a program that has
/// ended, wherever they went: another session, another process group) and records each as
/// ended by the run.
void killLiveProcesses(SharedSegment& segment, Recorder& recorder);

/// The newest process lane of `pid`, reaped or not, or 0.
std::uint32_t processSlotOf(const SharedSegment& segment, pid_t pid);

/// The process lane (kind Process) of `pid` not yet reaped, or 0.
std::uint32_t liveProcessSlotOf(const SharedSegment& segment, pid_t pid);

} // namespace interleave
