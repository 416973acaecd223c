#pragma once

#include <algorithm>
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

} // namespace interleave
