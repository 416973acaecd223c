#include "runtime/sharedvalue.h"

#include "runtime/workercontext.h"

#include <new>

namespace interleave {

SharedValue::SharedValue(WorkerContext& context, std::uint16_t id)
    : m_context(&context)
    , m_id(id)
    , m_state(reinterpret_cast<ValueState*>(context.segment().object(id).storage))
{
}

SharedValue SharedValue::create(WorkerContext& context, std::string_view name, std::int64_t initial)
{
    const std::uint16_t id = context.createObject(ObjectKind::Value, name, true);
    ObjectSlot& object = context.segment().object(id);
    auto* state = new (object.storage) ValueState{};
    state->value.store(initial, std::memory_order_relaxed);
    object.ready.store(1, std::memory_order_release);
    return SharedValue(context, id);
}

SharedValue SharedValue::find(WorkerContext& context, std::string_view name)
{
    return SharedValue(context, context.findObject(ObjectKind::Value, name));
}

std::int64_t SharedValue::load()
{
    // Relaxed: a plain, unsynchronised read, stamped right after it happened.
    const std::int64_t value = m_state->value.load(std::memory_order_relaxed);
    m_context->recorder().record(EventKind::ValueRead, m_id, 0, std::uint64_t(value));
    return value;
}

void SharedValue::store(std::int64_t value)
{
    // Stamped right before the plain write lands. The write swaps the value in, so it also
    // knows what it replaced: whether an update was lost is then exact, even when a process
    // is preempted between the write and its record and timestamps come out of order. The
    // read and the write stay separate steps: the race is as real as before.
    const std::uint64_t when = Clock::now();
    const std::int64_t replaced = m_state->value.exchange(value, std::memory_order_relaxed);
    m_context->recorder().recordAt(when, EventKind::ValueWrite, m_id, std::uint64_t(replaced),
                                   std::uint64_t(value), ValueKnowsOverwritten);
}

std::int64_t SharedValue::peek() const
{
    return m_state->value.load(std::memory_order_acquire);
}

} // namespace interleave
