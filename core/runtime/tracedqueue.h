#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace interleave {

class WorkerContext;
struct QueueState;
struct QueueItem;

/// One item taken from a queue.
struct QueueMessage {
    std::int64_t value = 0;
    std::string text;
    std::uint32_t sequence = 0; ///< Order in which it was put (1-based), to match put -> get.
    std::int64_t tag = 0;       ///< What the putter labelled it with.
};

/// queue.Queue / multiprocessing.Queue: a bounded FIFO in the shared segment. Every put and get
/// records the queue depth after it, and blocking put / get / join record when they start to
/// wait. Items are numbers with optional text.
class TracedQueue {
public:
    static TracedQueue create(WorkerContext& context, std::string_view name, std::uint32_t capacity,
                              bool processShared);
    static TracedQueue find(WorkerContext& context, std::string_view name);

    void put(std::int64_t value, std::string_view text = {}, std::int64_t tag = 0);
    QueueMessage get();
    /// Queue.task_done(): one fewer unfinished item.
    void taskDone();
    /// Queue.join(): waits until every item put has been marked done.
    void join();

    std::uint16_t id() const { return m_id; }

private:
    TracedQueue(WorkerContext& context, std::uint16_t id);
    /// Locks the queue's mutex; lets other threads run if it has to wait for it.
    void lock();
    void unlock();
    QueueItem* items() const;

    WorkerContext* m_context;
    std::uint16_t m_id;
    QueueState* m_state;
};

} // namespace interleave
