#include "shm/sharedsegment.h"

#include "base/errors.h"
#include "base/futex.h"

#include <bit>
#include <cerrno>
#include <fcntl.h>
#include <new>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

namespace interleave {

namespace {

constexpr std::uint64_t alignUp(std::uint64_t value, std::uint64_t alignment)
{
    return (value + alignment - 1) & ~(alignment - 1);
}

/// Where everything goes for a given configuration.
struct Layout {
    std::uint64_t slotsOffset, slotStride, eventsOffsetInSlot;
    std::uint64_t objectsOffset, objectStride;
    std::uint64_t arenaOffset, heapOffset, total;
};

Layout computeLayout(const SegmentConfig& config, std::uint32_t ringCapacity)
{
    Layout l{};
    l.slotsOffset = alignUp(sizeof(SegmentHeader), 4096);
    l.eventsOffsetInSlot = alignUp(sizeof(WorkerSlot), kCacheLine);
    l.slotStride =
        alignUp(l.eventsOffsetInSlot + std::uint64_t(ringCapacity) * sizeof(Event), 4096);
    l.objectsOffset = l.slotsOffset + l.slotStride * config.slotCapacity;
    l.objectStride = alignUp(sizeof(ObjectSlot), kCacheLine);
    l.arenaOffset = alignUp(l.objectsOffset + l.objectStride * config.objectCapacity, 4096);
    l.heapOffset = alignUp(l.arenaOffset + config.arenaBytes, 4096);
    l.total = alignUp(l.heapOffset + config.heapBytes, 4096);
    return l;
}

/// Rejects a header whose numbers do not describe a segment of `size` bytes.
void validateHeader(const SegmentHeader& h, std::uint64_t size)
{
    auto fail = [](const char* what) { throw FormatError(std::string("shared segment: ") + what); };
    if (h.magic != kSegmentMagic)
        fail("bad magic");
    if (h.version != kSegmentVersion)
        fail("version mismatch between interleave and interleave-worker");
    if (h.headerBytes != sizeof(SegmentHeader))
        fail("header size mismatch");
    if (h.totalBytes != size)
        fail("size does not match the mapping");
    if (!std::has_single_bit(h.ringCapacity) || h.slotCapacity == 0)
        fail("bad ring geometry");
    const auto within = [size](std::uint64_t offset, std::uint64_t bytes) {
        return offset <= size && bytes <= size - offset;
    };
    if (h.slotStride < h.eventsOffsetInSlot + std::uint64_t(h.ringCapacity) * sizeof(Event) ||
        !within(h.slotsOffset, h.slotStride * h.slotCapacity))
        fail("slots out of bounds");
    if (h.objectStride < sizeof(ObjectSlot) ||
        !within(h.objectsOffset, std::uint64_t(h.objectStride) * h.objectCapacity))
        fail("objects out of bounds");
    if (!within(h.arenaOffset, h.arenaBytes) || !within(h.heapOffset, h.heapBytes))
        fail("arena or heap out of bounds");
}

} // namespace

SharedSegment::SharedSegment(int fd, void* base, std::uint64_t size)
    : m_fd(fd)
    , m_base(base)
    , m_size(size)
{
    SegmentHeader& h = header();
    m_strings = StringArena(static_cast<char*>(m_base) + h.arenaOffset, h.arenaBytes, &h.arenaUsed,
                            &h.stringsDropped);
}

SharedSegment SharedSegment::create(const SegmentConfig& config)
{
    const std::uint32_t ringCapacity = std::bit_ceil(std::max(config.ringCapacity, 64u));
    const Layout layout = computeLayout(config, ringCapacity);

    int fd = memfd_create("interleave-run", MFD_CLOEXEC);
    if (fd < 0)
        throw SystemError("memfd_create", errno);
    // Never one of the standard streams (a process started without stdin gets fd 0 here): a
    // child's stdin, stdout or stderr would replace the segment it inherits.
    if (fd <= STDERR_FILENO) {
        const int high = fcntl(fd, F_DUPFD_CLOEXEC, STDERR_FILENO + 1);
        const int error = errno;
        close(fd);
        if (high < 0)
            throw SystemError("fcntl(F_DUPFD_CLOEXEC) of the shared segment", error);
        fd = high;
    }
    if (ftruncate(fd, off_t(layout.total)) != 0) {
        const int error = errno;
        close(fd);
        throw SystemError("ftruncate of the shared segment", error);
    }
    void* base = mmap(nullptr, layout.total, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (base == MAP_FAILED) {
        const int error = errno;
        close(fd);
        throw SystemError("mmap of the shared segment", error);
    }

    // A fresh memfd is zero-filled, so atomics and counters start at 0.
    auto* h = new (base) SegmentHeader{};
    h->magic = kSegmentMagic;
    h->version = kSegmentVersion;
    h->headerBytes = sizeof(SegmentHeader);
    h->totalBytes = layout.total;
    h->slotCapacity = config.slotCapacity;
    h->ringCapacity = ringCapacity;
    h->slotsOffset = layout.slotsOffset;
    h->slotStride = layout.slotStride;
    h->eventsOffsetInSlot = layout.eventsOffsetInSlot;
    h->objectCapacity = config.objectCapacity;
    h->objectStride = std::uint32_t(layout.objectStride);
    h->objectsOffset = layout.objectsOffset;
    h->arenaOffset = layout.arenaOffset;
    h->arenaBytes = config.arenaBytes;
    h->heapOffset = layout.heapOffset;
    h->heapBytes = config.heapBytes;
    h->clock = Clock::calibration();
    h->switchIntervalUs = config.switchIntervalUs;
    for (std::uint32_t i = 0; i < config.slotCapacity; ++i)
        new (static_cast<char*>(base) + layout.slotsOffset + i * layout.slotStride) WorkerSlot{};
    for (std::uint32_t i = 0; i < config.objectCapacity; ++i)
        new (static_cast<char*>(base) + layout.objectsOffset + i * layout.objectStride)
            ObjectSlot{};
    return SharedSegment(fd, base, layout.total);
}

SharedSegment SharedSegment::attach(int fd)
{
    struct stat st {};
    if (fstat(fd, &st) != 0)
        throw SystemError("fstat of the inherited segment", errno);
    const auto size = std::uint64_t(st.st_size);
    if (size < sizeof(SegmentHeader))
        throw FormatError("shared segment: too small");
    void* base = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (base == MAP_FAILED)
        throw SystemError("mmap of the inherited segment", errno);
    try {
        validateHeader(*static_cast<SegmentHeader*>(base), size);
    } catch (...) {
        munmap(base, size);
        throw;
    }
    Clock::install(static_cast<SegmentHeader*>(base)->clock);
    return SharedSegment(fd, base, size);
}

SharedSegment::SharedSegment(SharedSegment&& other) noexcept
    : m_fd(std::exchange(other.m_fd, -1))
    , m_base(std::exchange(other.m_base, nullptr))
    , m_size(std::exchange(other.m_size, 0))
    , m_strings(other.m_strings)
{
}

SharedSegment& SharedSegment::operator=(SharedSegment&& other) noexcept
{
    if (this != &other) {
        this->~SharedSegment();
        new (this) SharedSegment(std::move(other));
    }
    return *this;
}

SharedSegment::~SharedSegment()
{
    if (m_base != nullptr)
        munmap(m_base, m_size);
    if (m_fd >= 0)
        close(m_fd);
}

std::uint32_t SharedSegment::slotCount() const
{
    return std::min(header().slotsUsed.load(std::memory_order_acquire), header().slotCapacity);
}

WorkerSlot& SharedSegment::slot(std::uint32_t index) const
{
    const SegmentHeader& h = header();
    return *reinterpret_cast<WorkerSlot*>(static_cast<char*>(m_base) + h.slotsOffset +
                                          std::uint64_t(index) * h.slotStride);
}

RingProducer SharedSegment::producer(std::uint32_t index) const
{
    SegmentHeader& h = header();
    return RingProducer(&slot(index).ring, ringBuffer(index), h.ringCapacity, &h.stop,
                        &h.collectorWake);
}

Event* SharedSegment::ringBuffer(std::uint32_t index) const
{
    const SegmentHeader& h = header();
    return reinterpret_cast<Event*>(static_cast<char*>(m_base) + h.slotsOffset +
                                    std::uint64_t(index) * h.slotStride + h.eventsOffsetInSlot);
}

std::uint32_t SharedSegment::reserveSlot()
{
    SegmentHeader& h = header();
    const std::uint32_t index = h.slotsUsed.fetch_add(1, std::memory_order_acq_rel);
    if (index >= h.slotCapacity) {
        h.slotsUsed.fetch_sub(1, std::memory_order_acq_rel);
        throw UsageError("too many workers: this run has room for " +
                         std::to_string(h.slotCapacity) + " rings");
    }
    return index;
}

std::uint32_t SharedSegment::objectCount() const
{
    return std::min(header().objectsUsed.load(std::memory_order_acquire), header().objectCapacity);
}

ObjectSlot& SharedSegment::object(std::uint32_t id) const
{
    const SegmentHeader& h = header();
    return *reinterpret_cast<ObjectSlot*>(static_cast<char*>(m_base) + h.objectsOffset +
                                          std::uint64_t(id) * h.objectStride);
}

std::uint32_t SharedSegment::reserveObject()
{
    SegmentHeader& h = header();
    const std::uint32_t id = h.objectsUsed.fetch_add(1, std::memory_order_acq_rel);
    if (id >= h.objectCapacity) {
        h.objectsUsed.fetch_sub(1, std::memory_order_acq_rel);
        throw UsageError("too many shared objects: this run has room for " +
                         std::to_string(h.objectCapacity));
    }
    return id;
}

std::uint64_t SharedSegment::allocateHeap(std::uint64_t bytes)
{
    SegmentHeader& h = header();
    const std::uint64_t rounded = alignUp(bytes, kCacheLine);
    const std::uint64_t offset = h.heapUsed.fetch_add(rounded, std::memory_order_acq_rel);
    if (offset + rounded > h.heapBytes)
        throw UsageError("shared heap exhausted: queue capacity too large");
    return offset;
}

void* SharedSegment::heapAt(std::uint64_t offset) const
{
    return static_cast<char*>(m_base) + header().heapOffset + offset;
}

bool SharedSegment::stopRequested() const
{
    return header().stop.load(std::memory_order_acquire) != 0;
}

void SharedSegment::requestStop()
{
    header().stop.store(1, std::memory_order_release);
    futexWakeAll(&header().stop);
}

} // namespace interleave
