#pragma once

#include <cstddef>
#include <iterator>
#include <type_traits>
#include <utility>

namespace interleave {

/// A random-access iterator over any container read by position: it keeps the container and an
/// index and asks for element i. Works whether `owner[i]` gives a reference (chunked storage)
/// or a value (packed storage unpacked on the fly), so standard algorithms apply to both.
template <class Owner> class IndexIterator {
public:
    using reference = decltype(std::declval<Owner&>()[std::size_t()]);
    using value_type = std::remove_cvref_t<reference>;
    using difference_type = std::ptrdiff_t;
    using iterator_category = std::random_access_iterator_tag;
    using pointer =
        std::conditional_t<std::is_reference_v<reference>, std::add_pointer_t<reference>, void>;

    /// `it->member` on an element given by value: the arrow holds the copy.
    struct Arrow {
        value_type value;
        const value_type* operator->() const { return &value; }
    };

    IndexIterator() = default;
    IndexIterator(Owner* owner, std::size_t index)
        : m_owner(owner)
        , m_index(index)
    {
    }

    reference operator*() const { return (*m_owner)[m_index]; }
    auto operator->() const
    {
        if constexpr (std::is_reference_v<reference>)
            return &(*m_owner)[m_index];
        else
            return Arrow{(*m_owner)[m_index]};
    }
    reference operator[](difference_type n) const
    {
        return (*m_owner)[std::size_t(difference_type(m_index) + n)];
    }
    std::size_t index() const { return m_index; }

    IndexIterator& operator++()
    {
        ++m_index;
        return *this;
    }
    IndexIterator operator++(int)
    {
        IndexIterator old = *this;
        ++m_index;
        return old;
    }
    IndexIterator& operator--()
    {
        --m_index;
        return *this;
    }
    IndexIterator operator--(int)
    {
        IndexIterator old = *this;
        --m_index;
        return old;
    }
    IndexIterator& operator+=(difference_type n)
    {
        m_index = std::size_t(difference_type(m_index) + n);
        return *this;
    }
    IndexIterator& operator-=(difference_type n) { return *this += -n; }
    friend IndexIterator operator+(IndexIterator it, difference_type n) { return it += n; }
    friend IndexIterator operator+(difference_type n, IndexIterator it) { return it += n; }
    friend IndexIterator operator-(IndexIterator it, difference_type n) { return it -= n; }
    friend difference_type operator-(const IndexIterator& a, const IndexIterator& b)
    {
        return difference_type(a.m_index) - difference_type(b.m_index);
    }
    friend bool operator==(const IndexIterator& a, const IndexIterator& b)
    {
        return a.m_index == b.m_index;
    }
    friend auto operator<=>(const IndexIterator& a, const IndexIterator& b)
    {
        return a.m_index <=> b.m_index;
    }

private:
    Owner* m_owner = nullptr;
    std::size_t m_index = 0;
};

} // namespace interleave
