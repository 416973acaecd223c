#pragma once

#include <cstddef>
#include <mutex>
#include <utility>
#include <vector>

namespace interleave {

/// Whole-page memory for the chunks a trace is stored in (event columns, span lists).
///
/// Blocks are carved from 2 MiB-aligned regions that the kernel is asked to back with huge
/// pages and to map ahead of use (MADV_HUGEPAGE, MADV_POPULATE_WRITE). On a virtual machine the
/// first touch of a fresh 4 KiB page costs more than a microsecond; filling fresh chunks page by
/// page was most of what the collector spent per event, which is what let a producer's ring
/// fill. Mapped ahead in huge pages, the same memory costs a fiftieth of that.
///
/// Freed blocks are kept per size and reused; trim() gives their pages back to the kernel. A
/// trace store that goes keeps kWarmReserveBytes of them mapped for the next run (a lecturer
/// runs one scenario after another), the rest goes back. Thread-safe. Under AddressSanitizer every
/// block is a plain heap allocation, so overruns stay visible.
class PagePool {
public:
    static PagePool& instance();

    /// `bytes` rounded up to whole pages: what a block of that request really holds.
    static std::size_t blockSize(std::size_t bytes);

    void* allocate(std::size_t bytes);
    void deallocate(void* block, std::size_t bytes);
    /// What trim() keeps mapped by default: the next run's first few hundred MiB of events.
    static constexpr std::size_t kWarmReserveBytes = std::size_t(256) << 20;

    /// Returns the pages of free blocks to the kernel (they are mapped again on reuse) until
    /// at most `keepResident` bytes of free blocks are still mapped.
    void trim(std::size_t keepResident = 0);

    /// Bytes in blocks handed out and not yet given back.
    std::size_t bytesInUse() const;
    /// Bytes in free blocks whose pages are still mapped (what trim() would return).
    std::size_t residentFreeBytes() const;

    PagePool(const PagePool&) = delete;
    PagePool& operator=(const PagePool&) = delete;

private:
    PagePool();
    ~PagePool() = delete; // lives as long as the process: blocks may outlive any static

    struct FreeBlock {
        std::byte* data;
        bool resident; ///< false once trim() has returned its pages
    };
    std::byte* carve(std::size_t bytes);
    void mapAhead(std::byte* from, std::size_t bytes);

    mutable std::mutex m_mutex;
    /// m_free[pages]: free blocks of exactly that many pages.
    std::vector<std::vector<FreeBlock>> m_free;
    std::byte* m_next = nullptr;   ///< Next unused byte of the current region.
    std::byte* m_mapped = nullptr; ///< Where the current region's mapped-ahead part ends.
    std::byte* m_end = nullptr;    ///< End of the current region.
    std::size_t m_inUse = 0;
    std::size_t m_residentFree = 0;
};

/// A block from the page pool, given back when this goes.
class PageBlock {
public:
    PageBlock() = default;
    explicit PageBlock(std::size_t bytes)
        : m_data(PagePool::instance().allocate(bytes))
        , m_size(PagePool::blockSize(bytes))
    {
    }
    ~PageBlock() { release(); }
    PageBlock(PageBlock&& other) noexcept
        : m_data(std::exchange(other.m_data, nullptr))
        , m_size(std::exchange(other.m_size, 0))
    {
    }
    PageBlock& operator=(PageBlock&& other) noexcept
    {
        if (this != &other) {
            release();
            m_data = std::exchange(other.m_data, nullptr);
            m_size = std::exchange(other.m_size, 0);
        }
        return *this;
    }
    PageBlock(const PageBlock&) = delete;
    PageBlock& operator=(const PageBlock&) = delete;

    void* data() const { return m_data; }
    /// Usable bytes: the request rounded up to whole pages.
    std::size_t size() const { return m_size; }

private:
    void release()
    {
        if (m_data != nullptr)
            PagePool::instance().deallocate(m_data, m_size);
        m_data = nullptr;
        m_size = 0;
    }

    void* m_data = nullptr;
    std::size_t m_size = 0;
};

} // namespace interleave
