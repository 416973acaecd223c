#pragma once

#include "trace/tracestore.h"

#include <cstdint>
#include <optional>

namespace interleave {

/// Who let a worker go on: the release of a lock or of the GIL that a waiter then acquired, the
/// put of the item a get took, the send of the message a recv read. Drawn as an arrow.
struct HandOver {
    enum class Kind { Lock, Gil, Queue, Pipe };
    Kind kind = Kind::Lock;
    std::uint16_t object = 0;
    std::uint16_t fromLane = kNoWorker; ///< Releaser, putter or sender.
    std::uint64_t fromTime = 0;
    std::uint16_t toLane = kNoWorker; ///< Acquirer, getter or receiver.
    std::uint64_t toTime = 0;
    std::uint64_t sequence = 0; ///< Item or message sequence (queue, pipe).
    std::int64_t value = 0;     ///< The item's value (queue).
};

/// What ended a wait span on `lane` (a lock, GIL, queue or pipe wait), if the trace shows it.
std::optional<HandOver> handOverForWait(const TraceStore& trace, std::uint16_t lane,
                                        const StateSpan& span);

/// The other end of one event: for an acquire, the release it followed; for a get, the put;
/// for a put, the get that took the item; for a recv, the send; for a send, the recv.
std::optional<HandOver> handOverForEvent(const TraceStore& trace, std::uint16_t lane,
                                         std::size_t eventIndex);

} // namespace interleave
