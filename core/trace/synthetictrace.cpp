#include "trace/synthetictrace.h"

#include "trace/tracestore.h"

#include <random>

namespace interleave {

std::shared_ptr<TraceStore> makeSyntheticTrace(const SyntheticTraceSpec& spec)
{
    auto trace = std::make_shared<TraceStore>();
    trace->run.scenario = "synthetic";
    trace->run.title = "Synthetic trace";
    trace->run.machine.cores = 8;
    trace->run.startNs = 1'000'000'000;
    const std::uint16_t gil = 0, lock = 1, queue = 2;
    trace->addObject(ObjectInfo{gil, ObjectKind::Gil, "GIL of MainProcess", false, 0, 1});
    trace->addObject(ObjectInfo{lock, ObjectKind::Mutex, "lock", false, 0, 1});
    trace->addObject(ObjectInfo{queue, ObjectKind::Queue, "q", false, 1000, 1});
    const std::uint32_t line = trace->addString("working on item");

    std::mt19937_64 random(spec.seed);
    const std::uint16_t lanes = std::max<std::uint16_t>(spec.lanes, 1);
    for (std::uint16_t i = 0; i < lanes; ++i) {
        WorkerInfo info;
        info.id = i;
        info.name = i == 0 ? "MainThread" : "Thread-" + std::to_string(i);
        info.role = i == 0 ? "main" : "worker";
        info.pid = 1000;
        info.tid = 1000 + i;
        info.spawnNs = trace->run.startNs;
        trace->addLane(info);
    }

    const std::uint64_t perLane = spec.events / lanes;
    std::uint32_t depth = 0, sequence = 0;
    for (std::uint16_t i = 0; i < lanes; ++i) {
        std::uint64_t t = trace->run.startNs + i * 1000;
        std::uint64_t written = 0;
        auto emit = [&](EventKind kind, std::uint16_t object = 0, std::uint64_t a = 0,
                        std::uint64_t b = 0, std::uint8_t flags = 0) {
            t += 200 + random() % 20'000; // 0.2 to 20 µs apart
            Event e{t, i, kind, flags, std::uint16_t(random() % 8), object, a, b};
            trace->appendEvent(e);
            ++written;
        };
        emit(EventKind::WorkerStart, 0, trace->run.startNs, (1000ull << 32) | (1000u + i),
             StartNeedsGil);
        while (written + 12 < perLane) {
            emit(EventKind::GilRequest, gil);
            emit(EventKind::GilAcquire, gil, 1 + (i + 1) % lanes, 0, LockContended);
            switch (random() % 4) {
            case 0:
                emit(EventKind::ComputeBegin, 0, 0, 100'000);
                emit(EventKind::ComputeEnd, 0, 0, 1'500'000);
                break;
            case 1:
                emit(EventKind::Print, 0, line);
                emit(EventKind::LockRequest, lock);
                emit(EventKind::LockAcquire, lock, 1 + random() % lanes, 0,
                     random() % 3 == 0 ? LockContended : 0);
                emit(EventKind::LockRelease, lock);
                break;
            case 2:
                depth = depth < 999 ? depth + 1 : depth;
                emit(EventKind::QueuePut, queue, packQueuePayload(++sequence, depth),
                     random() % 1000);
                break;
            default:
                depth = depth > 0 ? depth - 1 : 0;
                emit(EventKind::QueueGet, queue, packQueuePayload(sequence, depth),
                     random() % 1000);
                break;
            }
            emit(EventKind::SleepBegin, 0, 1'000'000);
            emit(EventKind::GilRelease, gil, 0, 0, std::uint8_t(GilReleaseReason::Blocking));
            emit(EventKind::SleepEnd);
        }
        emit(EventKind::GilAcquire, gil);
        emit(EventKind::GilRelease, gil, 0, 0, std::uint8_t(GilReleaseReason::Exit));
        emit(EventKind::WorkerEnd);
        trace->run.endNs = std::max(trace->run.endNs, t);
    }
    if (spec.finalize)
        trace->finalize();
    return trace;
}

} // namespace interleave
