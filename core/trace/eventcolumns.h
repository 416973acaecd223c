#pragma once

#include "base/event.h"

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

    /// Appends an event (its worker field is not stored: the lane knows it).
    void append(const Event& event);
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
    struct Chunk {
        std::uint64_t times[kChunkSize];
        EventKind kinds[kChunkSize];
        std::uint8_t flags[kChunkSize];
        std::uint16_t cpus[kChunkSize];
        std::uint16_t objects[kChunkSize];
        std::uint32_t checkpoints[kChunkSize / kCheckpointEvery];
        std::vector<std::uint8_t> payload; ///< varint a, zig-zag varint b, per event.
    };
    static std::size_t payloadOffset(const Chunk& chunk, std::size_t indexInChunk);
    static std::size_t decodePayload(const Chunk& chunk, std::size_t offset, Event& event);

    std::vector<std::unique_ptr<Chunk>> m_chunks;
    std::size_t m_size = 0;
};

} // namespace interleave
