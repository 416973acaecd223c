#include "engine/collector.h"

#include "base/futex.h"
#include "base/threadname.h"

#include <mutex>
#include <sched.h>

namespace interleave {

namespace {
/// Events taken from a ring at a time. Their room is free as soon as they are copied out, so
/// a producer waiting on a full ring waits about one batch's ingest (~20 µs), not a drain.
constexpr std::size_t kBatch = 1024;
/// After a pass that moved only a few events the collector sleeps this long, or until a
/// producer's ring is half full and it wakes the collector. Short enough for a live view,
/// long enough not to take a core from the workers whose timing a lesson shows.
constexpr std::int64_t kPauseNs = 2'000'000;
constexpr std::size_t kLightPass = kBatch / 4;
} // namespace

Collector::Collector(SharedSegment& segment, std::shared_ptr<TraceStore> trace,
                     OutputHandler onOutput)
    : m_segment(segment)
    , m_trace(std::move(trace))
    , m_onOutput(std::move(onOutput))
    , m_batch(kBatch)
{
}

Collector::~Collector()
{
    stopAndDrain();
}

void Collector::start()
{
    m_thread = std::thread([this] { loop(); });
}

void Collector::stopAndDrain()
{
    if (!m_thread.joinable())
        return;
    CollectorWake& wake = m_segment.header().collectorWake;
    m_stop.store(true, std::memory_order_release);
    wake.sequence.fetch_add(1, std::memory_order_release);
    futexWakeAll(&wake.sequence);
    m_thread.join();
    while (pass() > 0) {
    }
    totalRings();
}

void Collector::loop()
{
    nameThisThread("il-collector");
    while (!m_stop.load(std::memory_order_acquire)) {
        if (pass() < kLightPass)
            sleepUnlessWoken();
    }
}

void Collector::sleepUnlessWoken()
{
    CollectorWake& wake = m_segment.header().collectorWake;
    const std::uint32_t seen = wake.sequence.load(std::memory_order_acquire);
    // Pairs with the producers' exchange: either a half-full ring is seen here, or its
    // producer sees the collector sleeping and wakes it.
    wake.sleeping.store(1, std::memory_order_seq_cst);
    bool work = m_stop.load(std::memory_order_acquire);
    for (const RingConsumer& ring : m_consumers)
        work = work || ring.halfFull();
    if (!work)
        futexWait(&wake.sequence, seen, kPauseNs);
    wake.sleeping.store(0, std::memory_order_relaxed);
}

void Collector::registerWorkers()
{
    const std::uint32_t slots = m_segment.slotCount();
    while (m_registeredSlots < slots) {
        const std::uint32_t index = m_registeredSlots;
        WorkerSlot& slot = m_segment.slot(index);
        const auto state = SlotState(slot.state.load(std::memory_order_acquire));
        if (state == SlotState::Free)
            break; // reserved, identity not written yet
        if (slot.kind == SlotKind::Thread || slot.kind == SlotKind::Process) {
            WorkerInfo info;
            info.id = workerOfSlot(index);
            info.name = std::string(m_segment.strings().lookup(slot.nameString));
            info.role = std::string(m_segment.strings().lookup(slot.roleString));
            info.kind = slot.kind == SlotKind::Process ? WorkerKind::Process : WorkerKind::Thread;
            info.parent = std::uint16_t(slot.parentId);
            info.gil = slot.gilMode != 0;
            info.spawnNs = slot.spawnNs;
            std::unique_lock lock(m_trace->mutex());
            m_trace->registerWorker(info);
        }
        m_consumers.emplace_back(&slot.ring, m_segment.ringBuffer(index),
                                 m_segment.header().ringCapacity);
        ++m_registeredSlots;
    }
}

void Collector::registerObjects()
{
    const std::uint32_t count = m_segment.objectCount();
    while (m_registeredObjects < count) {
        const ObjectSlot& slot = m_segment.object(m_registeredObjects);
        if (slot.ready.load(std::memory_order_acquire) == 0)
            break;
        ObjectInfo info;
        info.id = std::uint16_t(m_registeredObjects);
        info.kind = slot.kind;
        info.name = std::string(m_segment.strings().lookup(slot.nameString));
        info.processShared = slot.processShared != 0;
        info.capacity = slot.capacity;
        info.ownerPid = slot.ownerPid;
        std::unique_lock lock(m_trace->mutex());
        m_trace->addObject(info);
        ++m_registeredObjects;
    }
}

std::uint32_t Collector::traceString(std::uint32_t arenaId)
{
    if (arenaId == 0)
        return 0;
    const auto found = m_strings.find(arenaId);
    if (found != m_strings.end())
        return found->second;
    const std::uint32_t id = m_trace->addString(m_segment.strings().lookup(arenaId));
    m_strings.emplace(arenaId, id);
    return id;
}

void Collector::ingest(std::uint32_t index, Event& e, std::vector<PrintedLine>& printed)
{
    if (index == kSamplerSlot) {
        m_trace->appendSample(e);
        return;
    }
    switch (e.kind) {
    case EventKind::Print:
        e.a = traceString(std::uint32_t(e.a));
        if (m_onOutput)
            printed.push_back(PrintedLine{
                e.tNs, e.worker, {}, m_trace->string(std::uint32_t(e.a)), e.flags != 0});
        break;
    case EventKind::Mark: e.a = traceString(std::uint32_t(e.a)); break;
    case EventKind::Instant:
        e.a = traceString(std::uint32_t(e.a));
        e.b = traceString(std::uint32_t(e.b));
        if (m_trace->string(std::uint32_t(e.a)) == kLaneNameInstant) {
            if (e.worker < m_trace->laneCount())
                m_trace->lane(e.worker).info.name = m_trace->string(std::uint32_t(e.b));
            return;
        }
        break;
    case EventKind::WorkerEnd:
    case EventKind::WorkerExit:
        // The process is dead: everything it recorded precedes its exit (and the ends the
        // reaper records for its threads), so drain it first.
        if ((e.kind == EventKind::WorkerExit || index == kReaperSlot) && e.worker != kNoWorker &&
            slotOfWorker(e.worker) < m_consumers.size())
            drainSlot(slotOfWorker(e.worker), printed);
        break;
    default: break;
    }
    m_trace->appendEvent(e);
}

std::size_t Collector::drainSlot(std::uint32_t index, std::vector<PrintedLine>& printed)
{
    std::size_t total = 0;
    // A drain inside a drain (a process's exit, recorded on another lane's ring, empties that
    // process's ring first) must not overwrite the batch the outer one is still reading.
    const bool nested = m_draining;
    m_draining = true;
    for (;;) {
        std::vector<Event> local;
        std::vector<Event>& buffer = nested ? local : m_batch;
        if (buffer.size() < kBatch)
            buffer.resize(kBatch);
        const std::size_t n = m_consumers[index].drain(buffer.data(), kBatch);
        if (n == 0)
            break;
        for (std::size_t i = 0; i < n; ++i)
            ingest(index, buffer[i], printed);
        total += n;
        if (n < kBatch)
            break;
    }
    m_draining = nested;
    return total;
}

std::size_t Collector::pass()
{
    const int cpu = sched_getcpu();
    m_segment.header().collectorWake.cpu.store(std::uint32_t(cpu < 0 ? 0 : cpu),
                                               std::memory_order_relaxed);
    registerWorkers();
    registerObjects();
    std::size_t moved = 0;
    std::vector<PrintedLine> printed;
    {
        std::unique_lock lock(m_trace->mutex());
        for (std::uint32_t index = 0; index < m_consumers.size(); ++index)
            moved += drainSlot(index, printed);
        if (moved > 0)
            m_trace->sortCounters();
    }
    m_events.fetch_add(moved, std::memory_order_relaxed);
    if (m_onOutput) {
        {
            std::shared_lock lock(m_trace->mutex());
            for (PrintedLine& line : printed) {
                if (line.worker < m_trace->laneCount())
                    line.workerName = m_trace->lane(line.worker).info.name;
            }
        }
        for (const PrintedLine& line : printed)
            m_onOutput(line);
    }
    return moved;
}

void Collector::totalRings()
{
    RingTotals totals;
    for (std::uint32_t index = 0; index < m_segment.slotCount(); ++index) {
        const RingControl& ring = m_segment.slot(index).ring;
        totals.fullWaits += ring.fullWaits.load(std::memory_order_relaxed);
        totals.stallNs += ring.stallNs.load(std::memory_order_relaxed);
        totals.dropped += ring.dropped.load(std::memory_order_relaxed);
    }
    totals.stringsDropped = m_segment.header().stringsDropped.load(std::memory_order_relaxed);
    std::unique_lock lock(m_trace->mutex());
    m_trace->rings = totals;
}

} // namespace interleave
