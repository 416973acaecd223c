#pragma once

#include "runtime/tracedqueue.h"
#include "runtime/workerlauncher.h"

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace interleave {

class WorkerContext;

/// multiprocessing.Pool (worker processes) or multiprocessing.dummy.Pool (threads): long-lived
/// workers fed through a task queue, answering on a result queue, both in the shared segment.
/// Each task a worker runs is recorded as a TaskBegin / TaskEnd pair on its lane.
class WorkerPool {
public:
    enum class Kind { Threads, Processes };
    /// What a worker does with one task's input; returns the result.
    using Task = std::function<std::int64_t(WorkerContext& worker, std::int64_t input)>;

    /// Creates the queues and starts `size` workers running `role` (whose code must call
    /// serve() with the same pool name).
    WorkerPool(WorkerContext& owner, std::string_view name, int size, Kind kind,
               std::string_view role);

    /// Pool.map: submits every input, then collects the results in input order.
    std::vector<std::int64_t> map(const std::vector<std::int64_t>& inputs);
    /// Pool.apply: submits one task and blocks until its result is back.
    std::int64_t apply(std::int64_t input);
    /// Pool.close() then Pool.join(): tells every worker to stop and waits for it.
    void close();

    /// The worker side: runs tasks from the pool named `name` until told to stop.
    static void serve(WorkerContext& worker, std::string_view name, const Task& task);

    const std::vector<WorkerHandle>& workers() const { return m_workers; }

private:
    WorkerContext& m_owner;
    TracedQueue m_tasks;
    TracedQueue m_results;
    std::vector<WorkerHandle> m_workers;
    std::int64_t m_nextTask = 0;
    bool m_closed = false;
};

} // namespace interleave
