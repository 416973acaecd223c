#include "format/itracereader.h"

#include "base/regularfile.h"
#include "format/bytecodec.h"
#include "format/itraceformat.h"
#include "trace/tracestore.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fcntl.h>
#include <map>
#include <mutex>
#include <optional>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>
#include <xxhash.h>
#include <zstd.h>

namespace interleave {

namespace itrace {
const char* sectionName(std::uint32_t type)
{
    switch (SectionType(type)) {
    case SectionType::Metadata: return "metadata";
    case SectionType::Strings: return "strings";
    case SectionType::Workers: return "workers";
    case SectionType::Objects: return "objects";
    case SectionType::Events: return "events";
    case SectionType::Samples: return "samples";
    case SectionType::Results: return "results";
    case SectionType::Rings: return "rings";
    case SectionType::Spans: return "spans";
    case SectionType::Counters: return "counters";
    case SectionType::Annotations: return "annotations";
    case SectionType::View: return "view";
    case SectionType::Imported: return "imported";
    }
    return "unknown";
}
} // namespace itrace

namespace {

using itrace::SectionType;

/// Raw (decompressed) section sizes beyond this are refused before any allocation.
constexpr std::uint64_t kMaxRawSection = 64ull << 30;

[[noreturn]] void corrupt(const std::string& what)
{
    throw FormatError("corrupt trace: " + what);
}

struct SectionEntry {
    std::uint32_t type;
    std::uint32_t flags;
    std::uint64_t offset;
    std::uint64_t stored;
    std::uint64_t raw;
    std::uint64_t checksum;
};

/// A verified section's bytes (decompressed if needed) and where it sits in the file.
struct SectionData {
    std::vector<std::uint8_t> owned;
    const std::uint8_t* data = nullptr;
    std::size_t size = 0;
    std::uint64_t fileOffset = 0;
    std::string name;

