#include "trace/eventstep.h"

#include "trace/tracestore.h"

namespace interleave {

bool eventConcernsObject(const Event& e, std::uint16_t id)
{
    if (e.object != id)
        return false;
    switch (e.kind) {
    case EventKind::LockRequest:
    case EventKind::LockAcquire:
    case EventKind::LockRelease:
    case EventKind::LockGiveUp:
    case EventKind::GilRequest:
    case EventKind::GilDropRequest:
    case EventKind::GilAcquire:
    case EventKind::GilRelease:
    case EventKind::QueuePutBegin:
    case EventKind::QueuePut:
    case EventKind::QueueGetBegin:
    case EventKind::QueueGet:
    case EventKind::QueueTaskDone:
    case EventKind::QueueJoinBegin:
    case EventKind::QueueJoinEnd:
    case EventKind::PipeSend:
    case EventKind::PipeRecvBegin:
    case EventKind::PipeRecv:
    case EventKind::ValueRead:
    case EventKind::ValueWrite: return true;
    default: return false;
    }
}

StepScope stepScopeOf(const TraceStore& trace, const TimelineItem& selected)
{
    if (!selected.valid() || selected.lane >= trace.laneCount())
        return {};
    const Lane& lane = trace.lane(selected.lane);
    if (selected.kind == TimelineItem::Kind::Event && selected.index < lane.events.size()) {
        const Event e = lane.events.at(selected.index, selected.lane);
        if (eventConcernsObject(e, e.object))
            return {StepScope::Kind::Object, e.object};
    }
    if (selected.kind == TimelineItem::Kind::Span) {
        switch (selected.span.state) {
        case LaneState::LockWait:
        case LaneState::GilWait:
        case LaneState::QueueWait: return {StepScope::Kind::Object, selected.span.object};
        default: break;
        }
    }
    return {StepScope::Kind::Lane, selected.lane};
}

namespace {

/// Whether playback stops at this event of the scope.
bool isStep(const Event& e, const StepScope& scope)
{
    switch (e.kind) {
    case EventKind::WorkerSample:
    case EventKind::CoreSample: return false;
    default: break;
    }
    return scope.kind != StepScope::Kind::Object || eventConcernsObject(e, scope.id);
}

/// The first step of one lane strictly after `t`.
std::optional<std::uint64_t> nextOnLane(const Lane& lane, std::uint64_t t, const StepScope& scope)
{
    const EventColumns& events = lane.events;
    for (std::size_t i = events.lowerBound(t + 1); i < events.size(); ++i) {
        const Event e = events.at(i, lane.info.id);
        if (isStep(e, scope))
            return e.tNs;
    }
    return std::nullopt;
}

/// The last step of one lane strictly before `t`.
std::optional<std::uint64_t> previousOnLane(const Lane& lane, std::uint64_t t,
                                            const StepScope& scope)
{
    const EventColumns& events = lane.events;
    for (std::size_t i = events.lowerBound(t); i-- > 0;) {
        const Event e = events.at(i, lane.info.id);
        if (isStep(e, scope))
            return e.tNs;
    }
    return std::nullopt;
}

template <class OnLane, class Better>
std::optional<std::uint64_t> overLanes(const TraceStore& trace, const StepScope& scope,
                                       OnLane onLane, Better better)
{
    if (scope.kind == StepScope::Kind::Lane)
        return scope.id < trace.laneCount() ? onLane(trace.lane(scope.id)) : std::nullopt;
    std::optional<std::uint64_t> best;
    for (std::size_t i = 0; i < trace.laneCount(); ++i) {
        const auto found = onLane(trace.lane(i));
        if (found && (!best || better(*found, *best)))
            best = found;
    }
    return best;
}

} // namespace

std::optional<std::uint64_t> nextEventTime(const TraceStore& trace, std::uint64_t t,
                                           StepScope scope)
{
    return overLanes(
        trace, scope, [&](const Lane& lane) { return nextOnLane(lane, t, scope); },
        [](std::uint64_t a, std::uint64_t b) { return a < b; });
}

std::optional<std::uint64_t> previousEventTime(const TraceStore& trace, std::uint64_t t,
                                               StepScope scope)
{
    return overLanes(
        trace, scope, [&](const Lane& lane) { return previousOnLane(lane, t, scope); },
        [](std::uint64_t a, std::uint64_t b) { return a > b; });
}

} // namespace interleave
