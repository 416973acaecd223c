#pragma once

#include "trace/tracemodel.h"

#include <vector>

namespace interleave {

class TraceStore;

/// The moments a lesson is about, found in a final trace's events — the same patterns whether
/// a scenario re-enacted them or a traced Python program did them: each lost update (both
/// reads, both writes), each GIL hand-over after a drop request, the first contended wait of
/// each lock and the release that ended it, each queue at its deepest, a consumer's sentinel,
/// the moment a pool is busy. In time order; at most kMaxMomentsPerKind of each kind.
std::vector<Moment> findMoments(const TraceStore& trace);

inline constexpr std::size_t kMaxMomentsPerKind = 500;

/// The index of the first moment after `t` (moments.size() if none) / the last one before it
/// (-1 if none): Next / Previous Moment.
std::ptrdiff_t momentAfter(const std::vector<Moment>& moments, std::uint64_t t);
std::ptrdiff_t momentBefore(const std::vector<Moment>& moments, std::uint64_t t);

/// The time range a moment's events span (at least the moment itself).
Interval momentExtent(const Moment& moment);

} // namespace interleave
