#pragma once

#include "base/clock.h"
#include "base/event.h"
#include "shm/spscring.h"

#include <sched.h>

namespace interleave {

/// Stamps events with time and CPU and pushes them into one lane's ring. Owned by the single
/// thread that produces into that ring.
class Recorder {
public:
    Recorder() = default;
    Recorder(RingProducer producer, std::uint16_t worker)
        : m_producer(producer)
        , m_worker(worker)
    {
    }

    void record(EventKind kind, std::uint16_t object = 0, std::uint64_t a = 0, std::uint64_t b = 0,
                std::uint8_t flags = 0)
    {
        recordAt(Clock::now(), kind, object, a, b, flags);
    }

    /// For a moment captured earlier, e.g. inside a critical section, so that a release is
    /// always stamped before the acquire it enables.
    void recordAt(std::uint64_t tNs, EventKind kind, std::uint16_t object = 0, std::uint64_t a = 0,
                  std::uint64_t b = 0, std::uint8_t flags = 0)
    {
        recordFor(m_worker, tNs, kind, object, a, b, flags);
    }

    /// For engine producers whose events describe another lane (sampler, reaper).
    void recordFor(std::uint16_t worker, std::uint64_t tNs, EventKind kind, std::uint16_t object,
                   std::uint64_t a, std::uint64_t b, std::uint8_t flags = 0)
    {
        const int cpu = sched_getcpu();
        m_producer.push(
            Event{tNs, worker, kind, flags, std::uint16_t(cpu < 0 ? 0 : cpu), object, a, b});
    }

    /// A fully formed event (the sampler fills in another lane's CPU itself).
    void push(const Event& event) { m_producer.push(event); }

    std::uint16_t worker() const { return m_worker; }

private:
    RingProducer m_producer;
    std::uint16_t m_worker = kNoWorker;
};

} // namespace interleave
