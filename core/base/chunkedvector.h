#pragma once

#include "base/indexiterator.h"
#include "base/pagepool.h"

#include <cstddef>
#include <iterator>
#include <memory>
#include <type_traits>
#include <utility>
#include <vector>

namespace interleave {

/// An append-mostly sequence stored in fixed-size chunks. Appending never moves or copies
/// existing elements (no reallocation spikes on multi-gigabyte traces), and an element's
/// address is stable for its lifetime. Random access costs a shift and a mask.
template <class T, std::size_t ChunkBits = 12> class ChunkedVector {
    static_assert(std::is_trivially_copyable_v<T>);

public:
    static constexpr std::size_t kChunkSize = std::size_t(1) << ChunkBits;

    using iterator = IndexIterator<ChunkedVector>;
    using const_iterator = IndexIterator<const ChunkedVector>;
    using value_type = T;

    ChunkedVector() = default;
    ChunkedVector(ChunkedVector&& other) noexcept { *this = std::move(other); }
    ChunkedVector& operator=(ChunkedVector&& other) noexcept
    {
        m_chunks = std::move(other.m_chunks);
        m_tail = std::exchange(other.m_tail, nullptr);
        m_size = std::exchange(other.m_size, 0);
        return *this;
    }
    ChunkedVector(const ChunkedVector& other) { *this = other; }
    ChunkedVector& operator=(const ChunkedVector& other)
    {
        if (this != &other) {
            clear();
            for (const T& value : other)
                push_back(value);
        }
        return *this;
    }
    ChunkedVector(std::initializer_list<T> values)
    {
        for (const T& value : values)
            push_back(value);
    }

    void push_back(const T& value)
    {
        if ((m_size & (kChunkSize - 1)) == 0) [[unlikely]]
            startChunk();
        m_tail[m_size & (kChunkSize - 1)] = value;
        ++m_size;
    }
    void pop_back()
    {
        --m_size;
        // The next push_back writes at m_size; at a chunk boundary startChunk() sets the tail.
        if ((m_size & (kChunkSize - 1)) != 0)
            m_tail = chunk(m_size >> ChunkBits);
    }
    void clear()
    {
        m_chunks.clear();
        m_tail = nullptr;
        m_size = 0;
    }

    T& operator[](std::size_t i) { return chunk(i >> ChunkBits)[i & (kChunkSize - 1)]; }
    const T& operator[](std::size_t i) const { return chunk(i >> ChunkBits)[i & (kChunkSize - 1)]; }
    T& front() { return (*this)[0]; }
    const T& front() const { return (*this)[0]; }
    T& back() { return (*this)[m_size - 1]; }
    const T& back() const { return (*this)[m_size - 1]; }
    std::size_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }

    iterator begin() { return iterator(this, 0); }
    iterator end() { return iterator(this, m_size); }
    const_iterator begin() const { return const_iterator(this, 0); }
    const_iterator end() const { return const_iterator(this, m_size); }

    std::size_t bytesAllocated() const
    {
        return m_chunks.capacity() * sizeof(PageBlock) +
               m_chunks.size() * PagePool::blockSize(kChunkSize * sizeof(T));
    }

private:
    [[gnu::noinline]] void startChunk()
    {
        const std::size_t index = m_size >> ChunkBits;
        if (index == m_chunks.size()) {
            // Pool pages are mapped ahead; default-initialised (no zero fill). T is trivially
            // copyable, so nothing needs destroying when the block goes.
            PageBlock block(kChunkSize * sizeof(T));
            std::uninitialized_default_construct_n(static_cast<T*>(block.data()), kChunkSize);
            m_chunks.push_back(std::move(block));
        }
        m_tail = chunk(index);
    }
    T* chunk(std::size_t index) const { return static_cast<T*>(m_chunks[index].data()); }

    std::vector<PageBlock> m_chunks;
    T* m_tail = nullptr; ///< The chunk push_back writes into.
    std::size_t m_size = 0;
};

} // namespace interleave
