#include "runtime/tracedmutex.h"

#include "runtime/robustmutex.h"
#include "runtime/workercontext.h"

#include <new>

namespace interleave {

TracedMutex::TracedMutex(WorkerContext& context, std::uint16_t id)
    : m_context(&context)
    , m_id(id)
    , m_state(reinterpret_cast<MutexState*>(context.segment().object(id).storage))
{
}

TracedMutex TracedMutex::create(WorkerContext& context, std::string_view name, bool processShared)
{
    const std::uint16_t id = context.createObject(ObjectKind::Mutex, name, processShared);
    ObjectSlot& object = context.segment().object(id);
    auto* state = new (object.storage) MutexState{};
    initialiseMutex(&state->mutex, processShared);
    object.ready.store(1, std::memory_order_release);
    return TracedMutex(context, id);
}

TracedMutex TracedMutex::find(WorkerContext& context, std::string_view name)
{
    return TracedMutex(context, context.findObject(ObjectKind::Mutex, name));
}

void TracedMutex::acquire()
{
    Recorder& recorder = m_context->recorder();
    recorder.record(EventKind::LockRequest, m_id);
    LockResult result = tryLockMutex(&m_state->mutex);
    const bool contended = !result.acquired;
    if (contended) {
        // CPython tries without blocking first and only then lets other threads run.
        m_context->releaseGil();
        result = lockMutexCancellable(&m_state->mutex, m_context->cancel());
    }
    const std::uint32_t previous = m_state->lastHolder.load(std::memory_order_relaxed);
    m_state->holder.store(recorder.worker() + 1u, std::memory_order_relaxed);
    std::uint8_t flags = contended ? std::uint8_t(LockContended) : std::uint8_t(0);
    if (result.ownerDied)
        flags |= LockOwnerDied;
    recorder.record(EventKind::LockAcquire, m_id, previous, 0, flags);
    if (contended)
        m_context->reacquireGil();
}

void TracedMutex::release()
{
    Recorder& recorder = m_context->recorder();
    m_state->holder.store(0, std::memory_order_relaxed);
    m_state->lastHolder.store(recorder.worker() + 1u, std::memory_order_relaxed);
    // Recorded before unlocking: the release is stamped before the acquire it enables.
    recorder.record(EventKind::LockRelease, m_id);
    pthread_mutex_unlock(&m_state->mutex);
}

} // namespace interleave
