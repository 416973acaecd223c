#include "base/errors.h"
#include "base/progress.h"
#include "format/itracesections.h"
#include "format/zstdframe.h"
#include "trace/slicerows.h"
#include "trace/tracestore.h"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <functional>
#include <mutex>
#include <thread>

namespace interleave::itrace {

namespace {

bool isKnownKind(std::uint8_t kind)
{
    switch (EventKind(kind)) {
    case EventKind::WorkerSpawn:
    case EventKind::WorkerStart:
    case EventKind::WorkerEnd:
    case EventKind::WorkerExit:
    case EventKind::JoinBegin:
    case EventKind::JoinEnd:
    case EventKind::ComputeBegin:
    case EventKind::ComputeEnd:
    case EventKind::SleepBegin:
    case EventKind::SleepEnd:
    case EventKind::Print:
    case EventKind::Mark:
    case EventKind::TaskBegin:
    case EventKind::TaskEnd:
    case EventKind::Instant:
    case EventKind::LockRequest:
    case EventKind::LockAcquire:
    case EventKind::LockRelease:
    case EventKind::LockGiveUp:
    case EventKind::GilRequest:
    case EventKind::GilDropRequest:
    case EventKind::GilAcquire:
    case EventKind::GilRelease:
    case EventKind::QueuePutBegin:
    case EventKind::QueuePut:
    case EventKind::QueueGetBegin:
    case EventKind::QueueGet:
    case EventKind::QueueTaskDone:
    case EventKind::QueueJoinBegin:
    case EventKind::QueueJoinEnd:
    case EventKind::PipeSend:
    case EventKind::PipeRecvBegin:
    case EventKind::PipeRecv:
    case EventKind::ValueRead:
    case EventKind::ValueWrite: return true;
    default: return false;
    }
}

bool usesObject(EventKind kind)
{
    const auto k = std::uint8_t(kind);
    return (k >= std::uint8_t(EventKind::LockRequest) &&
            k <= std::uint8_t(EventKind::ValueWrite)) ||
           kind == EventKind::TaskBegin || kind == EventKind::TaskEnd;
}

/// Decodes one varint at p (< end); false when it runs past the end or over 10 bytes.
inline bool nextVarint(const std::uint8_t*& p, const std::uint8_t* end, std::uint64_t& value)
{
    if (p < end && *p < 0x80) { // the common one-byte case
        value = *p++;
        return true;
    }
    value = 0;
    for (int shift = 0; shift < 70 && p < end; shift += 7) {
        const std::uint8_t byte = *p++;
        value |= std::uint64_t(byte & 0x7F) << shift;
        if ((byte & 0x80) == 0)
            return true;
    }
    return false;
}

/// Which kinds an event may have, and which refer to objects, strings or workers.
struct KindTable {
    bool known[256] = {};
    bool object[256] = {};
    bool string[256] = {};
    bool worker[256] = {};
    KindTable()
    {
        for (int k = 0; k < 256; ++k) {
            known[k] = isKnownKind(std::uint8_t(k));
            object[k] = known[k] && usesObject(EventKind(k));
        }
        string[std::size_t(EventKind::Print)] = string[std::size_t(EventKind::Mark)] = true;
        string[std::size_t(EventKind::Instant)] = true;
        for (EventKind k : {EventKind::WorkerSpawn, EventKind::JoinBegin, EventKind::JoinEnd})
            worker[std::size_t(k)] = true;
    }
};

/// Where one lane's zstd frame sits in a per-lane section, and its decompressed size.
struct LaneBlob {
    std::uint16_t lane = 0;
    std::size_t offset = 0;
    std::size_t stored = 0;
    std::size_t raw = 0;
};

/// The index of a per-lane section: one frame per lane, sizes adding up to the rest.
std::vector<LaneBlob> readLaneIndex(ByteReader& r, const TraceStore& trace)
{
    const std::uint64_t lanes = r.count(18);
    if (lanes != trace.laneCount())
        r.fail("has " + std::to_string(lanes) + " lanes but there are " +
               std::to_string(trace.laneCount()) + " workers");
    std::vector<bool> seen(trace.laneCount(), false);
    std::vector<LaneBlob> blobs;
    std::uint64_t total = 0;
    for (std::uint64_t l = 0; l < lanes; ++l) {
        LaneBlob blob;
        blob.lane = r.u16();
        if (blob.lane >= seen.size() || seen[blob.lane])
            r.fail("bad or repeated lane id " + std::to_string(blob.lane));
        seen[blob.lane] = true;
        const std::uint64_t stored = r.u64();
        const std::uint64_t raw = r.u64();
        if (stored > r.remaining() || total > r.remaining() - stored)
            r.fail("lane " + std::to_string(blob.lane) + " runs past the section");
        if (raw > kMaxRawSection)
            r.fail("lane " + std::to_string(blob.lane) + " is implausibly large");
        blob.stored = std::size_t(stored);
        blob.raw = std::size_t(raw);
        total += stored;
        blobs.push_back(blob);
    }
    if (total != r.remaining())
        r.fail("lane sizes do not add up to the section");
    std::size_t offset = r.position();
    for (LaneBlob& blob : blobs) {
        blob.offset = offset;
        offset += blob.stored;
    }
    return blobs;
}

/// Decompresses and decodes every lane, on up to one thread per core, largest lanes first;
/// lanes are independent, so a big trace loads several times faster. decode(blob, reader)
/// gets a reader over the lane's decompressed bytes. Rethrows the first error.
using DecodeLane = std::function<void(const LaneBlob&, ByteReader&)>;

void decodeLanesInParallel(const SectionData& s, std::vector<LaneBlob> blobs,
                           const DecodeLane& decode, const Progress& progress = {})
{
    std::sort(blobs.begin(), blobs.end(),
              [](const LaneBlob& x, const LaneBlob& y) { return x.raw > y.raw; });
    std::size_t bytes = 0;
    for (const LaneBlob& blob : blobs)
        bytes += blob.raw;
    const std::size_t cores = std::max(1u, std::thread::hardware_concurrency());
    const std::size_t threads =
        bytes < (1u << 20) ? 1 : std::min<std::size_t>({cores, blobs.size(), 8});
    std::vector<std::vector<LaneBlob>> buckets(std::max<std::size_t>(threads, 1));
    std::vector<std::size_t> load(buckets.size(), 0);
    for (const LaneBlob& blob : blobs) {
        const auto least = std::size_t(std::min_element(load.begin(), load.end()) - load.begin());
        buckets[least].push_back(blob);
        load[least] += blob.raw;
    }
    std::mutex errorMutex;
    std::exception_ptr error;
    std::atomic<std::size_t> decoded{0};
    std::atomic<bool> stop{false};
    // Only the calling thread reports (the callback may not be thread-safe); a cancel or an
    // error stops the other threads at their next lane.
    auto work = [&](const std::vector<LaneBlob>& bucket, bool reports) {
        try {
            ByteBuffer raw;
            for (const LaneBlob& blob : bucket) {
                if (stop.load(std::memory_order_relaxed))
                    return;
                if (reports)
                    progress.report(bytes > 0 ? double(decoded.load()) / double(bytes) : 0.0);
                const std::uint8_t* frame = s.data + blob.offset;
                decompressFrame(frame, blob.stored, blob.raw, raw,
                                "section '" + s.name + "', lane " + std::to_string(blob.lane));
                ByteReader reader(raw.data(), raw.size(),
                                  s.name + " of lane " + std::to_string(blob.lane),
                                  s.fileOffset + blob.offset, 0);
                decode(blob, reader);
                decoded += blob.raw;
            }
        } catch (...) {
            stop = true;
            std::lock_guard lock(errorMutex);
            if (!error)
                error = std::current_exception();
        }
    };
    std::vector<std::thread> pool;
    for (std::size_t t = 1; t < buckets.size(); ++t)
        pool.emplace_back(work, std::cref(buckets[t]), false);
    work(buckets[0], true);
    for (std::thread& thread : pool)
        thread.join();
    if (error)
        std::rethrow_exception(error);
}

} // namespace

/// Events arrive column by column per lane and are validated and copied in bulk: kinds, object
/// ids and every id a payload refers to are checked before anything is stored.
std::pair<std::uint64_t, std::uint64_t> readEvents(const SectionData& s, TraceStore& trace,
                                                   const Progress& progress)
{
    static const KindTable table;
    ByteReader index = s.reader();
    const std::vector<LaneBlob> blobs = readLaneIndex(index, trace);
    const std::size_t objects = trace.objects().size();
    const std::size_t strings = trace.stringCount();
    const std::size_t workers = trace.laneCount();
    std::vector<std::uint64_t> counts(workers, 0), lasts(workers, 0);

    decodeLanesInParallel(
        s, blobs,
        [&](const LaneBlob& blob, ByteReader& r) {
            const std::uint16_t lane = blob.lane;
            const std::size_t n = std::size_t(r.count(7));
            std::vector<std::uint64_t> times(n);
            {
                const std::uint8_t* p = r.here();
                const std::uint8_t* end = p + r.remaining();
                const std::uint8_t* start = p;
                std::uint64_t t = 0;
                for (std::size_t i = 0; i < n; ++i) {
                    std::uint64_t delta = 0;
                    if (!nextVarint(p, end, delta))
                        r.fail("truncated times in lane " + std::to_string(lane));
                    if (delta > ~t)
                        r.fail("time overflow in lane " + std::to_string(lane));
                    t += delta;
                    times[i] = t;
                }
                r.take(std::size_t(p - start));
            }
            const std::uint8_t* kinds = r.take(n);
            const std::uint8_t* flags = r.take(n);
            const std::uint8_t* cpus = r.take(n * 2);
            const std::uint8_t* objectIds = r.take(n * 2);
            const std::uint64_t payloadSize = r.varint();
            if (payloadSize != r.remaining())
                r.fail("payload size does not match lane " + std::to_string(lane));
            const std::uint8_t* payload = r.take(std::size_t(payloadSize));

            std::vector<std::uint32_t> checkpoints((n + EventColumns::kCheckpointEvery - 1) /
                                                   EventColumns::kCheckpointEvery);
            const std::uint8_t* p = payload;
            const std::uint8_t* end = payload + payloadSize;
            for (std::size_t i = 0; i < n; ++i) {
                if (i % EventColumns::kCheckpointEvery == 0)
                    checkpoints[i / EventColumns::kCheckpointEvery] = std::uint32_t(p - payload);
                const std::uint8_t kind = kinds[i];
                if (!table.known[kind])
                    r.fail("unknown event kind " + std::to_string(kind) + " in lane " +
                           std::to_string(lane) + " at index " + std::to_string(i));
                if (table.object[kind]) {
                    std::uint16_t object = 0;
                    std::memcpy(&object, objectIds + 2 * i, 2);
                    if (object >= objects)
                        r.fail("event refers to unknown object " + std::to_string(object));
                }
                std::uint64_t a = 0, b = 0;
                if (!nextVarint(p, end, a) || !nextVarint(p, end, b))
                    r.fail("truncated payload in lane " + std::to_string(lane));
                if (table.string[kind] && a >= strings)
                    r.fail("event refers to unknown string " + std::to_string(a));
                if (kind == std::uint8_t(EventKind::Instant) &&
                    ((b & 1) != 0 || (b >> 1) >= strings))
                    r.fail("event refers to unknown string " + std::to_string(b >> 1));
                if (table.worker[kind] && a >= workers)
                    r.fail("event refers to unknown worker " + std::to_string(a));
            }
            if (p != end)
                r.fail("payload longer than its events in lane " + std::to_string(lane));
            if (payloadSize > 0xFFFFFFF0u)
                r.fail("lane payload too large");
            trace.lane(lane).events.appendColumns(n, times.data(), kinds, flags, cpus, objectIds,
                                                  payload, std::size_t(payloadSize),
                                                  checkpoints.data());
            counts[lane] = n;
            lasts[lane] = n > 0 ? times[n - 1] : 0;
        },
        progress);
    std::uint64_t total = 0, last = 0;
    for (std::size_t i = 0; i < workers; ++i) {
        total += counts[i];
        last = std::max(last, lasts[i]);
    }
    return {total, last};
}

void readSpans(const SectionData& s, TraceStore& trace)
{
    ByteReader index = s.reader();
    const std::vector<LaneBlob> blobs = readLaneIndex(index, trace);
    const std::size_t objects = trace.objects().size();
    const std::size_t workers = trace.laneCount();
    decodeLanesInParallel(s, blobs, [&](const LaneBlob& blob, ByteReader& r) {
        const std::uint16_t lane = blob.lane;
        const std::size_t n = std::size_t(r.count(7));
        std::vector<StateSpan> spans(n);
        {
            const std::uint8_t* p = r.here();
            const std::uint8_t* end = p + r.remaining();
            const std::uint8_t* start = p;
            std::uint64_t previousEnd = 0;
            for (StateSpan& span : spans) {
                std::uint64_t gap = 0, duration = 0;
                if (!nextVarint(p, end, gap) || !nextVarint(p, end, duration))
                    r.fail("truncated spans in lane " + std::to_string(lane));
                if (gap > ~previousEnd || duration > ~(previousEnd + gap))
                    r.fail("span time overflow in lane " + std::to_string(lane));
                span.start = previousEnd + gap;
                span.end = span.start + duration;
                previousEnd = span.end;
            }
            r.take(std::size_t(p - start));
        }
        const std::uint8_t* states = r.take(n);
        const std::uint8_t* objectIds = r.take(2 * n);
        const std::uint8_t* related = r.take(2 * n);
        for (std::size_t i = 0; i < n; ++i) {
            if (states[i] >= kLaneStateCount)
                r.fail("unknown state " + std::to_string(states[i]));
            spans[i].state = LaneState(states[i]);
            std::memcpy(&spans[i].object, objectIds + 2 * i, 2);
            std::memcpy(&spans[i].related, related + 2 * i, 2);
            if (spans[i].object != 0 && spans[i].object >= objects)
                r.fail("span refers to unknown object " + std::to_string(spans[i].object));
            if (spans[i].related != kNoWorker && spans[i].related >= workers)
                r.fail("span refers to unknown worker " + std::to_string(spans[i].related));
        }
        if (!r.atEnd())
            r.fail("unexpected bytes after the spans of lane " + std::to_string(lane));
        SpanList& out = trace.lane(lane).spans;
        for (const StateSpan& span : spans)
            out.push_back(span);
    });
}

void readSlices(const SectionData& s, TraceStore& trace)
{
    ByteReader index = s.reader();
    const std::vector<LaneBlob> blobs = readLaneIndex(index, trace);
    const std::size_t strings = trace.stringCount();
    decodeLanesInParallel(s, blobs, [&](const LaneBlob& blob, ByteReader& r) {
        const std::uint16_t lane = blob.lane;
        const auto fail = [&](const std::string& what) {
            r.fail(what + " in the slices of lane " + std::to_string(lane));
        };
        SliceRows& rows = trace.lane(lane).slices;
        if (!rows.empty())
            fail("slices given twice");
        // A depth byte and five one-byte varints at least per slice.
        const std::size_t n = std::size_t(r.count(6));
        const std::uint8_t* p = r.here();
        const std::uint8_t* end = p + r.remaining();
        std::vector<std::uint16_t> depths(n);
        std::vector<std::size_t> sizes;
        for (std::uint16_t& depth : depths) {
            std::uint64_t d = 0;
            if (!nextVarint(p, end, d))
                fail("truncated depths");
            if (d >= 1024)
                fail("slice nested implausibly deep");
            depth = std::uint16_t(d);
            if (depth >= sizes.size())
                sizes.resize(std::size_t(depth) + 1, 0);
            ++sizes[depth];
        }
        rows.reserveRows(sizes);
        std::uint64_t previousStart = 0;
        for (const std::uint16_t depth : depths) {
            std::uint64_t zigzag = 0, length = 0, name = 0, category = 0, args = 0;
            if (!nextVarint(p, end, zigzag) || !nextVarint(p, end, length) ||
                !nextVarint(p, end, name) || !nextVarint(p, end, category) ||
                !nextVarint(p, end, args))
                fail("truncated slice");
            const auto delta = std::int64_t((zigzag >> 1) ^ (~(zigzag & 1) + 1));
            const std::uint64_t start = previousStart + std::uint64_t(delta);
            if (length > ~start)
                fail("slice time overflow");
            if (name >= strings || category >= strings || args >= strings)
                fail("unknown string");
            rows.add(Slice{start, start + length, std::uint32_t(name), std::uint32_t(category),
                           std::uint32_t(args), depth, 0});
            previousStart = start;
        }
        rows.finishRows();
        r.take(std::size_t(p - r.here()));
        if (!r.atEnd())
            fail("unexpected bytes after the slices");
    });
}

} // namespace interleave::itrace
