#include "trace/summary.h"

#include <algorithm>
#include <map>

namespace interleave {

namespace {

/// Lock and GIL statistics from request / acquire pairs on every lane.
std::vector<LockSummary> lockStatistics(const TraceStore& trace)
{
    std::map<std::uint16_t, LockSummary> locks;
    for (const ObjectInfo& object : trace.objects()) {
        if (object.kind == ObjectKind::Mutex || object.kind == ObjectKind::Gil)
            locks[object.id] = LockSummary{object.name, object.kind, 0, 0, 0, 0};
    }
    for (std::size_t i = 0; i < trace.laneCount(); ++i) {
        const Lane& lane = trace.lane(i);
        std::map<std::uint16_t, std::uint64_t> requested;
        lane.events.forEach(0, lane.events.size(), lane.info.id, [&](const Event& e) {
            switch (e.kind) {
            case EventKind::LockRequest:
            case EventKind::GilRequest: requested[e.object] = e.tNs; break;
            case EventKind::LockAcquire:
            case EventKind::GilAcquire: {
                const auto it = locks.find(e.object);
                if (it == locks.end())
                    break;
                LockSummary& lock = it->second;
                ++lock.acquisitions;
                if (e.flags & LockContended) {
                    ++lock.contended;
                    const auto request = requested.find(e.object);
                    if (request != requested.end() && request->second <= e.tNs) {
                        const std::uint64_t wait = e.tNs - request->second;
                        lock.waitNsTotal += wait;
                        lock.waitNsMax = std::max(lock.waitNsMax, wait);
                    }
                }
                requested.erase(e.object);
                break;
            }
            default: break;
            }
        });
    }
    std::vector<LockSummary> out;
    for (auto& [id, lock] : locks)
        out.push_back(std::move(lock));
    return out;
}

std::vector<QueueSummary> queueStatistics(const TraceStore& trace)
{
    std::map<std::uint16_t, QueueSummary> queues;
    for (const ObjectInfo& object : trace.objects()) {
        if (object.kind == ObjectKind::Queue)
            queues[object.id] = QueueSummary{object.name, 0, 0, 0};
    }
    for (std::size_t i = 0; i < trace.laneCount(); ++i) {
        const Lane& lane = trace.lane(i);
        lane.events.forEach(0, lane.events.size(), lane.info.id, [&](const Event& e) {
            if (e.kind != EventKind::QueuePut && e.kind != EventKind::QueueGet)
                return;
            const auto it = queues.find(e.object);
            if (it == queues.end())
                return;
            (e.kind == EventKind::QueuePut ? it->second.puts : it->second.gets) += 1;
            it->second.maxDepth = std::max(it->second.maxDepth, queueDepth(e.a));
        });
    }
    std::vector<QueueSummary> out;
    for (auto& [id, queue] : queues)
        out.push_back(std::move(queue));
    return out;
}

} // namespace

TraceSummary summarise(const TraceStore& trace)
{
    TraceSummary summary;
    summary.run = trace.run;
    for (std::size_t i = 0; i < trace.laneCount(); ++i) {
        const Lane& lane = trace.lane(i);
        WorkerSummary worker;
        worker.info = lane.info;
        worker.events = lane.events.size();
        const std::vector<std::uint64_t> totals = stateTotals(lane);
        std::copy(totals.begin(), totals.end(), worker.stateNs.begin());
        worker.slices = lane.slices.sliceCount();
        if (!lane.slices.empty()) {
            for (const Slice& slice : lane.slices.row(0))
                worker.busyNs += slice.duration();
        }
        summary.workers.push_back(std::move(worker));
    }
    summary.locks = lockStatistics(trace);
    summary.queues = queueStatistics(trace);
    summary.eventsTotal = trace.eventCount();
    summary.rings = trace.rings;
    summary.coresUsed = coresUsed(trace);
    summary.maxParallelRunning = maxParallelRunning(trace);
    summary.output = outputLines(trace);
    summary.results = trace.results;
    summary.moments = trace.moments;
    return summary;
}

} // namespace interleave
