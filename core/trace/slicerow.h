#pragma once

#include "trace/tracemodel.h"

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <vector>

namespace interleave {

/// The slices of one nesting depth of a lane, in time order, 24 bytes each. A slice's length
/// is kept in 32 bits of nanoseconds; the rare slice of 4.3 s or more keeps its length in a
/// side table. Slices of one depth never overlap, so a row has at most one such slice per
/// 4.3 s of trace, and the side table stays small whatever the file says.
class SliceRow {
public:
    class Iterator;

    std::size_t size() const { return m_items.size(); }
    bool empty() const { return m_items.empty(); }
    /// The slice at `index`, unpacked (with this row's depth).
    Slice operator[](std::size_t index) const
    {
        const Packed& p = m_items[index];
        return Slice{p.start, p.start + length(index), p.name, p.category, p.args, m_depth, 0};
    }
    std::uint64_t startOf(std::size_t index) const { return m_items[index].start; }
    std::uint64_t endOf(std::size_t index) const { return m_items[index].start + length(index); }
    std::uint64_t length(std::size_t index) const
    {
        const std::uint32_t short_ = m_items[index].length;
        return short_ != kLongLength ? short_ : longLength(index);
    }
    std::uint32_t nameOf(std::size_t index) const { return m_items[index].name; }

    Iterator begin() const;
    Iterator end() const;

    /// Bytes held, for memory figures.
    std::size_t bytes() const
    {
        return m_items.capacity() * sizeof(Packed) + m_long.capacity() * sizeof(LongLength);
    }

private:
    friend class SliceRows;

    static constexpr std::uint32_t kLongLength = 0xFFFFFFFFu;
    struct Packed {
        std::uint64_t start;
        std::uint32_t length; ///< ns, or kLongLength: see m_long.
        std::uint32_t name;
        std::uint32_t category;
        std::uint32_t args;
    };
    static_assert(sizeof(Packed) == 24, "a loaded slice costs 24 bytes");
    struct LongLength {
        std::size_t index;
        std::uint64_t length;
    };

    std::uint64_t longLength(std::size_t index) const;
    void append(const Slice& slice);
    /// Puts the row in time order if the input was not (stable: equal starts keep their order).
    void sortByStart();

    std::vector<Packed> m_items;
    std::vector<LongLength> m_long; ///< By index.
    std::uint16_t m_depth = 0;
};

/// A random-access iterator over a row that yields unpacked slices by value, so that
/// standard algorithms (partition_point, range-for) work on the packed storage.
class SliceRow::Iterator {
public:
    using iterator_category = std::random_access_iterator_tag;
    using value_type = Slice;
    using difference_type = std::ptrdiff_t;
    using reference = Slice;
    using pointer = void;

    /// `it->start` works on the unpacked copy.
    struct Arrow {
        Slice slice;
        const Slice* operator->() const { return &slice; }
    };

    Iterator() = default;
    Iterator(const SliceRow* row, std::size_t index)
        : m_row(row)
        , m_index(index)
    {
    }

    Slice operator*() const { return (*m_row)[m_index]; }
    Arrow operator->() const { return Arrow{(*m_row)[m_index]}; }
    Slice operator[](difference_type n) const
    {
        return (*m_row)[std::size_t(difference_type(m_index) + n)];
    }
    std::size_t index() const { return m_index; }

    Iterator& operator++()
    {
        ++m_index;
        return *this;
    }
    Iterator operator++(int)
    {
        Iterator old = *this;
        ++m_index;
        return old;
    }
    Iterator& operator--()
    {
        --m_index;
        return *this;
    }
    Iterator operator--(int)
    {
        Iterator old = *this;
        --m_index;
        return old;
    }
    Iterator& operator+=(difference_type n)
    {
        m_index = std::size_t(difference_type(m_index) + n);
        return *this;
    }
    Iterator& operator-=(difference_type n) { return *this += -n; }
    friend Iterator operator+(Iterator it, difference_type n) { return it += n; }
    friend Iterator operator+(difference_type n, Iterator it) { return it += n; }
    friend Iterator operator-(Iterator it, difference_type n) { return it -= n; }
    friend difference_type operator-(const Iterator& a, const Iterator& b)
    {
        return difference_type(a.m_index) - difference_type(b.m_index);
    }
    friend bool operator==(const Iterator& a, const Iterator& b) { return a.m_index == b.m_index; }
    friend auto operator<=>(const Iterator& a, const Iterator& b)
    {
        return a.m_index <=> b.m_index;
    }

private:
    const SliceRow* m_row = nullptr;
    std::size_t m_index = 0;
};

inline SliceRow::Iterator SliceRow::begin() const
{
    return Iterator(this, 0);
}
inline SliceRow::Iterator SliceRow::end() const
{
    return Iterator(this, m_items.size());
}

} // namespace interleave
