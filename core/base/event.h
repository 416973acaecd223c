#pragma once

#include <cstdint>
#include <type_traits>

namespace interleave {

/// What happened. The numbers are part of the .itrace format and of the shared-memory ABI:
/// append new kinds, never renumber or reuse one.
enum class EventKind : std::uint8_t {
    None = 0,

    // Worker lifecycle.
    WorkerSpawn = 1, ///< On the parent's lane: a = child worker id.
    WorkerStart = 2, ///< A worker's first event: a = spawn time (ns), b = pid << 32 | tid.
    WorkerEnd = 3,   ///< A worker's last own event; flags = EndReason.
    WorkerExit = 4,  ///< Recorded by the reaper for a process lane: a = exit code or signal,
                     ///< b = its pid (0 in traces from before it was recorded).
    JoinBegin = 5,   ///< a = joined worker id.
    JoinEnd = 6,     ///< a = joined worker id.

    // Work, time and output.
    ComputeBegin = 10, ///< a = Workload, b = size (factorial n, bytecode steps).
    ComputeEnd = 11,   ///< a = Workload, b = result size in bits (factorial) or steps run.
    SleepBegin = 12,   ///< a = requested ns; flags = SleepFlag.
    SleepEnd = 13,
    Print = 14,     ///< a = string id of the printed line.
    Mark = 15,      ///< a = string id of a phase label ("baseline", "parallel"...).
    TaskBegin = 16, ///< A pool worker starts a task: object = pool's task queue, a = task index.
    TaskEnd = 17,   ///< a = task index, b = the task's result.
    Instant = 18,   ///< An imported instant event: a = name string id, b = args string id.

    // Locks (object = lock id).
    LockRequest = 20,
    LockAcquire = 21, ///< flags = LockFlag; a = previous holder lane + 1 (0 = none known).
    LockRelease = 22,
    LockGiveUp = 23, ///< A timed, non-blocking or interrupted acquire ended without the lock.

    // Emulated GIL (object = the GIL of this process).
    GilRequest = 30,     ///< The GIL is held by another thread: this one starts waiting.
    GilDropRequest = 31, ///< The waiter's timed wait expired: a = holder lane it asks to drop.
    GilAcquire = 32,     ///< flags = LockFlag; a = previous holder lane + 1 (0 = none).
    GilRelease = 33,     ///< flags = GilReleaseReason.

    // Queues (object = queue id): a = item sequence | depth after the op << 32, b = value.
    QueuePutBegin = 40,
    QueuePut = 41,
    QueueGetBegin = 42,
    QueueGet = 43,
    QueueTaskDone = 44, ///< a = unfinished tasks left.
    QueueJoinBegin = 45,
    QueueJoinEnd = 46,

    // Pipes (object = pipe id): a = message sequence, b = payload bytes.
    PipeSend = 50,
    PipeRecvBegin = 51,
    PipeRecv = 52,

    // Shared values (object = value id): b = the value read or written. A write with flags
    // ValueKnowsOverwritten also has a = the value it replaced in memory.
    ValueRead = 60,
    ValueWrite = 61,

    // Samples, recorded by the sampler on its own ring.
    CoreSample = 80,   ///< object = core, a = busy ns in the interval, b = interval ns.
    WorkerSample = 81, ///< worker = lane, object = sampler pass, a = on-CPU ns, b = run-queue
                       ///< wait ns (both cumulative since the thread began), cpu = where it ran.
};

/// Why a worker recorded WorkerEnd.
enum class EndReason : std::uint8_t { Returned = 0, Failed = 1, Cancelled = 2 };

/// How a reaped process ended (flags of WorkerExit).
enum class ExitKind : std::uint8_t { Exited = 0, Signaled = 1, Killed = 2 };

/// Flags of LockAcquire and GilAcquire.
enum LockFlag : std::uint8_t { LockContended = 1, LockOwnerDied = 2 };

/// Flags of ValueWrite.
enum ValueFlag : std::uint8_t { ValueKnowsOverwritten = 1 };

/// Flags of SleepBegin.
enum SleepFlag : std::uint8_t { SleepIsIo = 1 };

/// Flags of WorkerStart.
enum StartFlag : std::uint8_t {
    StartNeedsGil = 1,
    /// The interpreter's own GIL: the lane waits for it only between GilRequest and GilAcquire;
    /// without it and not waiting, the thread runs outside Python (C code, untraced I/O).
    StartGilFromInterpreter = 2,
    /// An interpreter whose GIL is not read: the trace store infers its GIL waits from
    /// scheduling (time off CPU outside every traced blocking call).
    StartGilInferred = 4,
};

/// Why the GIL was released (flags of GilRelease).
/// `Unread`: the tracer stops reading the interpreter's GIL (its layout failed the start-up
/// check); from then on the lane's GIL waits are inferred.
enum class GilReleaseReason : std::uint8_t { Blocking = 0, DropRequest = 1, Exit = 2, Unread = 3 };

/// Which compute workload ran (a of ComputeBegin).
enum class Workload : std::uint8_t { Factorial = 0, Bytecode = 1, Interpreter = 2 };

/// One recorded moment: a fixed 32-byte record with explicitly sized fields only, because other
/// processes write it into shared memory and the trace file stores it.
struct Event {
    std::uint64_t tNs = 0;    ///< CLOCK_MONOTONIC nanoseconds, comparable across processes.
    std::uint16_t worker = 0; ///< Lane (worker id) the event belongs to.
    EventKind kind = EventKind::None;
    std::uint8_t flags = 0;   ///< Kind-specific flags (see the enums above).
    std::uint16_t cpu = 0;    ///< sched_getcpu() when recorded.
    std::uint16_t object = 0; ///< Lock / queue / pipe / value / GIL id, or core for samples.
    std::uint64_t a = 0;      ///< Kind-specific payload.
    std::uint64_t b = 0;      ///< Kind-specific payload.
};

static_assert(sizeof(Event) == 32, "Event is part of the shared-memory ABI: exactly 32 bytes");
static_assert(std::is_trivially_copyable_v<Event>);
static_assert(std::is_standard_layout_v<Event>);

/// Worker ids are 16 bit; this one means "no worker".
inline constexpr std::uint16_t kNoWorker = 0xFFFF;

/// An Instant with this name (a) renames its lane to the string b, and is not kept: a traced
/// process learns its name (multiprocessing's Process-1) only after its lane began.
inline constexpr const char* kLaneNameInstant = "lane name";

/// Packs a queue event's a-payload.
constexpr std::uint64_t packQueuePayload(std::uint32_t sequence, std::uint32_t depth)
{
    return std::uint64_t(sequence) | (std::uint64_t(depth) << 32);
}
constexpr std::uint32_t queueSequence(std::uint64_t a)
{
    return std::uint32_t(a);
}
constexpr std::uint32_t queueDepth(std::uint64_t a)
{
    return std::uint32_t(a >> 32);
}

/// Human name of an event kind, for tooltips, JSON and error messages.
const char* eventKindName(EventKind kind);

} // namespace interleave
