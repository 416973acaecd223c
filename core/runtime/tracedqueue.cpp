#include "runtime/tracedqueue.h"

#include "base/futex.h"
#include "runtime/robustmutex.h"
#include "runtime/workercontext.h"

#include <new>

namespace interleave {

namespace {
constexpr std::int64_t kWaitSliceNs = 50'000'000;
} // namespace

TracedQueue::TracedQueue(WorkerContext& context, std::uint16_t id)
    : m_context(&context)
    , m_id(id)
    , m_state(reinterpret_cast<QueueState*>(context.segment().object(id).storage))
{
}

TracedQueue TracedQueue::create(WorkerContext& context, std::string_view name,
                                std::uint32_t capacity, bool processShared)
{
    if (capacity == 0 || capacity > 65535)
        throw UsageError("queue capacity must be 1..65535");
    const std::uint16_t id = context.createObject(ObjectKind::Queue, name, processShared, capacity);
    ObjectSlot& object = context.segment().object(id);
    auto* state = new (object.storage) QueueState{};
    initialiseMutex(&state->mutex, processShared);
    state->capacity = capacity;
    state->itemsOffset = context.segment().allocateHeap(sizeof(QueueItem) * capacity);
    object.ready.store(1, std::memory_order_release);
    return TracedQueue(context, id);
}

TracedQueue TracedQueue::find(WorkerContext& context, std::string_view name)
{
    return TracedQueue(context, context.findObject(ObjectKind::Queue, name));
}

QueueItem* TracedQueue::items() const
{
    return static_cast<QueueItem*>(m_context->segment().heapAt(m_state->itemsOffset));
}

void TracedQueue::lock()
{
    if (tryLockMutex(&m_state->mutex).acquired)
        return;
    m_context->releaseGil();
    lockMutexCancellable(&m_state->mutex, m_context->cancel());
    m_context->reacquireGil();
}

void TracedQueue::unlock()
{
    pthread_mutex_unlock(&m_state->mutex);
}

void TracedQueue::put(std::int64_t value, std::string_view text, std::int64_t tag)
{
    const std::uint32_t textId = text.empty() ? 0 : m_context->segment().strings().intern(text);
    Recorder& recorder = m_context->recorder();
    bool waited = false;
    lock();
    while (m_state->count >= m_state->capacity) {
        const std::uint32_t seen = m_state->notFull.load(std::memory_order_acquire);
        unlock();
        if (!waited) {
            recorder.record(EventKind::QueuePutBegin, m_id);
            m_context->releaseGil();
            waited = true;
        }
        futexWait(&m_state->notFull, seen, kWaitSliceNs);
        m_context->cancel().throwIfRequested();
        lockMutexCancellable(&m_state->mutex, m_context->cancel());
    }
    const std::uint32_t slot = (m_state->head + m_state->count) % m_state->capacity;
    const std::uint32_t sequence = ++m_state->putSequence;
    items()[slot] = QueueItem{value, tag, sequence, textId};
    ++m_state->count;
    ++m_state->unfinished;
    const std::uint32_t depth = m_state->count;
    const std::uint64_t when = Clock::now();
    unlock();
    m_state->notEmpty.fetch_add(1, std::memory_order_release);
    futexWakeAll(&m_state->notEmpty);
    recorder.recordAt(when, EventKind::QueuePut, m_id, packQueuePayload(sequence, depth),
                      std::uint64_t(value));
    if (waited)
        m_context->reacquireGil();
}

QueueMessage TracedQueue::get()
{
    Recorder& recorder = m_context->recorder();
    bool waited = false;
    lock();
    while (m_state->count == 0) {
        const std::uint32_t seen = m_state->notEmpty.load(std::memory_order_acquire);
        unlock();
        if (!waited) {
            recorder.record(EventKind::QueueGetBegin, m_id);
            m_context->releaseGil();
            waited = true;
        }
        futexWait(&m_state->notEmpty, seen, kWaitSliceNs);
        m_context->cancel().throwIfRequested();
        lockMutexCancellable(&m_state->mutex, m_context->cancel());
    }
    const QueueItem item = items()[m_state->head];
    m_state->head = (m_state->head + 1) % m_state->capacity;
    --m_state->count;
    const std::uint32_t depth = m_state->count;
    const std::uint64_t when = Clock::now();
    unlock();
    m_state->notFull.fetch_add(1, std::memory_order_release);
    futexWakeAll(&m_state->notFull);
    recorder.recordAt(when, EventKind::QueueGet, m_id, packQueuePayload(item.sequence, depth),
                      std::uint64_t(item.value));
    if (waited)
        m_context->reacquireGil();
    return QueueMessage{item.value, std::string(m_context->segment().strings().lookup(item.text)),
                        item.sequence, item.tag};
}

void TracedQueue::taskDone()
{
    lock();
    if (m_state->unfinished == 0) {
        unlock();
        throw UsageError("task_done() called more times than there were items");
    }
    const std::uint32_t left = --m_state->unfinished;
    unlock();
    m_context->recorder().record(EventKind::QueueTaskDone, m_id, left);
    if (left == 0) {
        m_state->allDone.fetch_add(1, std::memory_order_release);
        futexWakeAll(&m_state->allDone);
    }
}

void TracedQueue::join()
{
    Recorder& recorder = m_context->recorder();
    recorder.record(EventKind::QueueJoinBegin, m_id);
    m_context->releaseGil();
    for (;;) {
        const std::uint32_t seen = m_state->allDone.load(std::memory_order_acquire);
        lockMutexCancellable(&m_state->mutex, m_context->cancel());
        const bool done = m_state->unfinished == 0;
        unlock();
        if (done)
            break;
        futexWait(&m_state->allDone, seen, kWaitSliceNs);
        m_context->cancel().throwIfRequested();
    }
    recorder.record(EventKind::QueueJoinEnd, m_id);
    m_context->reacquireGil();
}

} // namespace interleave
