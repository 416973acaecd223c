#include "base/errors.h"
#include "format/itracesections.h"
#include "trace/tracestore.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace interleave::itrace {

void readMetadata(const SectionData& s, TraceStore& trace)
{
    ByteReader r = s.reader();
    RunInfo& run = trace.run;
    run.scenario = r.string();
    run.title = r.string();
    run.version = r.string();
    run.outcome = r.string();
    run.message = r.string();
    run.machine.cores = int(std::min<std::uint32_t>(r.u32(), 65535));
    run.machine.cpuModel = r.string();
    run.machine.kernel = r.string();
    run.startNs = r.u64();
    run.endNs = r.u64();
    run.wallClockStartMs = r.i64();
    run.gil = r.u8() != 0;
    run.switchIntervalUs = r.u32();
    const std::uint64_t parameters = r.count(2);
    for (std::uint64_t i = 0; i < parameters; ++i) {
        std::string name = r.string();
        run.parameters.emplace_back(std::move(name), r.string());
    }
    expectEnd(r);
}

void readStrings(const SectionData& s, TraceStore& trace)
{
    ByteReader r = s.reader();
    const std::uint64_t count = r.count(1);
    if (count == 0 || count > 0xFFFFFFFFull)
        r.fail("string table must start with the empty string");
    std::vector<std::string> strings;
    strings.reserve(std::size_t(count));
    for (std::uint64_t i = 0; i < count; ++i)
        strings.push_back(r.string());
    if (!strings.front().empty())
        r.fail("string table must start with the empty string");
    trace.loadStrings(std::move(strings));
    expectEnd(r);
}

void readWorkers(const SectionData& s, TraceStore& trace)
{
    ByteReader r = s.reader();
    const std::uint64_t count = r.count(40);
    if (count > kNoWorker)
        r.fail("too many workers");
    for (std::uint64_t i = 0; i < count; ++i) {
        WorkerInfo info;
        info.id = r.u16();
        if (info.id != i)
            r.fail("worker ids must be 0.." + std::to_string(count - 1));
        info.name = r.string();
        info.role = r.string();
        const std::uint8_t kind = r.u8();
        if (kind > std::uint8_t(WorkerKind::Process))
            r.fail("unknown worker kind " + std::to_string(kind));
        info.kind = WorkerKind(kind);
        info.parent = r.u16();
        info.gil = r.u8() != 0;
        info.pid = r.i32();
        info.tid = r.i32();
        info.spawnNs = r.u64();
        info.startNs = r.u64();
        info.endNs = r.u64();
        const std::uint8_t fate = r.u8();
        if (fate > std::uint8_t(WorkerFate::Crashed))
            r.fail("unknown worker fate " + std::to_string(fate));
        info.fate = WorkerFate(fate);
        info.exitCode = r.i32();
        trace.addLane(info);
    }
    expectEnd(r);
}

void readObjects(const SectionData& s, TraceStore& trace)
{
    ByteReader r = s.reader();
    const std::uint64_t count = r.count(13);
    if (count > 0xFFFF)
        r.fail("too many objects");
    for (std::uint64_t i = 0; i < count; ++i) {
        ObjectInfo object;
        object.id = r.u16();
        if (object.id != i)
            r.fail("object ids must be 0.." + std::to_string(count - 1));
        const std::uint8_t kind = r.u8();
        if (kind > std::uint8_t(ObjectKind::Gil))
            r.fail("unknown object kind " + std::to_string(kind));
        object.kind = ObjectKind(kind);
        object.name = r.string();
        object.processShared = r.u8() != 0;
        object.capacity = r.u32();
        object.ownerPid = r.i32();
        trace.addObject(object);
    }
    expectEnd(r);
}

