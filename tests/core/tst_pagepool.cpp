#include "base/chunkedvector.h"
#include "base/pagepool.h"
#include "testsupport.h"

#include <cstdint>
#include <cstring>
#include <gtest/gtest.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace interleave {
namespace {

const std::size_t kPage = std::size_t(::sysconf(_SC_PAGESIZE));

TEST(PagePool, BlocksAreWholePages)
{
    EXPECT_EQ(PagePool::blockSize(1), kPage);
    EXPECT_EQ(PagePool::blockSize(kPage), kPage);
    EXPECT_EQ(PagePool::blockSize(kPage + 1), 2 * kPage);
    EXPECT_EQ(PagePool::blockSize(0), kPage) << "even an empty request is a usable block";
    const PageBlock block(57'624); // not a whole number of pages
    EXPECT_EQ(block.size() % kPage, 0u);
    EXPECT_GE(block.size(), 57'624u);
    EXPECT_LT(block.size(), 57'624u + kPage) << "rounded up to the next page, no further";
    EXPECT_EQ(std::uintptr_t(block.data()) % alignof(std::max_align_t), 0u);
}

TEST(PagePool, CountsWhatIsInUseAndReusesWhatWasFreed)
{
    PagePool& pool = PagePool::instance();
    const std::size_t before = pool.bytesInUse();
    void* first = nullptr;
    {
        const PageBlock block(3 * kPage);
        first = block.data();
        EXPECT_EQ(pool.bytesInUse(), before + 3 * kPage);
        std::memset(block.data(), 0xAB, block.size()); // all of it is writable
    }
    EXPECT_EQ(pool.bytesInUse(), before);
    const PageBlock again(3 * kPage - 100);
    if (!test::sanitized()) { // under AddressSanitizer blocks are plain heap allocations
        EXPECT_EQ(again.data(), first) << "a freed block of that size is handed out again";
    }
    std::memset(again.data(), 0x11, again.size());
}

TEST(PagePool, TrimGivesFreePagesBackDownToWhatItIsAskedToKeep)
{
    PagePool& pool = PagePool::instance();
    {
        std::vector<PageBlock> blocks;
        for (int i = 0; i < 8; ++i) {
            blocks.emplace_back(16 * kPage);
            std::memset(blocks.back().data(), i, blocks.back().size());
        }
    }
    if (!test::sanitized()) {
        EXPECT_GE(pool.residentFreeBytes(), 8 * 16 * kPage);
    }
    pool.trim(16 * kPage);
    EXPECT_LE(pool.residentFreeBytes(), 16 * kPage);
    pool.trim();
    EXPECT_EQ(pool.residentFreeBytes(), 0u);
    // A trimmed block comes back usable (and zeroed by the kernel, not that callers rely on it).
    const PageBlock reused(16 * kPage);
    std::memset(reused.data(), 0x5A, reused.size());
    EXPECT_EQ(static_cast<unsigned char*>(reused.data())[reused.size() - 1], 0x5A);
}

TEST(PagePool, BlocksLargerThanAHugePageGetAMappingOfTheirOwn)
{
    PagePool& pool = PagePool::instance();
    const std::size_t before = pool.bytesInUse();
    {
        const PageBlock big(5 << 20);
        std::memset(big.data(), 0x7F, big.size());
        EXPECT_EQ(pool.bytesInUse(), before + (std::size_t(5) << 20));
    }
    EXPECT_EQ(pool.bytesInUse(), before);
}

/// More than one region's worth (64 MiB) of blocks: a new region is taken when one is used
/// up, and every block is its own.
TEST(PagePool, BlocksBeyondOneRegionAreAllUsable)
{
    PagePool& pool = PagePool::instance();
    const std::size_t before = pool.bytesInUse();
    {
        std::vector<PageBlock> blocks;
        for (int i = 0; i < 100; ++i) {
            blocks.emplace_back((std::size_t(1) << 20) - 3 * kPage);
            std::memset(blocks.back().data(), i, blocks.back().size());
        }
        for (int i = 0; i < 100; ++i) {
            const auto* bytes = static_cast<const unsigned char*>(blocks[std::size_t(i)].data());
            ASSERT_EQ(bytes[0], i);
            ASSERT_EQ(bytes[blocks[std::size_t(i)].size() - 1], i);
        }
    }
    EXPECT_EQ(pool.bytesInUse(), before);
}

/// Two threads take and give back blocks at once (as a collector and a file loader may):
/// every block is theirs alone, and the books balance afterwards.
TEST(PagePool, ThreadsShareThePoolSafely)
{
    PagePool& pool = PagePool::instance();
    const std::size_t before = pool.bytesInUse();
    auto churn = [](unsigned char tag) {
        std::vector<PageBlock> held;
        for (int i = 0; i < 2000; ++i) {
            held.emplace_back(std::size_t(1 + i % 7) * kPage);
            auto* bytes = static_cast<unsigned char*>(held.back().data());
            std::memset(bytes, tag, held.back().size());
            if (i % 3 == 2) {
                const PageBlock& oldest = held.front();
                const auto* check = static_cast<const unsigned char*>(oldest.data());
                for (std::size_t k = 0; k < oldest.size(); k += 512)
                    ASSERT_EQ(check[k], tag) << "another thread wrote into this block";
                held.erase(held.begin());
            }
        }
    };
    std::thread other(churn, 0xC3);
    churn(0x3C);
    other.join();
    EXPECT_EQ(pool.bytesInUse(), before);
}

/// Chunked storage lives in pool pages: what is appended reads back, across chunks.
TEST(PagePool, ChunkedVectorKeepsItsElementsInPoolPages)
{
    const std::size_t before = PagePool::instance().bytesInUse();
    {
        ChunkedVector<std::uint64_t, 10> values;
        for (std::uint64_t i = 0; i < 5000; ++i)
            values.push_back(i * i);
        for (std::uint64_t i = 0; i < 5000; i += 97)
            ASSERT_EQ(values[i], i * i);
        EXPECT_EQ(PagePool::instance().bytesInUse(),
                  before + 5 * PagePool::blockSize(1024 * sizeof(std::uint64_t)));
    }
    EXPECT_EQ(PagePool::instance().bytesInUse(), before);
}

} // namespace
} // namespace interleave
