#pragma once

#include "base/event.h"
#include "base/pagepool.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace interleave {

/// One lane's events, stored column-wise in fixed-size chunks: times as raw u64 (binary
/// searchable), kind / flags / cpu / object as narrow columns, and the a / b payloads as a
/// varint stream with a checkpoint every 64 events. About 18 bytes per event instead of 32, and
/// chunks never move once written.
class EventColumns {
public:
    static constexpr std::size_t kChunkShift = 12;
    static constexpr std::size_t kChunkSize = std::size_t(1) << kChunkShift;
    static constexpr std::size_t kCheckpointEvery = 64;

    EventColumns();
    ~EventColumns();
    EventColumns(EventColumns&&) noexcept;
    EventColumns& operator=(EventColumns&&) noexcept;

    /// Appends an event (its worker field is not stored: the lane knows it). Inline: this is the
    /// collector's per-event work.
    void append(const Event& event)
    {
        const std::size_t j = m_size & (kChunkSize - 1);
        if (j == 0 || m_current->payloadCapacity - m_current->payloadSize < kMaxPayload)
            [[unlikely]]
            makeRoom();
        Chunk& chunk = *m_current;
        chunk.times[j] = event.tNs;
        chunk.kinds[j] = event.kind;
        chunk.flags[j] = event.flags;
        chunk.cpus[j] = event.cpu;
        chunk.objects[j] = event.object;
        if (j % kCheckpointEvery == 0)
            chunk.checkpoints[j / kCheckpointEvery] = chunk.payloadSize;
        std::uint8_t* out = chunk.payloadData() + chunk.payloadSize;
        out = putVarint(out, event.a);
        out = putVarint(out, (event.b << 1) ^ std::uint64_t(std::int64_t(event.b) >> 63));
        chunk.payloadSize = std::uint32_t(out - chunk.payloadData());
        ++m_size;
    }
    /// Appends `count` events given column by column, as a file stores them: `payload` holds
    /// their a / b varints back to back (`payloadBytes` long, already validated to hold
    /// exactly `count` pairs). Copies in bulk; much faster than append() per event.
    /// `kinds` and `flags` are bytes; `cpus` and `objects` little-endian u16 (any alignment).
    /// `checkpoints[k]` is the payload offset of event 64·k (the caller walked the payload
    /// when validating it; appending must not start with a partly filled chunk).
    void appendColumns(std::size_t count, const std::uint64_t* times, const std::uint8_t* kinds,
                       const std::uint8_t* flags, const std::uint8_t* cpus,
                       const std::uint8_t* objects, const std::uint8_t* payload,
                       std::size_t payloadBytes, const std::uint32_t* checkpoints);

    std::size_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }

    std::uint64_t time(std::size_t index) const;
    EventKind kind(std::size_t index) const;
    /// The whole event, payload decoded; `worker` fills in the lane.
    Event at(std::size_t index, std::uint16_t worker) const;
    /// First index whose time is >= t (size() if none).
    std::size_t lowerBound(std::uint64_t t) const;

    /// Calls f(const Event&) for events [begin, end) in order, decoding payloads incrementally.
    template <class F>
    void forEach(std::size_t begin, std::size_t end, std::uint16_t worker, F&& f) const
    {
        for (std::size_t i = begin; i < end;) {
            const Chunk& chunk = *m_chunks[i >> kChunkShift];
            std::size_t j = i & (kChunkSize - 1);
            const std::size_t stop = std::min(end - i + j, kChunkSize);
            std::size_t offset = payloadOffset(chunk, j);
            for (; j < stop; ++j, ++i) {
                Event e;
                e.tNs = chunk.times[j];
                e.worker = worker;
                e.kind = chunk.kinds[j];
                e.flags = chunk.flags[j];
                e.cpu = chunk.cpus[j];
                e.object = chunk.objects[j];
                offset = decodePayload(chunk, offset, e);
                f(e);
            }
        }
    }

    /// Heap bytes held (capacity, not just size): the figure behind "bytes per stored event".
    std::size_t bytesAllocated() const;

private:
    /// Longest encoding of one event's payload: two 10-byte varints.
    static constexpr std::uint32_t kMaxPayload = 20;

    static std::uint8_t* putVarint(std::uint8_t* out, std::uint64_t value)
    {
        while (value >= 0x80) {
            *out++ = std::uint8_t(value | 0x80);
            value >>= 7;
        }
        *out++ = std::uint8_t(value);
        return out;
    }
    /// Starts a new chunk or grows the current chunk's payload buffer.
    void makeRoom();

    /// One chunk's columns live in exactly 14 pool pages (mapped ahead: see PagePool); this
    /// header, with the payload's checkpoints, stays on the heap so it does not spill onto a
    /// fifteenth.
    struct Chunk {
        Chunk();
        PageBlock columns;
        std::uint64_t* times;
        EventKind* kinds;
        std::uint8_t* flags;
        std::uint16_t* cpus;
        std::uint16_t* objects;
        std::uint32_t checkpoints[kChunkSize / kCheckpointEvery];
        /// varint a, zig-zag varint b, per event; grown by hand so appends write through a
        /// pointer, trimmed to whole pages once the chunk is full.
        PageBlock payload;
        std::uint32_t payloadSize = 0;
        std::uint32_t payloadCapacity = 0;

        std::uint8_t* payloadData() const { return static_cast<std::uint8_t*>(payload.data()); }
    };
    static std::size_t payloadOffset(const Chunk& chunk, std::size_t indexInChunk);
    static std::size_t decodePayload(const Chunk& chunk, std::size_t offset, Event& event);

    std::vector<std::unique_ptr<Chunk>> m_chunks;
    Chunk* m_current = nullptr;
    std::size_t m_size = 0;
};

} // namespace interleave
