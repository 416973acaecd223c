#pragma once

#include "base/clock.h"
#include "base/event.h"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <pthread.h>

/// The shared-memory ABI between the recording parent and its worker processes. Only explicitly
/// sized fields and lock-free atomics: another process (built from the same sources, checked by
/// magic and version) reads every byte of it.
namespace interleave {

inline constexpr std::uint64_t kSegmentMagic = 0x31304745'53564C49ull; // "ILVSEG01"
inline constexpr std::uint32_t kSegmentVersion = 3;
inline constexpr std::size_t kCacheLine = 64;

static_assert(std::atomic<std::uint64_t>::is_always_lock_free);
static_assert(std::atomic<std::int64_t>::is_always_lock_free);
static_assert(std::atomic<std::uint32_t>::is_always_lock_free);

/// The engine's own producers take the first slots; worker (lane) ids count from the next one.
inline constexpr std::uint32_t kSamplerSlot = 0;
inline constexpr std::uint32_t kReaperSlot = 1;
inline constexpr std::uint32_t kFirstWorkerSlot = 2;

constexpr std::uint32_t slotOfWorker(std::uint16_t worker)
{
    return worker + kFirstWorkerSlot;
}
constexpr std::uint16_t workerOfSlot(std::uint32_t slot)
{
    return slot >= kFirstWorkerSlot ? std::uint16_t(slot - kFirstWorkerSlot) : kNoWorker;
}

/// Who produces into a slot's ring.
enum class SlotKind : std::uint32_t {
    Free = 0,
    Thread = 1,  ///< A worker thread of the recording process (the main lane included).
    Process = 2, ///< A worker process started with posix_spawn.
    Sampler = 3, ///< The CPU sampler (its events describe other lanes and the cores).
    Reaper = 4,  ///< The process reaper (exit statuses).
};

/// Life of a worker, as seen through its slot. The value is also a futex word for join().
enum class SlotState : std::uint32_t {
    Free = 0,
    Spawned = 1, ///< Identity written; thread or process being started.
    Running = 2, ///< The worker recorded WorkerStart.
    Ended = 3,   ///< The worker recorded WorkerEnd (a process may not have exited yet).
    Exited = 4,  ///< Process reaped after a normal exit.
    Crashed = 5, ///< Process reaped after dying by a signal, or failed to start.
};

/// Control block of one single-producer / single-consumer ring. Head and tail live on their own
/// cache lines so producer and consumer never write the same line.
/// How a producer wakes the collector: the collector says it is about to sleep, and a producer
/// whose ring is half full bumps the sequence (the futex word) and wakes it. Without it the
/// collector sleeps its idle pause out while producers wait on full rings.
struct CollectorWake {
    alignas(kCacheLine) std::atomic<std::uint32_t> sequence; ///< Futex word.
    std::atomic<std::uint32_t> sleeping; ///< Nonzero while the collector waits on `sequence`.
    /// The CPU the collector's latest pass ran on: a producer facing a full ring spins only
    /// while the collector is awake on another CPU (see RingProducer::waitForSpace).
    std::atomic<std::uint32_t> cpu;
};

struct RingControl {
    alignas(kCacheLine) std::atomic<std::uint64_t> head; ///< Events published (producer).
    alignas(kCacheLine) std::atomic<std::uint64_t> tail; ///< Events consumed (consumer).
    /// Bumped by the consumer after it frees space while a producer waits; futex word.
    alignas(kCacheLine) std::atomic<std::uint32_t> consumerProgress;
    /// 0, or while the producer waits for room: (1 + its CPU) << 1, | 1 once it sleeps on
    /// `consumerProgress`.
    std::atomic<std::uint32_t> producerWaiting;
    std::atomic<std::uint64_t> fullWaits; ///< Times the producer found the ring full.
    std::atomic<std::uint64_t> stallNs;   ///< Time the producer spent waiting for space.
    std::atomic<std::uint64_t> dropped;   ///< Events given up (only while a run is torn down).
};

/// One worker (or engine producer) and its ring. The identity block is written by the parent
/// before `state` becomes Spawned and is read-only afterwards.
struct WorkerSlot {
    RingControl ring;
    alignas(kCacheLine) std::uint32_t workerId;
    SlotKind kind;
    std::uint32_t parentId;   ///< Worker that started this one (kNoWorker for engine slots).
    std::uint32_t gilMode;    ///< 1: runs under an emulated GIL.
    std::uint32_t nameString; ///< Arena string ids.
    std::uint32_t roleString;
    std::int64_t argument; ///< Role argument (index, number to work on...).
    std::uint64_t spawnNs; ///< When the parent asked for this worker.
    std::atomic<std::int32_t> pid;
    std::atomic<std::int32_t> tid;
    std::atomic<std::uint32_t> state;   ///< SlotState; futex word.
    std::atomic<std::int32_t> exitCode; ///< Exit status, or -signal for a process.
    std::atomic<std::uint32_t> cancel;  ///< Nonzero: this worker alone must stop (daemons).
};

enum class ObjectKind : std::uint32_t {
    None = 0,
    Mutex = 1,
    Queue = 2,
    Value = 3,
    Pipe = 4,
    Gil = 5
};

/// A lock usable by threads, or by processes when created process-shared and robust.
struct MutexState {
    pthread_mutex_t mutex;
    std::atomic<std::uint32_t> holder;     ///< Lane + 1 of the current holder, 0 when free.
    std::atomic<std::uint32_t> lastHolder; ///< Lane + 1 of the last one to release it.
};

/// A bounded FIFO of QueueItem stored in the segment's heap; waits use futex words so that a
/// dead process cannot wedge a condition variable.
struct QueueState {
    pthread_mutex_t mutex;
    std::atomic<std::uint32_t> notEmpty; ///< Bumped on every put; futex word.
    std::atomic<std::uint32_t> notFull;  ///< Bumped on every get; futex word.
    std::atomic<std::uint32_t> allDone;  ///< Bumped when unfinished tasks reach 0; futex word.
    std::uint32_t capacity;
    std::uint32_t head;
    std::uint32_t count;
    std::uint32_t putSequence;
    std::uint32_t unfinished;
    std::uint64_t itemsOffset; ///< Heap offset of `capacity` QueueItem.
};

struct QueueItem {
    std::int64_t value;
    std::int64_t tag; ///< Caller's label (a pool's task index).
    std::uint32_t sequence;
    std::uint32_t text; ///< Arena string id, or 0.
};

struct ValueState {
    std::atomic<std::int64_t> value;
};

struct PipeState {
    std::int32_t readFd;
    std::int32_t writeFd;
    std::atomic<std::uint32_t> sendSequence;
};

/// One shared object. `storage` holds the kind's state, constructed in place by its creator.
struct ObjectSlot {
    std::atomic<std::uint32_t> ready; ///< 1 once fully initialised (release).
    ObjectKind kind;
    std::uint32_t nameString;
    std::uint32_t processShared;
    std::int32_t ownerPid;  ///< For a GIL: the process it belongs to.
    std::uint32_t capacity; ///< For a queue.
    alignas(kCacheLine) unsigned char storage[192];
};

static_assert(sizeof(MutexState) <= sizeof(ObjectSlot::storage));
static_assert(sizeof(QueueState) <= sizeof(ObjectSlot::storage));
static_assert(sizeof(ValueState) <= sizeof(ObjectSlot::storage));
static_assert(sizeof(PipeState) <= sizeof(ObjectSlot::storage));

/// Start of the segment. Offsets are from the segment's first byte.
struct SegmentHeader {
    std::uint64_t magic;
    std::uint32_t version;
    std::uint32_t headerBytes;
    std::uint64_t totalBytes;
    std::uint32_t slotCapacity;
    std::uint32_t ringCapacity; ///< Events per ring, a power of two.
    std::uint64_t slotsOffset;
    std::uint64_t slotStride;
    std::uint64_t eventsOffsetInSlot;
    std::uint32_t objectCapacity;
    std::uint32_t objectStride;
    std::uint64_t objectsOffset;
    std::uint64_t arenaOffset;
    std::uint64_t arenaBytes;
    std::uint64_t heapOffset;
    std::uint64_t heapBytes;
    ClockCalibration clock;
    std::uint32_t switchIntervalUs; ///< Emulated GIL switch interval for every process.
    std::uint32_t reserved0;

    alignas(kCacheLine) std::atomic<std::uint32_t> stop; ///< Nonzero: the run is stopping; futex.
    std::atomic<std::uint32_t> slotsUsed;
    std::atomic<std::uint32_t> objectsUsed;
    std::atomic<std::uint64_t> arenaUsed;
    std::atomic<std::uint64_t> heapUsed;
    std::atomic<std::uint64_t> stringsDropped;
    CollectorWake collectorWake;
};

static_assert(std::is_standard_layout_v<SegmentHeader>);
static_assert(std::is_standard_layout_v<WorkerSlot>);
static_assert(std::is_standard_layout_v<ObjectSlot>);

} // namespace interleave