void readCounters(const SectionData& s, TraceStore& trace)
{
    ByteReader r = s.reader();
    const std::uint64_t count = r.count(5);
    std::vector<CounterSeries> counters;
    for (std::uint64_t c = 0; c < count; ++c) {
        CounterSeries series;
        const std::uint8_t kind = r.u8();
        if (kind > std::uint8_t(CounterKind::Custom))
            r.fail("unknown counter kind " + std::to_string(kind));
        series.kind = CounterKind(kind);
        series.key = r.u16();
        series.name = r.string();
        const std::uint64_t points = r.count(9);
        series.times.reserve(std::size_t(points));
        std::uint64_t t = 0;
        for (std::uint64_t i = 0; i < points; ++i) {
            const std::uint64_t delta = r.varint();
            if (delta > ~t)
                r.fail("counter time overflow");
            t += delta;
            series.times.push_back(t);
        }
        series.values.reserve(std::size_t(points));
        for (std::uint64_t i = 0; i < points; ++i) {
            const double value = r.f64();
            if (!std::isfinite(value))
                r.fail("counter value is not a number");
            series.values.push_back(value);
        }
        series.sortedPrefix = series.times.size();
        counters.push_back(std::move(series));
    }
    trace.loadCounters(std::move(counters));
    expectEnd(r);
}

void readSamples(const SectionData& s, TraceStore& trace)
{
    ByteReader r = s.reader();
    const std::uint64_t count = r.count(sizeof(Event));
    for (std::uint64_t i = 0; i < count; ++i) {
        Event e;
        std::memcpy(&e, r.take(sizeof e), sizeof e);
        if (e.kind != EventKind::CoreSample && e.kind != EventKind::WorkerSample)
            r.fail("not a sample");
        if (e.kind == EventKind::WorkerSample && e.worker >= trace.laneCount())
            r.fail("sample of unknown worker " + std::to_string(e.worker));
        trace.loadSample(e);
    }
    expectEnd(r);
}

void readResults(const SectionData& s, TraceStore& trace)
{
    ByteReader r = s.reader();
    trace.results.verdict = r.string();
    trace.results.lessonShown = r.u8() != 0;
    const std::uint64_t count = r.count(3);
    for (std::uint64_t i = 0; i < count; ++i) {
        std::string name = r.string();
        const std::uint8_t type = r.u8();
        switch (type) {
        case 0: trace.results.set(name, r.i64()); break;
        case 1: trace.results.set(name, r.f64()); break;
        case 2: trace.results.set(name, r.u8() != 0); break;
        case 3: trace.results.set(name, r.string()); break;
        default: r.fail("unknown result type " + std::to_string(type));
        }
    }
    expectEnd(r);
}

void readRings(const SectionData& s, TraceStore& trace)
{
    ByteReader r = s.reader();
    trace.rings.fullWaits = r.u64();
    trace.rings.stallNs = r.u64();
    trace.rings.dropped = r.u64();
    trace.rings.stringsDropped = r.u64();
    expectEnd(r);
}

void readAnnotations(const SectionData& s, TraceStore& trace)
{
    ByteReader r = s.reader();
    const std::uint64_t count = r.count(19);
    for (std::uint64_t i = 0; i < count; ++i) {
        Annotation note;
        note.start = r.u64();
        note.end = r.u64();
        note.lane = r.u16();
        note.text = r.string();
        if (note.end < note.start)
            r.fail("annotation ends before it starts");
        if (note.lane != kNoWorker && note.lane >= trace.laneCount())
            r.fail("annotation on unknown lane " + std::to_string(note.lane));
        trace.annotations.push_back(std::move(note));
    }
    expectEnd(r);
}

void readMoments(const SectionData& s, TraceStore& trace)
{
    ByteReader r = s.reader();
    const auto checkLane = [&](std::uint16_t lane) {
        if (lane != kNoWorker && lane >= trace.laneCount())
            r.fail("moment on unknown lane " + std::to_string(lane));
    };
    const std::uint64_t count = r.count(13);
    for (std::uint64_t i = 0; i < count; ++i) {
        Moment moment;
        moment.t = r.u64();
        moment.lane = r.u16();
        checkLane(moment.lane);
        const std::uint8_t kind = r.u8();
        if (kind < std::uint8_t(MomentKind::LostUpdate) ||
            kind > std::uint8_t(MomentKind::PoolBusy))
            r.fail("unknown kind of moment " + std::to_string(kind));
        moment.kind = MomentKind(kind);
        moment.text = r.string();
        const std::uint64_t points = r.count(10);
        for (std::uint64_t k = 0; k < points; ++k) {
            MomentPoint point;
            point.lane = r.u16();
            checkLane(point.lane);
            point.t = r.u64();
            moment.points.push_back(point);
        }
        trace.moments.push_back(std::move(moment));
    }
    expectEnd(r);
}

