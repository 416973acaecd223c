#include "trace/handover.h"

namespace interleave {

namespace {

/// How far back or forward to look for the other end before giving up (keeps a hover cheap).
constexpr std::size_t kSearchLimit = 100'000;

/// The last event on `lane` at or before `t` that satisfies `match`.
template <class Match>
std::optional<Event> lastBefore(const Lane& lane, std::uint64_t t, Match match)
{
    std::size_t i = lane.events.lowerBound(t + 1);
    for (std::size_t steps = 0; i > 0 && steps < kSearchLimit; ++steps) {
        --i;
        const Event e = lane.events.at(i, lane.info.id);
        if (match(e))
            return e;
    }
    return std::nullopt;
}

/// The first event on `lane` at or after `t` that satisfies `match`.
template <class Match>
std::optional<Event> firstAfter(const Lane& lane, std::uint64_t t, Match match)
{
    std::optional<Event> found;
    const std::size_t begin = lane.events.lowerBound(t);
    const std::size_t end = std::min(lane.events.size(), begin + kSearchLimit);
    lane.events.forEach(begin, end, lane.info.id, [&](const Event& e) {
        if (!found && match(e))
            found = e;
    });
    return found;
}

std::optional<HandOver> fromAcquire(const TraceStore& trace, const Event& acquire, bool gil)
{
    if ((acquire.flags & LockContended) == 0 || acquire.a == 0 || acquire.a > trace.laneCount())
        return std::nullopt;
    const auto holder = std::uint16_t(acquire.a - 1);
    const EventKind release = gil ? EventKind::GilRelease : EventKind::LockRelease;
    const auto released = lastBefore(trace.lane(holder), acquire.tNs, [&](const Event& e) {
        return e.kind == release && e.object == acquire.object;
    });
    if (!released)
        return std::nullopt;
    return HandOver{gil ? HandOver::Kind::Gil : HandOver::Kind::Lock,
                    acquire.object,
                    holder,
                    released->tNs,
                    acquire.worker,
                    acquire.tNs,
                    0,
                    0};
}

/// The put of the item `get` took, searched on every lane.
std::optional<HandOver> fromGet(const TraceStore& trace, const Event& get)
{
    const std::uint32_t sequence = queueSequence(get.a);
    for (std::size_t i = 0; i < trace.laneCount(); ++i) {
        const auto put = lastBefore(trace.lane(i), get.tNs, [&](const Event& e) {
            return e.kind == EventKind::QueuePut && e.object == get.object &&
                   queueSequence(e.a) == sequence;
        });
        if (put)
            return HandOver{HandOver::Kind::Queue,
                            get.object,
                            std::uint16_t(i),
                            put->tNs,
                            get.worker,
                            get.tNs,
                            sequence,
                            std::int64_t(get.b)};
    }
    return std::nullopt;
}

/// The get that took the item `put` put.
std::optional<HandOver> toGet(const TraceStore& trace, const Event& put)
{
    const std::uint32_t sequence = queueSequence(put.a);
    for (std::size_t i = 0; i < trace.laneCount(); ++i) {
        const auto get = firstAfter(trace.lane(i), put.tNs, [&](const Event& e) {
            return e.kind == EventKind::QueueGet && e.object == put.object &&
                   queueSequence(e.a) == sequence;
        });
        if (get)
            return HandOver{HandOver::Kind::Queue, put.object, put.worker, put.tNs,
                            std::uint16_t(i),      get->tNs,   sequence,   std::int64_t(put.b)};
    }
    return std::nullopt;
}

std::optional<HandOver> fromRecv(const TraceStore& trace, const Event& recv)
{
    for (std::size_t i = 0; i < trace.laneCount(); ++i) {
        const auto send = lastBefore(trace.lane(i), recv.tNs, [&](const Event& e) {
            return e.kind == EventKind::PipeSend && e.object == recv.object && e.a == recv.a;
        });
        if (send)
            return HandOver{
                HandOver::Kind::Pipe, recv.object, std::uint16_t(i), send->tNs,
                recv.worker,          recv.tNs,    recv.a,           std::int64_t(recv.b)};
    }
    return std::nullopt;
}

std::optional<HandOver> toRecv(const TraceStore& trace, const Event& send)
{
    for (std::size_t i = 0; i < trace.laneCount(); ++i) {
        const auto recv = firstAfter(trace.lane(i), send.tNs, [&](const Event& e) {
            return e.kind == EventKind::PipeRecv && e.object == send.object && e.a == send.a;
        });
        if (recv)
            return HandOver{HandOver::Kind::Pipe, send.object, send.worker, send.tNs,
                            std::uint16_t(i),     recv->tNs,   send.a,      std::int64_t(send.b)};
    }
    return std::nullopt;
}

std::optional<HandOver> forEvent(const TraceStore& trace, const Event& e)
{
    switch (e.kind) {
    case EventKind::LockAcquire: return fromAcquire(trace, e, false);
    case EventKind::GilAcquire: return fromAcquire(trace, e, true);
    case EventKind::QueueGet: return fromGet(trace, e);
    case EventKind::QueuePut: return toGet(trace, e);
    case EventKind::PipeRecv: return fromRecv(trace, e);
    case EventKind::PipeSend: return toRecv(trace, e);
    default: return std::nullopt;
    }
}

} // namespace

std::optional<HandOver> handOverForWait(const TraceStore& trace, std::uint16_t lane,
                                        const StateSpan& span)
{
    if (lane >= trace.laneCount())
        return std::nullopt;
    EventKind ends = EventKind::None;
    switch (span.state) {
    case LaneState::LockWait: ends = EventKind::LockAcquire; break;
    case LaneState::GilWait: ends = EventKind::GilAcquire; break;
    case LaneState::QueueWait: break; // a get, a put (full queue) or a recv
    default: return std::nullopt;
    }
    const auto ending = firstAfter(trace.lane(lane), span.end, [&](const Event& e) {
        if (e.tNs > span.end)
            return true; // past the end of the wait: stop looking
        if (ends != EventKind::None)
            return e.kind == ends;
        return e.kind == EventKind::QueueGet || e.kind == EventKind::PipeRecv ||
               e.kind == EventKind::QueuePut;
    });
    if (!ending || ending->tNs != span.end)
        return std::nullopt;
    if (ending->kind == EventKind::QueuePut) {
        // A producer blocked on a full queue went on when a get made room.
        std::optional<HandOver> best;
        for (std::size_t i = 0; i < trace.laneCount(); ++i) {
            const auto get = lastBefore(trace.lane(i), ending->tNs, [&](const Event& e) {
                return e.kind == EventKind::QueueGet && e.object == ending->object;
            });
            if (get && (!best || get->tNs > best->fromTime))
                best = HandOver{HandOver::Kind::Queue,
                                ending->object,
                                std::uint16_t(i),
                                get->tNs,
                                lane,
                                ending->tNs,
                                queueSequence(get->a),
                                std::int64_t(get->b)};
        }
        return best;
    }
    return forEvent(trace, *ending);
}

std::optional<HandOver> handOverForEvent(const TraceStore& trace, std::uint16_t lane,
                                         std::size_t eventIndex)
{
    if (lane >= trace.laneCount() || eventIndex >= trace.lane(lane).events.size())
        return std::nullopt;
    return forEvent(trace, trace.lane(lane).events.at(eventIndex, lane));
}

} // namespace interleave
