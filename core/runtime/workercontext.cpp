#include "runtime/workercontext.h"

#include "base/futex.h"
#include "runtime/gil.h"
#include "runtime/workload.h"

#include <algorithm>
#include <cmath>
#include <sys/syscall.h>
#include <unistd.h>

namespace interleave {

namespace {
/// How many emulated bytecodes run between two eval-breaker checks.
constexpr std::uint64_t kBytecodesPerCheck = 100;
/// Longest a join or start handshake sleeps before it re-checks for cancellation.
constexpr std::int64_t kWaitSliceNs = 50'000'000;

RingProducer producerFor(SharedSegment& segment, std::uint32_t slotIndex)
{
    return segment.producer(slotIndex);
}
} // namespace

WorkerContext::WorkerContext(const Setup& setup)
    : m_segment(setup.segment)
    , m_slotIndex(setup.slotIndex)
    , m_gil(setup.gil)
    , m_parameters(setup.parameters)
    , m_launcher(setup.launcher)
    , m_recorder(producerFor(*setup.segment, setup.slotIndex), workerOfSlot(setup.slotIndex))
    , m_cancel(&setup.segment->header().stop, &setup.segment->slot(setup.slotIndex).cancel)
{
    if (m_parameters->contains("time_scale"))
        m_timeScale = m_parameters->real("time_scale");
}

std::string WorkerContext::name() const
{
    return std::string(m_segment->strings().lookup(m_segment->slot(m_slotIndex).nameString));
}

std::int64_t WorkerContext::argument() const
{
    return m_segment->slot(m_slotIndex).argument;
}

void WorkerContext::recordStart()
{
    WorkerSlot& s = slot();
    const auto pid = std::int32_t(getpid());
    const auto tid = std::int32_t(syscall(SYS_gettid));
    s.pid.store(pid, std::memory_order_relaxed);
    s.tid.store(tid, std::memory_order_relaxed);
    m_recorder.record(EventKind::WorkerStart, 0, s.spawnNs,
                      (std::uint64_t(std::uint32_t(pid)) << 32) | std::uint32_t(tid),
                      std::uint8_t(m_gil != nullptr ? StartNeedsGil : 0));
}

void WorkerContext::recordEnd(EndReason reason)
{
    m_recorder.record(EventKind::WorkerEnd, 0, 0, 0, std::uint8_t(reason));
    WorkerSlot& s = slot();
    s.state.store(std::uint32_t(SlotState::Ended), std::memory_order_release);
    futexWakeAll(&s.state);
}

void WorkerContext::enterInterpreter()
{
    if (m_gil != nullptr && !m_holdsGil) {
        m_gil->take(m_recorder, m_cancel);
        m_holdsGil = true;
    }
    // Thread.start() in the parent waits for this moment (the bootstrap has the GIL).
    WorkerSlot& s = slot();
    s.state.store(std::uint32_t(SlotState::Running), std::memory_order_release);
    futexWakeAll(&s.state);
}

void WorkerContext::leaveInterpreter()
{
    if (m_gil != nullptr && m_holdsGil) {
        m_gil->drop(m_recorder, GilReleaseReason::Exit, m_cancel);
        m_holdsGil = false;
    }
}

void WorkerContext::releaseGil()
{
    if (m_gil != nullptr && m_holdsGil) {
        m_gil->drop(m_recorder, GilReleaseReason::Blocking, m_cancel);
        m_holdsGil = false;
    }
}

void WorkerContext::reacquireGil()
{
    if (m_gil != nullptr && !m_holdsGil) {
        m_gil->take(m_recorder, m_cancel);
        m_holdsGil = true;
    }
}

void WorkerContext::checkEvalBreaker()
{
    if (m_gil != nullptr && m_holdsGil && m_gil->dropRequested()) {
        m_gil->drop(m_recorder, GilReleaseReason::DropRequest, m_cancel);
        m_holdsGil = false;
        m_gil->take(m_recorder, m_cancel);
        m_holdsGil = true;
    }
}

void WorkerContext::print(std::string_view line)
{
    m_recorder.record(EventKind::Print, 0, m_segment->strings().intern(line));
}

void WorkerContext::printError(std::string_view line)
{
    m_recorder.record(EventKind::Print, 0, m_segment->strings().intern(line), 0, 1);
}

void WorkerContext::mark(std::string_view label)
{
    m_recorder.record(EventKind::Mark, 0, m_segment->strings().intern(label));
}

void WorkerContext::sleep(double seconds)
{
    sleepFor(seconds, 0);
}

void WorkerContext::simulatedIo(double seconds)
{
    sleepFor(seconds, SleepIsIo);
}

void WorkerContext::sleepFor(double seconds, std::uint8_t flags)
{
    const double scaled = std::max(0.0, seconds * m_timeScale);
    const auto ns = std::uint64_t(std::llround(scaled * 1e9));
    m_recorder.record(EventKind::SleepBegin, 0, ns, 0, flags);
    const std::uint64_t deadline = Clock::now() + ns;
    releaseGil();
    cancellableSleepUntil(m_cancel, deadline);
    m_recorder.record(EventKind::SleepEnd);
    reacquireGil();
}

void WorkerContext::factorial(std::uint64_t n)
{
    m_cancel.throwIfRequested();
    m_recorder.record(EventKind::ComputeBegin, 0, std::uint64_t(Workload::Factorial), n);
    const std::uint64_t bits = computeFactorial(n);
    m_recorder.record(EventKind::ComputeEnd, 0, std::uint64_t(Workload::Factorial), bits);
}

void WorkerContext::bytecode(std::uint64_t steps)
{
    m_recorder.record(EventKind::ComputeBegin, 0, std::uint64_t(Workload::Bytecode), steps);
    interpret(steps);
    m_recorder.record(EventKind::ComputeEnd, 0, std::uint64_t(Workload::Bytecode), steps);
}

void WorkerContext::interpret(std::uint64_t steps)
{
    std::uint64_t done = 0;
    while (done < steps) {
        const std::uint64_t chunk = std::min(kBytecodesPerCheck, steps - done);
        runBytecodes(chunk);
        done += chunk;
        checkEvalBreaker();
        m_cancel.throwIfRequested();
    }
}

WorkerHandle WorkerContext::startThread(std::string_view name, std::string_view role,
                                        std::int64_t argument, bool daemon)
{
    if (m_launcher == nullptr)
        throw UsageError("this worker cannot start threads");
    const WorkerHandle handle = m_launcher->startThread(
        *this, WorkerRequest{std::string(name), std::string(role), argument, daemon});
    // Thread.start() waits until the new thread runs; it waits with the GIL released, which is
    // what lets the new thread take it.
    WorkerSlot& child = m_segment->slot(slotOfWorker(handle.worker));
    releaseGil();
    for (;;) {
        const std::uint32_t state = child.state.load(std::memory_order_acquire);
        if (state >= std::uint32_t(SlotState::Running))
            break;
        futexWait(&child.state, state, kWaitSliceNs);
        m_cancel.throwIfRequested();
    }
    reacquireGil();
    return handle;
}

WorkerHandle WorkerContext::startProcess(std::string_view name, std::string_view role,
                                         std::int64_t argument)
{
    if (m_launcher == nullptr)
        throw UsageError("this worker cannot start processes");
    return m_launcher->startProcess(
        *this, WorkerRequest{std::string(name), std::string(role), argument, false});
}

WorkerHandle WorkerContext::startProgram(std::string_view name, std::string_view role,
                                         const ProgramLaunch& program)
{
    if (m_launcher == nullptr)
        throw UsageError("a worker process cannot start programs");
    return m_launcher->startProgram(*this, WorkerRequest{std::string(name), std::string(role)},
                                    program);
}

void WorkerContext::join(WorkerHandle handle)
{
    WorkerSlot& child = m_segment->slot(slotOfWorker(handle.worker));
    const auto done = handle.process ? SlotState::Exited : SlotState::Ended;
    m_recorder.record(EventKind::JoinBegin, 0, handle.worker);
    releaseGil();
    for (;;) {
        const std::uint32_t state = child.state.load(std::memory_order_acquire);
        if (state >= std::uint32_t(done))
            break;
        futexWait(&child.state, state, kWaitSliceNs);
        m_cancel.throwIfRequested();
    }
    m_recorder.record(EventKind::JoinEnd, 0, handle.worker);
    reacquireGil();
}

std::uint16_t WorkerContext::createObject(ObjectKind kind, std::string_view name,
                                          bool processShared, std::uint32_t capacity)
{
    const std::uint32_t id = m_segment->reserveObject();
    ObjectSlot& object = m_segment->object(id);
    object.kind = kind;
    object.nameString = m_segment->strings().intern(name);
    object.processShared = processShared ? 1 : 0;
    object.ownerPid = std::int32_t(getpid());
    object.capacity = capacity;
    // The caller initialises `storage` and then publishes the object with `ready`.
    return std::uint16_t(id);
}

std::uint16_t WorkerContext::findObject(ObjectKind kind, std::string_view name) const
{
    const std::uint32_t count = m_segment->objectCount();
    for (std::uint32_t id = 0; id < count; ++id) {
        const ObjectSlot& object = m_segment->object(id);
        if (object.ready.load(std::memory_order_acquire) != 0 && object.kind == kind &&
            m_segment->strings().lookup(object.nameString) == name)
            return std::uint16_t(id);
    }
    throw UsageError("no shared object named '" + std::string(name) + "'");
}

} // namespace interleave
