#pragma once

#include "base/indexiterator.h"
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
    using Iterator = IndexIterator<const SliceRow>;

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

    Iterator begin() const { return Iterator(this, 0); }
    Iterator end() const { return Iterator(this, m_items.size()); }

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

} // namespace interleave
