#pragma once

#include "base/errors.h"

#include <atomic>
#include <cstdint>

namespace interleave {

/// Whether a worker must stop: the whole run is stopping, or this worker alone was cancelled
/// (a daemon thread when the main thread ends). Every blocking wait polls it; anyone who sets
/// either word also wakes the run's stop futex so that sleepers re-check promptly.
class CancelToken {
public:
    CancelToken() = default;
    CancelToken(std::atomic<std::uint32_t>* runStop, const std::atomic<std::uint32_t>* worker)
        : m_runStop(runStop)
        , m_worker(worker)
    {
    }

    bool requested() const
    {
        return (m_runStop != nullptr && m_runStop->load(std::memory_order_acquire) != 0) ||
               (m_worker != nullptr && m_worker->load(std::memory_order_acquire) != 0);
    }
    void throwIfRequested() const
    {
        if (requested())
            throw RunCancelled();
    }
    /// The futex word sleepers wait on (the run's stop word).
    std::atomic<std::uint32_t>* wakeWord() const { return m_runStop; }

private:
    std::atomic<std::uint32_t>* m_runStop = nullptr;
    const std::atomic<std::uint32_t>* m_worker = nullptr;
};

/// Waits until `deadlineNs` (Clock::now time base) unless cancelled; throws RunCancelled then.
void cancellableSleepUntil(const CancelToken& cancel, std::uint64_t deadlineNs);

} // namespace interleave
