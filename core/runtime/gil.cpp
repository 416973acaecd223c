#include "runtime/gil.h"

namespace interleave {

namespace {
/// Longest a forced-switching holder waits for someone to take the GIL before re-checking.
constexpr auto kSwitchWaitSlice = std::chrono::milliseconds(20);
} // namespace

Gil::Gil(std::uint16_t objectId, std::chrono::microseconds switchInterval)
    : m_objectId(objectId)
    , m_interval(switchInterval)
{
}

void Gil::take(Recorder& recorder, const CancelToken& cancel)
{
    std::unique_lock lock(m_mutex);
    bool contended = false;
    if (m_locked) {
        contended = true;
        recorder.record(EventKind::GilRequest, m_objectId);
        while (m_locked) {
            const std::uint64_t switchesBefore = m_switchNumber;
            const bool timedOut = m_cond.wait_for(lock, m_interval) == std::cv_status::timeout;
            cancel.throwIfRequested();
            if (timedOut && m_locked && m_switchNumber == switchesBefore &&
                !m_dropRequest.load(std::memory_order_relaxed)) {
                m_dropRequest.store(true, std::memory_order_relaxed);
                recorder.record(EventKind::GilDropRequest, m_objectId, m_holder);
            }
        }
    }
    m_locked = true;
    m_holder = recorder.worker();
    ++m_switchNumber;
    // The new holder owes nobody a switch yet.
    m_dropRequest.store(false, std::memory_order_relaxed);
    const std::uint64_t previous = m_lastHolder == kNoWorker ? 0 : m_lastHolder + 1u;
    recorder.record(EventKind::GilAcquire, m_objectId, previous, 0,
                    std::uint8_t(contended ? LockContended : 0));
    m_switchCond.notify_all();
}

void Gil::drop(Recorder& recorder, GilReleaseReason reason, const CancelToken& cancel)
{
    std::unique_lock lock(m_mutex);
    // Stamped while still holding our bookkeeping lock: the release precedes the next acquire.
    recorder.record(EventKind::GilRelease, m_objectId, 0, 0, std::uint8_t(reason));
    m_locked = false;
    m_lastHolder = recorder.worker();
    m_holder = kNoWorker;
    m_cond.notify_one();

    // FORCE_SWITCHING: after a drop request, do not race the waiter for the GIL we just gave up.
    if (reason == GilReleaseReason::DropRequest) {
        const std::uint64_t switchesBefore = m_switchNumber;
        while (m_switchNumber == switchesBefore && !cancel.requested())
            m_switchCond.wait_for(lock, kSwitchWaitSlice);
    }
}

} // namespace interleave