void readView(const SectionData& s, TraceStore& trace)
{
    ByteReader r = s.reader();
    SavedView view;
    view.start = r.u64();
    view.end = r.u64();
    view.selectionStart = r.u64();
    view.selectionEnd = r.u64();
    view.scrollY = std::max(0, r.i32());
    expectEnd(r);
    // A nonsensical view is not worth refusing the trace for: show everything instead.
    if (view.valid() && view.selectionEnd >= view.selectionStart)
        trace.view = view;
}

void readImported(const SectionData& s, TraceStore& trace)
{
    ByteReader r = s.reader();
    // Empty for Interleave's own recordings that carry slices or flows.
    trace.run.importedFrom = r.string();
    const std::uint64_t processes = r.count(13);
    for (std::uint64_t i = 0; i < processes; ++i) {
        ProcessInfo process;
        process.pid = r.i32();
        process.name = r.string();
        process.sortIndex = r.i64();
        trace.processes.push_back(std::move(process));
    }
    const std::uint64_t lanes = r.count(8);
    if (lanes != trace.laneCount())
        r.fail("lane order for " + std::to_string(lanes) + " lanes but there are " +
               std::to_string(trace.laneCount()));
    for (std::uint64_t i = 0; i < lanes; ++i)
        trace.lane(std::size_t(i)).info.sortIndex = r.i64();
    const std::size_t strings = trace.stringCount();
    const std::uint64_t flows = r.count(24);
    for (std::uint64_t i = 0; i < flows; ++i) {
        Flow flow;
        flow.fromTime = r.u64();
        flow.toTime = r.u64();
        flow.fromLane = r.u16();
        flow.toLane = r.u16();
        flow.name = r.u32();
        if (flow.fromLane >= lanes || flow.toLane >= lanes)
            r.fail("flow between unknown lanes");
        if (flow.name >= strings)
            r.fail("flow refers to unknown string " + std::to_string(flow.name));
        trace.flows.push_back(flow);
    }
    // One buffer for every lane, reserved, not sized: a fresh zero-filled vector per lane cost
    // a memset and a page fault per 4 KiB of every lane's slices.
    std::vector<Slice> slices;
    for (std::uint64_t lane = 0; lane < lanes; ++lane) {
        const std::uint64_t count = r.count(16);
        slices.clear();
        slices.reserve(static_cast<std::size_t>(count));
        std::uint64_t previousStart = 0;
        for (std::uint64_t i = 0; i < count; ++i) {
            Slice slice;
            const std::uint64_t zigzag = r.varint();
            const auto delta = std::int64_t((zigzag >> 1) ^ (~(zigzag & 1) + 1));
            slice.start = previousStart + std::uint64_t(delta);
            const std::uint64_t duration = r.varint();
            if (duration > ~slice.start)
                r.fail("slice time overflow in lane " + std::to_string(lane));
            slice.end = slice.start + duration;
            slice.name = r.u32();
            slice.category = r.u32();
            slice.args = r.u32();
            slice.depth = r.u16();
            if (slice.name >= strings || slice.category >= strings || slice.args >= strings)
                r.fail("slice refers to unknown string in lane " + std::to_string(lane));
            if (slice.depth >= 1024)
                r.fail("slice nested implausibly deep in lane " + std::to_string(lane));
            previousStart = slice.start;
            slices.push_back(slice);
        }
        if (!slices.empty())
            trace.lane(std::size_t(lane)).slices.assign(slices);
    }
    expectEnd(r);
}

} // namespace interleave::itrace
