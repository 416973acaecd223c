#pragma once

#include "base/event.h"

#include <cstdint>
#include <string>

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

/// Starts workers for a context. The recording engine implements it in the parent process;
/// a worker process has none (multiprocessing children here do not start workers of their own).
class WorkerLauncher {
public:
    virtual ~WorkerLauncher() = default;
    virtual WorkerHandle startThread(WorkerContext& parent, const WorkerRequest& request) = 0;
    virtual WorkerHandle startProcess(WorkerContext& parent, const WorkerRequest& request) = 0;
};

} // namespace interleave
