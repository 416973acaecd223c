#pragma once

#include "base/event.h"
#include "trace/tracemodel.h"

#include <optional>
#include <vector>

namespace interleave {

/// Turns one lane's events, fed in time order, into maximal state spans. The same code runs live
/// in the collector and when a trace file is loaded, so both show exactly the same spans.
class StateTracker {
public:
    /// Feeds one event; appends each span it closes to `out`.
    void onEvent(const Event& event, SpanList& out);
    /// Closes the open span at `t` (the end of the trace).
    void close(std::uint64_t t, SpanList& out);
    /// The span still open, ending at `now`, for live views.
    std::optional<StateSpan> openSpan(std::uint64_t now) const;
    /// An interpreter lane whose GIL is not read: its GIL waits are inferred from scheduling.
    bool gilInferred() const { return m_gilInferred; }
    /// The GIL object its GIL events (or inferred waits) refer to.
    std::uint16_t gilObject() const { return m_gilObject; }

private:
    LaneState derive() const;
    void moveTo(std::uint64_t t, LaneState state, std::uint16_t object, std::uint16_t related,
                SpanList& out);
    void block(LaneState state, std::uint16_t object, std::uint16_t related = kNoWorker);
    /// A lock taken at the first try right after the request was never waited for: the
    /// request-to-acquire span is bookkeeping, so it is folded back into the span before it.
    void retractWait(LaneState waitState, SpanList& out);

    bool m_open = false;
    bool m_gilMode = false;
    bool m_gilFromInterpreter = false;
    bool m_gilInferred = false;
    bool m_waitingGil = false;
    bool m_holdsGil = false;
    bool m_ended = false;
    bool m_crashed = false;
    std::optional<LaneState> m_blocked;
    std::uint16_t m_blockedObject = 0;
    std::uint16_t m_blockedRelated = kNoWorker;
    std::uint16_t m_gilObject = 0;
    EventKind m_lastKind = EventKind::None;

    LaneState m_state = LaneState::Starting;
    std::uint64_t m_since = 0;
    std::uint16_t m_object = 0;
    std::uint16_t m_related = kNoWorker;
};

} // namespace interleave
