#include "runtime/workerpool.h"

#include "runtime/workercontext.h"

namespace interleave {

namespace {
/// The tag of the item that tells a worker to leave.
constexpr std::int64_t kStop = -1;
constexpr std::uint32_t kQueueCapacity = 4096;

std::string tasksName(std::string_view pool)
{
    return std::string(pool) + ".tasks";
}

std::string resultsName(std::string_view pool)
{
    return std::string(pool) + ".results";
}
} // namespace

WorkerPool::WorkerPool(WorkerContext& owner, std::string_view name, int size, Kind kind,
                       std::string_view role)
    : m_owner(owner)
    , m_tasks(TracedQueue::create(owner, tasksName(name), kQueueCapacity, kind == Kind::Processes))
    , m_results(
          TracedQueue::create(owner, resultsName(name), kQueueCapacity, kind == Kind::Processes))
{
    const std::string prefix = kind == Kind::Processes ? "PoolWorker-" : "ThreadPoolWorker-";
    for (int i = 1; i <= size; ++i) {
        const std::string worker = prefix + std::to_string(i);
        m_workers.push_back(kind == Kind::Processes ? owner.startProcess(worker, role, i)
                                                    : owner.startThread(worker, role, i));
    }
}

std::vector<std::int64_t> WorkerPool::map(const std::vector<std::int64_t>& inputs)
{
    const std::int64_t first = m_nextTask;
    for (const std::int64_t input : inputs)
        m_tasks.put(input, {}, m_nextTask++);
    std::vector<std::int64_t> results(inputs.size());
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        const QueueMessage message = m_results.get();
        results[std::size_t(message.tag - first)] = message.value;
    }
    return results;
}

std::int64_t WorkerPool::apply(std::int64_t input)
{
    m_tasks.put(input, {}, m_nextTask++);
    return m_results.get().value;
}

void WorkerPool::close()
{
    if (m_closed)
        return;
    m_closed = true;
    for (std::size_t i = 0; i < m_workers.size(); ++i)
        m_tasks.put(0, {}, kStop);
    for (const WorkerHandle& worker : m_workers)
        m_owner.join(worker);
}

void WorkerPool::serve(WorkerContext& worker, std::string_view name, const Task& task)
{
    TracedQueue tasks = TracedQueue::find(worker, tasksName(name));
    TracedQueue results = TracedQueue::find(worker, resultsName(name));
    for (;;) {
        const QueueMessage message = tasks.get();
        if (message.tag == kStop)
            return;
        worker.recorder().record(EventKind::TaskBegin, tasks.id(), std::uint64_t(message.tag),
                                 std::uint64_t(message.value));
        const std::int64_t result = task(worker, message.value);
        worker.recorder().record(EventKind::TaskEnd, tasks.id(), std::uint64_t(message.tag),
                                 std::uint64_t(result));
        results.put(result, {}, message.tag);
    }
}

} // namespace interleave
