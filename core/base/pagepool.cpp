#include "base/pagepool.h"

#include <algorithm>
#include <cstdint>
#include <new>
#include <sys/mman.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#define INTERLEAVE_PLAIN_HEAP 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define INTERLEAVE_PLAIN_HEAP 1
#endif
#endif

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23 // Linux 5.14; older kernels refuse it and pages fault as usual
#endif

namespace interleave {

namespace {
constexpr std::size_t kHugePage = std::size_t(2) << 20;
/// Address space taken per region; only what is handed out (plus at most one huge page ahead)
/// is ever mapped.
constexpr std::size_t kRegionBytes = std::size_t(64) << 20;
/// Larger blocks (none of the trace's chunks is) get a mapping of their own.
constexpr std::size_t kMaxPooledBytes = kHugePage;

std::size_t pageSize()
{
    static const std::size_t size = std::size_t(::sysconf(_SC_PAGESIZE));
    return size;
}

std::byte* alignUp(std::byte* p, std::size_t alignment)
{
    return reinterpret_cast<std::byte*>((std::uintptr_t(p) + alignment - 1) & ~(alignment - 1));
}

/// Anonymous memory of `bytes` (a multiple of kHugePage) starting on a huge-page boundary.
std::byte* mapAligned(std::size_t bytes)
{
    void* raw = ::mmap(nullptr, bytes + kHugePage, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (raw == MAP_FAILED)
        throw std::bad_alloc();
    auto* begin = static_cast<std::byte*>(raw);
    std::byte* aligned = alignUp(begin, kHugePage);
    if (aligned > begin)
        ::munmap(begin, std::size_t(aligned - begin));
    const std::size_t after = std::size_t(begin + bytes + kHugePage - (aligned + bytes));
    if (after > 0)
        ::munmap(aligned + bytes, after);
    ::madvise(aligned, bytes, MADV_HUGEPAGE);
    return aligned;
}
} // namespace

PagePool& PagePool::instance()
{
    static PagePool* pool = new PagePool; // never destroyed: see ~PagePool
    return *pool;
}

PagePool::PagePool()
    : m_free(kMaxPooledBytes / pageSize() + 1)
{
}

std::size_t PagePool::blockSize(std::size_t bytes)
{
    const std::size_t page = pageSize();
    return (std::max<std::size_t>(bytes, 1) + page - 1) & ~(page - 1);
}

void PagePool::mapAhead(std::byte* from, std::size_t bytes)
{
    if (::madvise(from, bytes, MADV_POPULATE_WRITE) != 0) {
        // Not supported here, or memory is short: the pages fault in on first touch instead.
    }
}

std::byte* PagePool::carve(std::size_t bytes)
{
    if (m_next == nullptr || std::size_t(m_end - m_next) < bytes) {
        // The rest of the old region becomes a free block of its own (its mapped-ahead part
        // given back first, so that trim() need not know about it).
        if (m_next != nullptr && m_next < m_end) {
            const std::size_t rest = std::size_t(m_end - m_next); // < bytes: a pooled size
            if (m_mapped > m_next)
                ::madvise(m_next, std::size_t(m_mapped - m_next), MADV_DONTNEED);
            m_free[rest / pageSize()].push_back(FreeBlock{m_next, false});
            m_next = m_end;
        }
        m_next = mapAligned(kRegionBytes); // may throw: the old region is then simply used up
        m_mapped = m_next;
        m_end = m_next + kRegionBytes;
    }
    std::byte* block = m_next;
    m_next += bytes;
    if (m_next > m_mapped) {
        std::byte* until = std::min(alignUp(m_next, kHugePage), m_end);
        mapAhead(m_mapped, std::size_t(until - m_mapped));
        m_mapped = until;
    }
    return block;
}

void* PagePool::allocate(std::size_t bytes)
{
    const std::size_t size = blockSize(bytes);
#ifdef INTERLEAVE_PLAIN_HEAP
    void* block = ::operator new(size);
    const std::lock_guard lock(m_mutex);
    m_inUse += size;
    return block;
#else
    if (size > kMaxPooledBytes) {
        std::byte* block = mapAligned((size + kHugePage - 1) & ~(kHugePage - 1));
        mapAhead(block, size);
        const std::lock_guard lock(m_mutex);
        m_inUse += size;
        return block;
    }
    const std::lock_guard lock(m_mutex);
    std::vector<FreeBlock>& free = m_free[size / pageSize()];
    if (free.empty()) {
        std::byte* block = carve(size); // may throw: count only what was handed out
        m_inUse += size;
        return block;
    }
    const FreeBlock reused = free.back();
    free.pop_back();
    if (reused.resident)
        m_residentFree -= size;
    else
        mapAhead(reused.data, size);
    m_inUse += size;
    return reused.data;
#endif
}

void PagePool::deallocate(void* block, std::size_t bytes)
{
    if (block == nullptr)
        return;
    const std::size_t size = blockSize(bytes);
#ifdef INTERLEAVE_PLAIN_HEAP
    ::operator delete(block); // not the sized form: clang needs -fsized-deallocation for it
    const std::lock_guard lock(m_mutex);
    m_inUse -= size;
#else
    if (size > kMaxPooledBytes) {
        ::munmap(block, (size + kHugePage - 1) & ~(kHugePage - 1));
        const std::lock_guard lock(m_mutex);
        m_inUse -= size;
        return;
    }
    const std::lock_guard lock(m_mutex);
    m_inUse -= size;
    try {
        m_free[size / pageSize()].push_back(FreeBlock{static_cast<std::byte*>(block), true});
        m_residentFree += size;
    } catch (const std::bad_alloc&) {
        // Called from destructors: with no memory for the list, give the pages back to the
        // kernel and forget the block rather than end the program.
        ::madvise(block, size, MADV_DONTNEED);
    }
#endif
}

void PagePool::trim(std::size_t keepResident)
{
    const std::lock_guard lock(m_mutex);
    for (std::size_t pages = m_free.size() - 1; pages > 0 && m_residentFree > keepResident;
         --pages) {
        for (FreeBlock& block : m_free[pages]) {
            if (!block.resident)
                continue;
            ::madvise(block.data, pages * pageSize(), MADV_DONTNEED);
            block.resident = false;
            m_residentFree -= pages * pageSize();
            if (m_residentFree <= keepResident)
                break;
        }
    }
}

std::size_t PagePool::bytesInUse() const
{
    const std::lock_guard lock(m_mutex);
    return m_inUse;
}

std::size_t PagePool::residentFreeBytes() const
{
    const std::lock_guard lock(m_mutex);
    return m_residentFree;
}

} // namespace interleave
