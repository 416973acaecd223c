#pragma once

#include <cstdint>
#include <string_view>

namespace interleave {

class WorkerContext;
struct MutexState;

/// threading.Lock / multiprocessing.Lock: every acquire records a request, the acquire (with
/// whether it had to wait and who held the lock before) and the release.
class TracedMutex {
public:
    /// A new lock in the shared segment; process-shared ones are robust pthread mutexes.
    static TracedMutex create(WorkerContext& context, std::string_view name, bool processShared);
    /// The lock of that name created by the parent.
    static TracedMutex find(WorkerContext& context, std::string_view name);

    void acquire();
    void release();
    std::uint16_t id() const { return m_id; }

private:
    TracedMutex(WorkerContext& context, std::uint16_t id);

    WorkerContext* m_context;
    std::uint16_t m_id;
    MutexState* m_state;
};

/// `with lock:`
class ScopedLock {
public:
    explicit ScopedLock(TracedMutex& mutex)
        : m_mutex(mutex)
    {
        m_mutex.acquire();
    }
    ~ScopedLock() { m_mutex.release(); }
    ScopedLock(const ScopedLock&) = delete;
    ScopedLock& operator=(const ScopedLock&) = delete;

private:
    TracedMutex& m_mutex;
};

} // namespace interleave
