#include "format/itracewriter.h"

#include "base/errors.h"
#include "format/atomicfile.h"
#include "format/bytecodec.h"
#include "format/itraceformat.h"
#include "trace/tracestore.h"

#include <algorithm>
#include <xxhash.h>
#include <zstd.h>

namespace interleave {

namespace {

using itrace::SectionType;

struct Section {
    SectionType type;
    std::uint32_t flags;
    std::vector<std::uint8_t> stored;
    std::uint64_t rawSize;
};

void writeResultValue(ByteWriter& w, const ResultValue& value)
{
    if (const auto* i = std::get_if<std::int64_t>(&value)) {
        w.u8(0);
        w.i64(*i);
    } else if (const auto* d = std::get_if<double>(&value)) {
        w.u8(1);
        w.f64(*d);
    } else if (const auto* b = std::get_if<bool>(&value)) {
        w.u8(2);
        w.u8(*b ? 1 : 0);
    } else {
        w.u8(3);
        w.string(std::get<std::string>(value));
    }
}

ByteWriter metadata(const TraceStore& trace)
{
    const RunInfo& run = trace.run;
    ByteWriter w;
    w.string(run.scenario);
    w.string(run.title);
    w.string(run.version);
    w.string(run.outcome);
    w.string(run.message);
    w.u32(std::uint32_t(run.machine.cores));
    w.string(run.machine.cpuModel);
    w.string(run.machine.kernel);
    w.u64(run.startNs);
    w.u64(run.endNs);
    w.i64(run.wallClockStartMs);
    w.u8(run.gil ? 1 : 0);
    w.u32(run.switchIntervalUs);
    w.varint(run.parameters.size());
    for (const auto& [name, value] : run.parameters) {
        w.string(name);
        w.string(value);
    }
    return w;
}

ByteWriter strings(const TraceStore& trace)
{
    ByteWriter w;
    w.varint(trace.stringCount());
    for (std::size_t i = 0; i < trace.stringCount(); ++i)
        w.string(trace.string(std::uint32_t(i)));
    return w;
}

ByteWriter workers(const TraceStore& trace)
{
    ByteWriter w;
    w.varint(trace.laneCount());
    for (std::size_t i = 0; i < trace.laneCount(); ++i) {
        const WorkerInfo& info = trace.lane(i).info;
        w.u16(info.id);
        w.string(info.name);
        w.string(info.role);
        w.u8(std::uint8_t(info.kind));
        w.u16(info.parent);
        w.u8(info.gil ? 1 : 0);
        w.i32(info.pid);
        w.i32(info.tid);
        w.u64(info.spawnNs);
        w.u64(info.startNs);
        w.u64(info.endNs);
        w.u8(std::uint8_t(info.fate));
        w.i32(info.exitCode);
    }
    return w;
}

ByteWriter objects(const TraceStore& trace)
{
    ByteWriter w;
    w.varint(trace.objects().size());
    for (const ObjectInfo& object : trace.objects()) {
        w.u16(object.id);
        w.u8(std::uint8_t(object.kind));
        w.string(object.name);
        w.u8(object.processShared ? 1 : 0);
        w.u32(object.capacity);
        w.i32(object.ownerPid);
    }
    return w;
}

std::vector<std::uint8_t> zstdCompress(const std::uint8_t* data, std::size_t size)
{
    std::vector<std::uint8_t> out(ZSTD_compressBound(size));
    const std::size_t n = ZSTD_compress(out.data(), out.size(), data, size, 3);
    if (ZSTD_isError(n))
        throw std::runtime_error(std::string("zstd: ") + ZSTD_getErrorName(n));
    out.resize(n);
    return out;
}

/// Per-lane blobs, each its own zstd frame, behind an index (lane id, stored size, raw size):
/// a reader decompresses and decodes lanes in parallel.
template <class EncodeLane>
ByteWriter perLane(const TraceStore& trace, EncodeLane encode, const Progress& progress = {})
{
    std::vector<std::vector<std::uint8_t>> frames(trace.laneCount());
    std::vector<std::uint64_t> rawSizes(trace.laneCount());
    for (std::size_t i = 0; i < trace.laneCount(); ++i) {
        progress.report(double(i) / double(trace.laneCount()));
        ByteWriter blob;
        encode(trace.lane(i), blob);
        rawSizes[i] = blob.size();
        frames[i] = zstdCompress(blob.bytes().data(), blob.size());
    }
    ByteWriter w;
    w.varint(trace.laneCount());
    for (std::size_t i = 0; i < trace.laneCount(); ++i) {
        w.u16(trace.lane(i).info.id);
        w.u64(frames[i].size());
        w.u64(rawSizes[i]);
    }
    for (const auto& frame : frames)
        w.raw(frame.data(), frame.size());
    return w;
}

/// Column by column per lane: delta-coded times, then kinds, flags, cpus, objects, payloads.
/// Columns of like values compress far better than interleaved records.
ByteWriter events(const TraceStore& trace, const Progress& progress)
{
    return perLane(
        trace,
        [](const Lane& lane, ByteWriter& w) {
            const std::size_t count = lane.events.size();
            w.varint(count);
            std::vector<std::uint8_t> kinds, flags;
            std::vector<std::uint16_t> cpus, objectIds;
            ByteWriter payload;
            kinds.reserve(count);
            flags.reserve(count);
            cpus.reserve(count);
            objectIds.reserve(count);
            std::uint64_t previous = 0;
            lane.events.forEach(0, count, lane.info.id, [&](const Event& e) {
                w.varint(e.tNs - previous);
                previous = e.tNs;
                kinds.push_back(std::uint8_t(e.kind));
                flags.push_back(e.flags);
                cpus.push_back(e.cpu);
                objectIds.push_back(e.object);
                payload.varint(e.a);
                payload.varint((e.b << 1) ^ std::uint64_t(std::int64_t(e.b) >> 63));
            });
            w.raw(kinds.data(), kinds.size());
            w.raw(flags.data(), flags.size());
            w.raw(cpus.data(), cpus.size() * sizeof(std::uint16_t));
            w.raw(objectIds.data(), objectIds.size() * sizeof(std::uint16_t));
            w.varint(payload.size());
            w.raw(payload.bytes().data(), payload.size());
        },
        progress);
}

/// Per lane: spans as gap / duration varints (contiguous spans have gap 0), then states,
/// objects and related workers as columns.
ByteWriter spans(const TraceStore& trace)
{
    return perLane(trace, [](const Lane& lane, ByteWriter& w) {
        w.varint(lane.spans.size());
        std::uint64_t previousEnd = 0;
        for (const StateSpan& span : lane.spans) {
            // The format stores gaps: spans out of order would wrap into a file no reader
            // accepts. Refuse here rather than write something that cannot be opened.
            if (span.start < previousEnd || span.end < span.start)
                throw FormatError("cannot save: lane '" + lane.info.name +
                                  "' has overlapping state spans at " + std::to_string(span.start) +
                                  " ns");
            w.varint(span.start - previousEnd);
            w.varint(span.end - span.start);
            previousEnd = span.end;
        }
        for (const StateSpan& span : lane.spans)
            w.u8(std::uint8_t(span.state));
        for (const StateSpan& span : lane.spans)
            w.u16(span.object);
        for (const StateSpan& span : lane.spans)
            w.u16(span.related);
    });
}

ByteWriter counters(const TraceStore& trace)
{
    ByteWriter w;
    w.varint(trace.counters().size());
    for (const CounterSeries& series : trace.counters()) {
        w.u8(std::uint8_t(series.kind));
        w.u16(series.key);
        w.string(series.name);
        w.varint(series.times.size());
        std::uint64_t previous = 0;
        for (std::uint64_t t : series.times) {
            w.varint(t - previous);
            previous = t;
        }
        for (double value : series.values)
            w.f64(value);
    }
    return w;
}

ByteWriter samples(const TraceStore& trace)
{
    ByteWriter w;
    w.varint(trace.samples().size());
    w.raw(trace.samples().data(), trace.samples().size() * sizeof(Event));
    return w;
}

ByteWriter results(const TraceStore& trace)
{
    ByteWriter w;
    w.string(trace.results.verdict);
    w.u8(trace.results.lessonShown ? 1 : 0);
    w.varint(trace.results.values.size());
    for (const auto& [name, value] : trace.results.values) {
        w.string(name);
        writeResultValue(w, value);
    }
    return w;
}

ByteWriter rings(const TraceStore& trace)
{
    ByteWriter w;
    w.u64(trace.rings.fullWaits);
    w.u64(trace.rings.stallNs);
    w.u64(trace.rings.dropped);
    w.u64(trace.rings.stringsDropped);
    return w;
}

ByteWriter annotations(const TraceStore& trace)
{
    ByteWriter w;
    w.varint(trace.annotations.size());
    for (const Annotation& note : trace.annotations) {
        w.u64(note.start);
        w.u64(note.end);
        w.u16(note.lane);
        w.string(note.text);
    }
    return w;
}

ByteWriter moments(const TraceStore& trace)
{
    ByteWriter w;
    w.varint(trace.moments.size());
    for (const Moment& moment : trace.moments) {
        w.u64(moment.t);
        w.u16(moment.lane);
        w.u8(std::uint8_t(moment.kind));
        w.string(moment.text);
        w.varint(moment.points.size());
        for (const MomentPoint& point : moment.points) {
            w.u16(point.lane);
            w.u64(point.t);
        }
    }
    return w;
}

ByteWriter view(const TraceStore& trace)
{
    const SavedView& view = trace.view;
    ByteWriter w;
    w.u64(view.start);
    w.u64(view.end);
    w.u64(view.selectionStart);
    w.u64(view.selectionEnd);
    w.i32(view.scrollY);
    return w;
}

/// What only imported traces have: the source format, processes, lane order, flows, and the
/// slices of every lane (start as a delta from the previous slice's start, then duration).
ByteWriter imported(const TraceStore& trace)
{
    ByteWriter w;
    w.string(trace.run.importedFrom);
    w.varint(trace.processes.size());
    for (const ProcessInfo& process : trace.processes) {
        w.i32(process.pid);
        w.string(process.name);
        w.i64(process.sortIndex);
    }
    w.varint(trace.laneCount());
    for (std::size_t i = 0; i < trace.laneCount(); ++i)
        w.i64(trace.lane(i).info.sortIndex);
    w.varint(trace.flows.size());
    for (const Flow& flow : trace.flows) {
        w.u64(flow.fromTime);
        w.u64(flow.toTime);
        w.u16(flow.fromLane);
        w.u16(flow.toLane);
        w.u32(flow.name);
    }
    // Slices are in their own per-lane section since 1.2; none here.
    for (std::size_t i = 0; i < trace.laneCount(); ++i)
        w.varint(0);
    return w;
}

/// Per lane: the count, every slice's depth (so a reader sizes each row exactly before it
/// decodes), then start (zigzag delta: rows follow each other, a start may go back), length
/// and string ids as varints, row after row.
ByteWriter slices(const TraceStore& trace)
{
    return perLane(trace, [](const Lane& lane, ByteWriter& w) {
        const SliceRows& rows = lane.slices;
        w.varint(rows.sliceCount());
        for (int depth = 0; depth < rows.depth(); ++depth) {
            for (std::size_t i = 0; i < rows.row(depth).size(); ++i)
                w.varint(std::uint64_t(depth));
        }
        std::uint64_t previousStart = 0;
        for (int depth = 0; depth < rows.depth(); ++depth) {
            const SliceRow& row = rows.row(depth);
            for (std::size_t i = 0; i < row.size(); ++i) {
                const Slice slice = row[i];
                const auto delta = std::int64_t(slice.start - previousStart);
                w.varint((std::uint64_t(delta) << 1) ^ std::uint64_t(delta >> 63));
                w.varint(slice.duration());
                w.varint(slice.name);
                w.varint(slice.category);
                w.varint(slice.args);
                previousStart = slice.start;
            }
        }
    });
}

Section plain(SectionType type, ByteWriter&& w)
{
    const std::uint64_t size = w.size();
    return Section{type, 0, std::move(w.bytes()), size};
}

Section compressed(SectionType type, ByteWriter&& w)
{
    const std::vector<std::uint8_t>& raw = w.bytes();
    return Section{type, itrace::Compressed, zstdCompress(raw.data(), raw.size()), raw.size()};
}

Section withFlags(Section section, std::uint32_t flags)
{
    section.flags |= flags;
    return section;
}

} // namespace

std::vector<std::uint8_t> encodeTrace(const TraceStore& trace, const Progress& progress)
{
    std::vector<Section> sections;
    progress.report(0);
    sections.push_back(plain(SectionType::Metadata, metadata(trace)));
    sections.push_back(compressed(SectionType::Strings, strings(trace)));
    sections.push_back(plain(SectionType::Workers, workers(trace)));
    sections.push_back(plain(SectionType::Objects, objects(trace)));
    // Compressed lane by lane inside (see perLane), not as a whole.
    sections.push_back(plain(SectionType::Events, events(trace, progress.stage(0.05, 0.8))));
    sections.push_back(plain(SectionType::Spans, spans(trace)));
    progress.report(0.85);
    sections.push_back(compressed(SectionType::Counters, counters(trace)));
    sections.push_back(compressed(SectionType::Samples, samples(trace)));
    sections.push_back(plain(SectionType::Results, results(trace)));
    sections.push_back(plain(SectionType::Rings, rings(trace)));
    if (!trace.annotations.empty())
        sections.push_back(
            withFlags(plain(SectionType::Annotations, annotations(trace)), itrace::Optional));
    if (!trace.moments.empty())
        sections.push_back(
            withFlags(plain(SectionType::Moments, moments(trace)), itrace::Optional));
    if (trace.view.valid())
        sections.push_back(withFlags(plain(SectionType::View, view(trace)), itrace::Optional));
    // Slices and flows are kept whatever recorded them: an Interleave JSON may carry a few.
    bool anySlices = false;
    for (std::size_t i = 0; i < trace.laneCount() && !anySlices; ++i)
        anySlices = !trace.lane(i).slices.empty();
    if (!trace.run.importedFrom.empty() || anySlices || !trace.flows.empty())
        sections.push_back(compressed(SectionType::Imported, imported(trace)));
    // Compressed lane by lane inside, like the events.
    if (anySlices)
        sections.push_back(plain(SectionType::Slices, slices(trace)));
    progress.report(0.95);

    ByteWriter file;
    file.raw(itrace::kMagic, sizeof itrace::kMagic);
    file.bytes().resize(itrace::kHeaderSize); // header filled in below

    ByteWriter table;
    for (const Section& section : sections) {
        table.u32(std::uint32_t(section.type));
        table.u32(section.flags);
        table.u64(file.size());
        table.u64(section.stored.size());
        table.u64(section.rawSize);
        table.u64(XXH3_64bits(section.stored.data(), section.stored.size()));
        file.raw(section.stored.data(), section.stored.size());
    }
    const std::uint64_t tableOffset = file.size();
    table.u64(XXH3_64bits(table.bytes().data(), table.size()));
    file.raw(table.bytes().data(), table.size());

    ByteWriter header;
    header.raw(itrace::kMagic, sizeof itrace::kMagic);
    header.u16(itrace::kMajor);
    header.u16(itrace::kMinor);
    header.u32(std::uint32_t(sections.size()));
    header.u64(tableOffset);
    header.u64(file.size());
    header.u64(XXH3_64bits(header.bytes().data(), header.size()));
    std::copy(header.bytes().begin(), header.bytes().end(), file.bytes().begin());
    return std::move(file.bytes());
}

void saveTrace(const TraceStore& trace, const std::string& path, const Progress& progress)
{
    const std::vector<std::uint8_t> bytes = encodeTrace(trace, progress.stage(0, 0.7));
    AtomicFile file(path);
    // In slices, so a save to a slow disk still moves the bar and can be cancelled; the
    // temporary file is removed if it is.
    constexpr std::size_t kSlice = 8u << 20;
    const Progress writing = progress.stage(0.7, 1.0);
    for (std::size_t done = 0; done < bytes.size(); done += kSlice) {
        writing.report(double(done) / double(bytes.size()));
        file.write(bytes.data() + done, std::min(kSlice, bytes.size() - done));
    }
    file.commit();
    progress.report(1.0);
}

} // namespace interleave
