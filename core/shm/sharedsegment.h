#pragma once

#include "shm/segmentlayout.h"
#include "shm/spscring.h"
#include "shm/stringarena.h"

#include <cstdint>
#include <string>

namespace interleave {

/// Sizes of a new segment.
struct SegmentConfig {
    std::uint32_t slotCapacity = 64;    ///< Rings: workers plus the engine's own producers.
    std::uint32_t ringCapacity = 16384; ///< Events per ring; rounded up to a power of two.
    std::uint32_t objectCapacity = 256;
    std::uint64_t arenaBytes = 8ull << 20;
    std::uint64_t heapBytes = 4ull << 20;
    std::uint32_t switchIntervalUs = 5000;
};

/// The run's one shared-memory segment: an anonymous memfd mapped MAP_SHARED. Children inherit
/// the descriptor, so nothing is ever left behind in /dev/shm, whatever crashes.
class SharedSegment {
public:
    /// Creates and initialises a segment (the recording parent).
    static SharedSegment create(const SegmentConfig& config);
    /// Maps an inherited segment and validates its header (a worker process).
    static SharedSegment attach(int fd);

    SharedSegment(SharedSegment&& other) noexcept;
    SharedSegment& operator=(SharedSegment&& other) noexcept;
    SharedSegment(const SharedSegment&) = delete;
    SharedSegment& operator=(const SharedSegment&) = delete;
    ~SharedSegment();

    int fd() const { return m_fd; }
    SegmentHeader& header() const { return *static_cast<SegmentHeader*>(m_base); }

    std::uint32_t slotCount() const;
    WorkerSlot& slot(std::uint32_t index) const;
    Event* ringBuffer(std::uint32_t index) const;
    /// The producer side of slot `index`'s ring, with the run's stop word.
    RingProducer producer(std::uint32_t index) const;
    /// Claims the next free slot; throws when all are taken.
    std::uint32_t reserveSlot();

    std::uint32_t objectCount() const;
    ObjectSlot& object(std::uint32_t id) const;
    /// Claims the next object slot; throws when all are taken.
    std::uint32_t reserveObject();

    StringArena& strings() { return m_strings; }
    const StringArena& strings() const { return m_strings; }

    /// Bump-allocates `bytes` from the shared heap; returns its offset.
    std::uint64_t allocateHeap(std::uint64_t bytes);
    void* heapAt(std::uint64_t offset) const;

    bool stopRequested() const;
    void requestStop();

private:
    SharedSegment(int fd, void* base, std::uint64_t size);

    int m_fd = -1;
    void* m_base = nullptr;
    std::uint64_t m_size = 0;
    StringArena m_strings;
};

} // namespace interleave
