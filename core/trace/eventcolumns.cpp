#include "trace/eventcolumns.h"

#include <algorithm>
#include <cstring>
#include <memory>
#include <stdexcept>

namespace interleave {

namespace {

void resizePayload(PageBlock& payload, std::uint32_t size, std::uint32_t& capacity,
                   std::uint32_t newCapacity)
{
    PageBlock grown(newCapacity);
    if (size > 0) // memcpy from a null pointer is undefined even for 0 bytes
        std::memcpy(grown.data(), payload.data(), size);
    payload = std::move(grown);
    capacity = std::uint32_t(payload.size());
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

/// Values (b) are often small negatives (-1 sentinels): they are stored zig-zag encoded.
constexpr std::uint64_t unzigzag(std::uint64_t v)
{
    return (v >> 1) ^ (~(v & 1) + 1);
}

} // namespace

/// Bytes of one chunk's columns: times, kinds, flags, cpus, objects.
constexpr std::size_t kColumnBytes = EventColumns::kChunkSize * (8 + 1 + 1 + 2 + 2);

EventColumns::Chunk::Chunk()
    : columns(kColumnBytes) // no zero fill
    , times(static_cast<std::uint64_t*>(columns.data()))
    , kinds(reinterpret_cast<EventKind*>(times + kChunkSize))
    , flags(reinterpret_cast<std::uint8_t*>(kinds + kChunkSize))
    , cpus(reinterpret_cast<std::uint16_t*>(flags + kChunkSize))
    , objects(cpus + kChunkSize)
{
    // Pool memory may have held other objects: begin the columns' lifetimes (no code runs).
    std::uninitialized_default_construct_n(times, kChunkSize);
    std::uninitialized_default_construct_n(kinds, kChunkSize);
    std::uninitialized_default_construct_n(flags, kChunkSize);
    std::uninitialized_default_construct_n(cpus, kChunkSize);
    std::uninitialized_default_construct_n(objects, kChunkSize);
}

EventColumns::EventColumns() = default;
EventColumns::~EventColumns() = default;
EventColumns::EventColumns(EventColumns&&) noexcept = default;
EventColumns& EventColumns::operator=(EventColumns&&) noexcept = default;

void EventColumns::makeRoom()
{
    if ((m_size & (kChunkSize - 1)) == 0) {
        // A full chunk gives back the whole pages of payload buffer it does not need.
        if (m_current != nullptr &&
            PagePool::blockSize(m_current->payloadSize) < m_current->payloadCapacity)
            resizePayload(m_current->payload, m_current->payloadSize, m_current->payloadCapacity,
                          m_current->payloadSize);
        m_chunks.push_back(std::make_unique<Chunk>());
        m_current = m_chunks.back().get();
    }
    if (m_current->payloadCapacity - m_current->payloadSize < kMaxPayload)
        resizePayload(m_current->payload, m_current->payloadSize, m_current->payloadCapacity,
                      std::max<std::uint32_t>(m_current->payloadCapacity * 2, 4 * kChunkSize));
}

void EventColumns::appendColumns(std::size_t count, const std::uint64_t* times,
                                 const std::uint8_t* kinds, const std::uint8_t* flags,
                                 const std::uint8_t* cpus, const std::uint8_t* objects,
                                 const std::uint8_t* payload, std::size_t payloadBytes,
                                 const std::uint32_t* checkpoints)
{
    static_assert(kChunkSize % kCheckpointEvery == 0);
    if (m_size % kChunkSize != 0)
        throw std::logic_error("appendColumns needs an empty or chunk-aligned column");
    for (std::size_t done = 0; done < count;) {
        makeRoom();
        const std::size_t n = std::min(count - done, kChunkSize);
        Chunk& chunk = *m_current;
        std::memcpy(chunk.times, times + done, n * sizeof *times);
        std::memcpy(chunk.kinds, kinds + done, n);
        std::memcpy(chunk.flags, flags + done, n);
        std::memcpy(chunk.cpus, cpus + 2 * done, 2 * n);
        std::memcpy(chunk.objects, objects + 2 * done, 2 * n);
        const std::uint32_t begin = checkpoints[done / kCheckpointEvery];
        const std::uint32_t end = done + n < count ? checkpoints[(done + n) / kCheckpointEvery]
                                                   : std::uint32_t(payloadBytes);
        for (std::size_t k = 0; k < (n + kCheckpointEvery - 1) / kCheckpointEvery; ++k)
            chunk.checkpoints[k] = checkpoints[done / kCheckpointEvery + k] - begin;
        const std::uint32_t bytes = end - begin;
        if (chunk.payloadCapacity < bytes + kMaxPayload)
            resizePayload(chunk.payload, 0, chunk.payloadCapacity, bytes + kMaxPayload);
        if (bytes > 0)
            std::memcpy(chunk.payloadData(), payload + begin, bytes);
        chunk.payloadSize = bytes;
        m_size += n;
        done += n;
    }
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
        offset = getVarint(chunk.payloadData(), offset, skip);
        offset = getVarint(chunk.payloadData(), offset, skip);
    }
    return offset;
}

std::size_t EventColumns::decodePayload(const Chunk& chunk, std::size_t offset, Event& event)
{
    std::uint64_t b = 0;
    offset = getVarint(chunk.payloadData(), offset, event.a);
    offset = getVarint(chunk.payloadData(), offset, b);
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
        bytes += sizeof(Chunk) + chunk->columns.size() + chunk->payloadCapacity;
    return bytes;
}

} // namespace interleave
