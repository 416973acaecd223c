#pragma once

#include "base/event.h"

#include <cstdint>
#include <string>
#include <vector>

namespace interleave {

class WorkerContext;

/// A started worker, as the code that started it sees it.
struct WorkerHandle {
    std::uint16_t worker = kNoWorker;
    bool process = false;
};

/// What to start: a lane name, the scenario role it runs and that role's argument.
struct WorkerRequest {
    std::string name;
    std::string role;
    std::int64_t argument = 0;
    bool daemon = false; ///< Threads only: cancelled, not waited for, when the main lane ends.
};

/// A program of its own to run as a process lane (a Python interpreter running a script). It
/// records into the run's rings itself; the engine adds where to find them to its environment.
struct ProgramLaunch {
    std::vector<std::string> argv;        ///< argv[0]: the executable's path.
    std::vector<std::string> environment; ///< Complete, "NAME=value" each.
    std::string workingDirectory;         ///< Empty: the recording process's.
    bool stdinFromNull = false;           ///< Else it shares the recording process's stdin.
    bool outputToNull = false;            ///< Else stdout / stderr go where the recorder's go.
};

/// Starts workers for a context. The recording engine implements it in the parent process;
/// a worker process has none (multiprocessing children here do not start workers of their own).
class WorkerLauncher {
public:
    virtual ~WorkerLauncher() = default;
    virtual WorkerHandle startThread(WorkerContext& parent, const WorkerRequest& request) = 0;
    virtual WorkerHandle startProcess(WorkerContext& parent, const WorkerRequest& request) = 0;
    /// Starts `program` as a process lane in its own process group: at a stop it gets SIGINT
    /// first, and whatever it started is killed with it once it exits.
    virtual WorkerHandle startProgram(WorkerContext& parent, const WorkerRequest& request,
                                      const ProgramLaunch& program) = 0;
};

} // namespace interleave
