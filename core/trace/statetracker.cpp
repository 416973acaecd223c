#include "trace/statetracker.h"

namespace interleave {

void StateTracker::block(LaneState state, std::uint16_t object, std::uint16_t related)
{
    m_blocked = state;
    m_blockedObject = object;
    m_blockedRelated = related;
}

LaneState StateTracker::derive() const
{
    if (m_crashed)
        return LaneState::Crashed;
    if (m_ended)
        return LaneState::Finished;
    if (m_blocked)
        return *m_blocked;
    if (m_gilMode && !m_holdsGil) {
        // The interpreter's GIL says exactly when a thread waits for it; between waits it runs
        // without the GIL (C code, I/O that is not traced).
        if (m_gilFromInterpreter && !m_waitingGil)
            return LaneState::Sleeping;
        return LaneState::GilWait;
    }
    return LaneState::Running;
}

void StateTracker::moveTo(std::uint64_t t, LaneState state, std::uint16_t object,
                          std::uint16_t related, SpanList& out)
{
    if (m_open && state == m_state && object == m_object && related == m_related)
        return;
    if (m_open && t > m_since)
        out.push_back(StateSpan{m_since, t, m_state, m_object, m_related});
    if (m_open && t < m_since)
        t = m_since; // Never let a span run backwards, whatever the input.
    m_open = true;
    m_state = state;
    m_since = t;
    m_object = object;
    m_related = related;
}

void StateTracker::retractWait(LaneState waitState, SpanList& out)
{
    if (!m_open || m_state != waitState || out.empty() || out.back().end != m_since)
        return;
    const StateSpan previous = out.back();
    out.pop_back();
    m_state = previous.state;
    m_since = previous.start;
    m_object = previous.object;
    m_related = previous.related;
}

void StateTracker::onEvent(const Event& e, SpanList& out)
{
    switch (e.kind) {
    case EventKind::WorkerStart:
        m_gilMode = (e.flags & StartNeedsGil) != 0;
        m_gilFromInterpreter = (e.flags & StartGilFromInterpreter) != 0;
        m_gilInferred = (e.flags & StartGilInferred) != 0;
        if (m_gilInferred)
            m_gilObject = e.object;
        if (!m_open && e.a != 0 && e.a < e.tNs)
            moveTo(e.a, LaneState::Starting, 0, kNoWorker, out);
        break;
    case EventKind::WorkerEnd:
        m_ended = true;
        m_crashed = EndReason(e.flags) == EndReason::Failed;
        break;
    case EventKind::WorkerExit: {
        const auto kind = ExitKind(e.flags);
        // Ended on request (terminated by its program, stopped by the run): not a crash.
        if (!m_ended && (kind == ExitKind::Signaled || (kind == ExitKind::Exited && e.a != 0)))
            m_crashed = true;
        m_ended = true;
        break;
    }
    case EventKind::SleepBegin: block(LaneState::Sleeping, 0); break;
    case EventKind::LockRequest: block(LaneState::LockWait, e.object); break;
    case EventKind::QueuePutBegin:
    case EventKind::QueueGetBegin:
    case EventKind::QueueJoinBegin:
    case EventKind::PipeRecvBegin: block(LaneState::QueueWait, e.object); break;
    case EventKind::JoinBegin: block(LaneState::Joining, 0, std::uint16_t(e.a)); break;
    case EventKind::LockAcquire:
        // Taken at the first try right after asking: there was no wait to show.
        if ((e.flags & LockContended) == 0 && m_lastKind == EventKind::LockRequest)
            retractWait(LaneState::LockWait, out);
        m_blocked.reset();
        break;
    case EventKind::LockGiveUp:
    case EventKind::SleepEnd:
    case EventKind::QueuePut:
    case EventKind::QueueGet:
    case EventKind::QueueJoinEnd:
    case EventKind::PipeRecv:
    case EventKind::JoinEnd: m_blocked.reset(); break;
    case EventKind::GilAcquire:
        m_holdsGil = true;
        m_waitingGil = false;
        m_gilObject = e.object;
        break;
    case EventKind::GilRelease:
        m_holdsGil = false;
        m_gilObject = e.object;
        // Leaving the interpreter for good: nothing to wait for any more.
        if (GilReleaseReason(e.flags) == GilReleaseReason::Exit)
            m_ended = true;
        // The GIL stops being read: running from here on, its waits inferred later.
        if (GilReleaseReason(e.flags) == GilReleaseReason::Unread) {
            m_gilMode = false;
            m_gilFromInterpreter = false;
            m_waitingGil = false;
            m_gilInferred = true;
        }
        break;
    case EventKind::GilRequest:
        m_gilObject = e.object;
        if (m_gilFromInterpreter) {
            // Asking for the interpreter's GIL means the blocking call it was in has returned.
            m_waitingGil = true;
            m_blocked.reset();
        }
        break;
    default: m_lastKind = e.kind; return;
    }
    m_lastKind = e.kind;
    const LaneState state = derive();
    std::uint16_t object = 0;
    std::uint16_t related = kNoWorker;
    if (state == LaneState::GilWait)
        object = m_gilObject;
    else if (m_blocked && state == *m_blocked) {
        object = m_blockedObject;
        related = m_blockedRelated;
    }
    moveTo(e.tNs, state, object, related, out);
}

void StateTracker::close(std::uint64_t t, SpanList& out)
{
    if (m_open && t > m_since)
        out.push_back(StateSpan{m_since, t, m_state, m_object, m_related});
    if (m_open)
        m_since = std::max(m_since, t);
}

std::optional<StateSpan> StateTracker::openSpan(std::uint64_t now) const
{
    if (!m_open)
        return std::nullopt;
    return StateSpan{m_since, std::max(now, m_since), m_state, m_object, m_related};
}

} // namespace interleave
