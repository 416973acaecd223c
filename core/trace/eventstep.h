#pragma once

#include "trace/details.h"

#include <cstdint>
#include <optional>

namespace interleave {

class TraceStore;

/// Whose events playback steps through: one lane's, one object's (a lock, queue, value, pipe
/// or GIL, on whichever lane), or every lane's.
struct StepScope {
    enum class Kind { AnyLane, Lane, Object };
    Kind kind = Kind::AnyLane;
    std::uint16_t id = 0; ///< The lane or the object.
};

/// What a selection steps through: an event or a wait of an object steps by that object, any
/// other span or event by its lane; nothing selected steps over every lane.
StepScope stepScopeOf(const TraceStore& trace, const TimelineItem& selected);

/// The time of the first event in `scope` after `t` / the last one before it, if any. Lane
/// lifecycle and sampler events are not steps; imported slices are not events.
std::optional<std::uint64_t> nextEventTime(const TraceStore& trace, std::uint64_t t,
                                           StepScope scope);
std::optional<std::uint64_t> previousEventTime(const TraceStore& trace, std::uint64_t t,
                                               StepScope scope);

/// Whether an event concerns object `id` (its object field names a lock, queue...).
bool eventConcernsObject(const Event& e, std::uint16_t id);

} // namespace interleave
