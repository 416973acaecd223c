#include "trace/eventcolumns.h"

#include <algorithm>

namespace interleave {

namespace {

void putVarint(std::vector<std::uint8_t>& out, std::uint64_t value)
{
    while (value >= 0x80) {
        out.push_back(std::uint8_t(value | 0x80));
        value >>= 7;
    }
    out.push_back(std::uint8_t(value));
}

std::size_t getVarint(const std::uint8_t* data, std::size_t offset, std::uint64_t& value)
{
    value = 0;
    for (int shift = 0;; shift += 7) {
        const std::uint8_t byte = data[offset++];
        value |= std::uint64_t(byte & 0x7F) << shift;
        if ((byte & 0x80) == 0)
            return offset;
    }
}

/// Values (b) are often small negatives (-1 sentinels): zig-zag keeps them short.
constexpr std::uint64_t zigzag(std::uint64_t v)
{
    return (v << 1) ^ std::uint64_t(std::int64_t(v) >> 63);
}
constexpr std::uint64_t unzigzag(std::uint64_t v)
{
    return (v >> 1) ^ (~(v & 1) + 1);
}

} // namespace

EventColumns::EventColumns() = default;
EventColumns::~EventColumns() = default;
EventColumns::EventColumns(EventColumns&&) noexcept = default;
EventColumns& EventColumns::operator=(EventColumns&&) noexcept = default;

void EventColumns::append(const Event& event)
{
    const std::size_t j = m_size & (kChunkSize - 1);
    if (j == 0) {
        if (!m_chunks.empty())
            m_chunks.back()->payload.shrink_to_fit();
        m_chunks.push_back(std::make_unique<Chunk>());
        m_chunks.back()->payload.reserve(kChunkSize * 3);
    }
    Chunk& chunk = *m_chunks.back();
    chunk.times[j] = event.tNs;
    chunk.kinds[j] = event.kind;
    chunk.flags[j] = event.flags;
    chunk.cpus[j] = event.cpu;
    chunk.objects[j] = event.object;
    if (j % kCheckpointEvery == 0)
        chunk.checkpoints[j / kCheckpointEvery] = std::uint32_t(chunk.payload.size());
    putVarint(chunk.payload, event.a);
    putVarint(chunk.payload, zigzag(event.b));
    ++m_size;
}

std::uint64_t EventColumns::time(std::size_t index) const
{
    return m_chunks[index >> kChunkShift]->times[index & (kChunkSize - 1)];
}

EventKind EventColumns::kind(std::size_t index) const
{
    return m_chunks[index >> kChunkShift]->kinds[index & (kChunkSize - 1)];
}

std::size_t EventColumns::payloadOffset(const Chunk& chunk, std::size_t indexInChunk)
{
    std::size_t offset = chunk.checkpoints[indexInChunk / kCheckpointEvery];
    for (std::size_t k = indexInChunk & ~(kCheckpointEvery - 1); k < indexInChunk; ++k) {
        std::uint64_t skip = 0;
        offset = getVarint(chunk.payload.data(), offset, skip);
        offset = getVarint(chunk.payload.data(), offset, skip);
    }
    return offset;
}

std::size_t EventColumns::decodePayload(const Chunk& chunk, std::size_t offset, Event& event)
{
    std::uint64_t b = 0;
    offset = getVarint(chunk.payload.data(), offset, event.a);
    offset = getVarint(chunk.payload.data(), offset, b);
    event.b = unzigzag(b);
    return offset;
}

Event EventColumns::at(std::size_t index, std::uint16_t worker) const
{
    Event e;
    forEach(index, index + 1, worker, [&e](const Event& decoded) { e = decoded; });
    return e;
}

std::size_t EventColumns::lowerBound(std::uint64_t t) const
{
    // Binary search over chunks by their first time, then inside the chunk.
    std::size_t lo = 0, hi = m_chunks.size();
    while (lo < hi) {
        const std::size_t mid = (lo + hi) / 2;
        if (m_chunks[mid]->times[0] < t)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return 0;
    const std::size_t chunkIndex = lo - 1;
    const Chunk& chunk = *m_chunks[chunkIndex];
    const std::size_t count = std::min(kChunkSize, m_size - (chunkIndex << kChunkShift));
    const std::uint64_t* found = std::lower_bound(chunk.times, chunk.times + count, t);
    return (chunkIndex << kChunkShift) + std::size_t(found - chunk.times);
}

std::size_t EventColumns::bytesAllocated() const
{
    std::size_t bytes = m_chunks.capacity() * sizeof(void*);
    for (const auto& chunk : m_chunks)
        bytes += sizeof(Chunk) + chunk->payload.capacity();
    return bytes;
}

} // namespace interleave
