#pragma once

#include <algorithm>
#include <cstddef>
#include <iterator>

namespace interleave {

/// std::partition_point for a point that is usually near `first`: steps of 1, 2, 4, ... find
/// the stretch it lies in, then a binary search within it. Costs the logarithm of the distance,
/// not of the range, and touches memory close to `first` (a jump over a pixel's worth of items).
template <class Iterator, class Predicate>
Iterator gallopPartition(Iterator first, Iterator last, Predicate predicate)
{
    typename std::iterator_traits<Iterator>::difference_type step = 1;
    while (first != last && predicate(*first)) {
        const auto room = std::distance(first, last);
        const auto ahead = std::min(step, room - 1);
        Iterator probe = std::next(first, ahead);
        if (!predicate(*probe))
            return std::partition_point(std::next(first), std::next(probe), predicate);
        first = std::next(probe);
        step *= 2;
    }
    return first;
}

/// std::partition_point over the indices [first, last): the first index for which
/// `predicate(index)` is false, for containers read through accessors rather than references.
template <class Predicate>
std::size_t partitionIndex(std::size_t first, std::size_t last, Predicate predicate)
{
    while (first < last) {
        const std::size_t middle = first + (last - first) / 2;
        if (predicate(middle))
            first = middle + 1;
        else
            last = middle;
    }
    return first;
}

/// gallopPartition over the indices [first, last).
template <class Predicate>
std::size_t gallopIndex(std::size_t first, std::size_t last, Predicate predicate)
{
    std::size_t step = 1;
    while (first != last && predicate(first)) {
        const std::size_t probe = first + std::min(step, last - first - 1);
        if (!predicate(probe))
            return partitionIndex(first + 1, probe + 1, predicate);
        first = probe + 1;
        step *= 2;
    }
    return first;
}

} // namespace interleave