    ByteReader reader() const { return ByteReader(data, size, name, fileOffset); }
};

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

std::vector<SectionEntry> readTable(const std::uint8_t* data, std::size_t size)
{
    if (size < itrace::kHeaderSize)
        corrupt("file too short for a header (" + std::to_string(size) + " bytes)");
    ByteReader header(data, itrace::kHeaderSize, "header", 0);
    header.take(sizeof itrace::kMagic);
    const std::uint16_t major = header.u16();
    const std::uint16_t minor = header.u16();
    const std::uint32_t count = header.u32();
    const std::uint64_t tableOffset = header.u64();
    const std::uint64_t fileSize = header.u64();
    const std::uint64_t checksum = header.u64();
    if (major != itrace::kMajor)
        throw FormatError("trace format " + std::to_string(major) + "." + std::to_string(minor) +
                          " is not supported (this Interleave reads format " +
                          std::to_string(itrace::kMajor) + ".x)");
    if (checksum != XXH3_64bits(data, 32))
        corrupt("header checksum mismatch");
    for (std::size_t i = 40; i < itrace::kHeaderSize; ++i) {
        if (data[i] != 0)
            corrupt("header padding is not zero");
    }
    if (fileSize != size)
        corrupt(fileSize > size ? "file is truncated: header says " + std::to_string(fileSize) +
                                      " bytes, found " + std::to_string(size)
                                : "unexpected bytes after the end of the trace");
    if (count == 0 || count > 1024)
        corrupt("implausible section count " + std::to_string(count));
    const std::uint64_t tableBytes = std::uint64_t(count) * itrace::kTableEntrySize + 8;
    if (tableOffset < itrace::kHeaderSize || tableOffset > size || size - tableOffset != tableBytes)
        corrupt("section table out of bounds (offset " + std::to_string(tableOffset) + ")");
    if (XXH3_64bits(data + tableOffset, tableBytes - 8) !=
        ByteReader(data + size - 8, 8, "table", size - 8).u64())
        corrupt("section table checksum mismatch");

    ByteReader table(data + tableOffset, std::size_t(tableBytes - 8), "table", tableOffset);
    std::vector<SectionEntry> entries;
    for (std::uint32_t i = 0; i < count; ++i) {
        SectionEntry e{table.u32(), table.u32(), table.u64(),
                       table.u64(), table.u64(), table.u64()};
        const std::string name = itrace::sectionName(e.type);
        if (e.offset < itrace::kHeaderSize || e.offset > tableOffset ||
            e.stored > tableOffset - e.offset)
            corrupt("section '" + name + "' out of bounds (offset " + std::to_string(e.offset) +
                    ", " + std::to_string(e.stored) + " bytes)");
        if ((e.flags & ~std::uint32_t(itrace::Compressed | itrace::Optional)) != 0)
            corrupt("section '" + name + "' has unknown flags");
        entries.push_back(e);
    }
    std::vector<SectionEntry> byOffset = entries;
    std::sort(byOffset.begin(), byOffset.end(),
              [](const SectionEntry& x, const SectionEntry& y) { return x.offset < y.offset; });
    for (std::size_t i = 1; i < byOffset.size(); ++i) {
        if (byOffset[i - 1].offset + byOffset[i - 1].stored > byOffset[i].offset)
            corrupt("sections overlap at offset " + std::to_string(byOffset[i].offset));
    }
    return entries;
}

SectionData openSection(const std::uint8_t* file, const SectionEntry& e)
{
    SectionData section;
    section.name = itrace::sectionName(e.type);
    section.fileOffset = e.offset;
    const std::uint8_t* stored = file + e.offset;
    if (XXH3_64bits(stored, e.stored) != e.checksum)
        corrupt("section '" + section.name + "' at offset " + std::to_string(e.offset) +
                ": checksum mismatch");
    if ((e.flags & itrace::Compressed) == 0) {
        if (e.raw != e.stored)
            corrupt("section '" + section.name + "': size mismatch");
        section.data = stored;
        section.size = std::size_t(e.stored);
        return section;
    }
    const unsigned long long content = ZSTD_getFrameContentSize(stored, e.stored);
    if (content == ZSTD_CONTENTSIZE_ERROR || content == ZSTD_CONTENTSIZE_UNKNOWN ||
        content != e.raw || e.raw > kMaxRawSection)
        corrupt("section '" + section.name + "' at offset " + std::to_string(e.offset) +
                ": bad compressed frame");
    section.owned.resize(std::size_t(e.raw));
    const std::size_t n =
        ZSTD_decompress(section.owned.data(), section.owned.size(), stored, e.stored);
    if (ZSTD_isError(n) || n != e.raw)
        corrupt("section '" + section.name + "' at offset " + std::to_string(e.offset) +
                ": cannot decompress");
    section.data = section.owned.data();
    section.size = section.owned.size();
    return section;
}

void expectEnd(const ByteReader& r)
{
    if (!r.atEnd())
        r.fail(std::to_string(r.remaining()) + " unexpected bytes at the end");
}

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
template <class Decode>
void decodeLanesInParallel(const SectionData& s, std::vector<LaneBlob> blobs, Decode decode,
                           const Progress& progress = {})
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
            std::vector<std::uint8_t> raw;
            for (const LaneBlob& blob : bucket) {
                if (stop.load(std::memory_order_relaxed))
                    return;
                if (reports)
                    progress.report(bytes > 0 ? double(decoded.load()) / double(bytes) : 0.0);
                const std::uint8_t* frame = s.data + blob.offset;
                const unsigned long long content = ZSTD_getFrameContentSize(frame, blob.stored);
                if (content != blob.raw)
                    ByteReader(frame, 0, s.name, s.fileOffset, blob.offset)
                        .fail("bad compressed frame for lane " + std::to_string(blob.lane));
                raw.resize(blob.raw);
                const std::size_t n = ZSTD_decompress(raw.data(), raw.size(), frame, blob.stored);
                if (ZSTD_isError(n) || n != blob.raw)
                    ByteReader(frame, 0, s.name, s.fileOffset, blob.offset)
                        .fail("cannot decompress lane " + std::to_string(blob.lane));
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
    trace.run.importedFrom = r.string();
    if (trace.run.importedFrom.empty())
        r.fail("imported trace without its source format");
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
    for (std::uint64_t lane = 0; lane < lanes; ++lane) {
        const std::uint64_t count = r.count(16);
        std::vector<Slice> slices(static_cast<std::size_t>(count));
        std::uint64_t previousStart = 0;
        for (Slice& slice : slices) {
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
        }
        trace.lane(std::size_t(lane)).slices.assign(std::move(slices));
    }
    expectEnd(r);
}

} // namespace

bool looksLikeItrace(const std::uint8_t* data, std::size_t size)
{
    return size >= sizeof itrace::kMagic &&
           std::memcmp(data, itrace::kMagic, sizeof itrace::kMagic) == 0;
}

std::shared_ptr<TraceStore> decodeTrace(const std::uint8_t* data, std::size_t size,
                                        const Progress& progress)
{
    if (!looksLikeItrace(data, size))
        throw FormatError("not an Interleave trace (unrecognised file header)");
    const std::vector<SectionEntry> entries = readTable(data, size);

    std::map<std::uint32_t, const SectionEntry*> byType;
    for (const SectionEntry& e : entries) {
        if (!byType.emplace(e.type, &e).second)
            corrupt(std::string("section '") + itrace::sectionName(e.type) + "' appears twice");
        const bool known = e.type >= std::uint32_t(SectionType::Metadata) &&
                           e.type <= std::uint32_t(SectionType::Imported);
        if (!known && (e.flags & itrace::Optional) == 0)
            throw FormatError("trace needs a newer Interleave: unknown section type " +
                              std::to_string(e.type));
    }
    auto section = [&](SectionType type, bool required) -> std::optional<SectionData> {
        const auto it = byType.find(std::uint32_t(type));
        if (it == byType.end()) {
            if (required)
                corrupt(std::string("missing section '") +
                        itrace::sectionName(std::uint32_t(type)) + "'");
            return std::nullopt;
        }
        return openSection(data, *it->second);
    };

    auto trace = std::make_shared<TraceStore>();
    readMetadata(*section(SectionType::Metadata, true), *trace);
    readStrings(*section(SectionType::Strings, true), *trace);
    readWorkers(*section(SectionType::Workers, true), *trace);
    readObjects(*section(SectionType::Objects, true), *trace);
    progress.report(0.02);
    const auto [events, lastEvent] =
        readEvents(*section(SectionType::Events, true), *trace, progress.stage(0.02, 0.85));
    readSpans(*section(SectionType::Spans, true), *trace);
    readCounters(*section(SectionType::Counters, true), *trace);
    if (auto samples = section(SectionType::Samples, false))
        readSamples(*samples, *trace);
    if (auto results = section(SectionType::Results, false))
        readResults(*results, *trace);
    if (auto rings = section(SectionType::Rings, false))
        readRings(*rings, *trace);
    if (auto notes = section(SectionType::Annotations, false))
        readAnnotations(*notes, *trace);
    if (auto view = section(SectionType::View, false))
        readView(*view, *trace);
    if (auto imported = section(SectionType::Imported, false))
        readImported(*imported, *trace);
    progress.report(1.0);
    trace->finishLoading(events, lastEvent);
    return trace;
}

std::shared_ptr<TraceStore> loadItrace(const std::string& path, const Progress& progress)
{
    std::size_t size = 0;
    const int fd = openRegularFile(path, size);
    std::vector<std::uint8_t> bytes(size);
    std::size_t got = 0;
    const Progress reading = progress.stage(0, 0.3);
    constexpr std::size_t kSlice = 16u << 20;
    while (got < bytes.size()) {
        try {
            reading.report(double(got) / double(bytes.size()));
        } catch (...) {
            close(fd);
            throw;
        }
        const ssize_t n = read(fd, bytes.data() + got, std::min(kSlice, bytes.size() - got));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            const int error = n < 0 ? errno : EIO;
            close(fd);
            throw SystemError("cannot read '" + path + "'", error);
        }
        got += std::size_t(n);
    }
    close(fd);
    return decodeTrace(bytes.data(), bytes.size(), progress.stage(0.3, 1.0));
}

} // namespace interleave
