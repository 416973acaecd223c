#pragma once

#include "runtime/cancellation.h"
#include "runtime/recorder.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>

namespace interleave {

/// CPython's global interpreter lock for the threads of one process, after Python/ceval_gil.c:
/// a waiter sleeps in timed waits of one switch interval; when an interval passes with no switch
/// it sets a drop request, which the holder sees between bytecodes and honours by dropping the
/// GIL and (forced switching) waiting until another thread has taken it. A C call that never
/// checks (a GMP factorial) keeps the GIL for its whole duration, exactly as in CPython.
class Gil {
public:
    Gil(std::uint16_t objectId, std::chrono::microseconds switchInterval);

    /// take_gil(): blocks until this lane holds the GIL. Throws RunCancelled while waiting.
    void take(Recorder& recorder, const CancelToken& cancel);
    /// drop_gil(): releases it; with a pending drop request, waits until another thread took it.
    void drop(Recorder& recorder, GilReleaseReason reason, const CancelToken& cancel);
    /// The eval-breaker check a holder makes between bytecodes.
    bool dropRequested() const { return m_dropRequest.load(std::memory_order_relaxed); }

    std::uint16_t objectId() const { return m_objectId; }
    std::chrono::microseconds switchInterval() const { return m_interval; }

private:
    const std::uint16_t m_objectId;
    const std::chrono::microseconds m_interval;
    std::mutex m_mutex;
    std::condition_variable m_cond;       ///< Signalled when the GIL is released.
    std::condition_variable m_switchCond; ///< Signalled when a new holder took it.
    bool m_locked = false;
    std::uint16_t m_holder = kNoWorker;
    std::uint16_t m_lastHolder = kNoWorker;
    std::uint64_t m_switchNumber = 0;
    std::atomic<bool> m_dropRequest{false};
};

} // namespace interleave
