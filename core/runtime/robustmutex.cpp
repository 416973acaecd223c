#include "runtime/robustmutex.h"

#include "base/errors.h"

#include <cerrno>
#include <ctime>

#if defined(__SANITIZE_THREAD__)
#include <sanitizer/tsan_interface.h>
#endif

namespace interleave {

namespace {
constexpr long kSliceNs = 50'000'000;

LockResult afterLock(pthread_mutex_t* mutex, int rc, const char* what)
{
    if (rc == 0)
        return {true, false};
    if (rc == EOWNERDEAD) {
        pthread_mutex_consistent(mutex);
        return {true, true};
    }
    throw SystemError(what, rc);
}
} // namespace

void initialiseMutex(pthread_mutex_t* mutex, bool processShared)
{
    pthread_mutexattr_t attr;
    pthread_mutexattr_init(&attr);
    if (processShared) {
        pthread_mutexattr_setpshared(&attr, PTHREAD_PROCESS_SHARED);
        pthread_mutexattr_setrobust(&attr, PTHREAD_MUTEX_ROBUST);
    }
    const int rc = pthread_mutex_init(mutex, &attr);
    pthread_mutexattr_destroy(&attr);
    if (rc != 0)
        throw SystemError("pthread_mutex_init", rc);
}

LockResult tryLockMutex(pthread_mutex_t* mutex)
{
    const int rc = pthread_mutex_trylock(mutex);
    if (rc == EBUSY)
        return {false, false};
    return afterLock(mutex, rc, "pthread_mutex_trylock");
}

LockResult lockMutexCancellable(pthread_mutex_t* mutex, const CancelToken& cancel)
{
    for (;;) {
        cancel.throwIfRequested();
        timespec deadline{};
        clock_gettime(CLOCK_MONOTONIC, &deadline);
        deadline.tv_nsec += kSliceNs;
        if (deadline.tv_nsec >= 1'000'000'000) {
            deadline.tv_sec += 1;
            deadline.tv_nsec -= 1'000'000'000;
        }
#if defined(__SANITIZE_THREAD__)
        // GCC 12's ThreadSanitizer does not intercept pthread_mutex_clocklock: tell it of the
        // lock, or it sees the unlock of a mutex never locked and races behind every lock.
        __tsan_mutex_pre_lock(mutex, 0);
        const int rc = pthread_mutex_clocklock(mutex, CLOCK_MONOTONIC, &deadline);
        __tsan_mutex_post_lock(mutex,
                               rc == 0 || rc == EOWNERDEAD ? 0 : __tsan_mutex_try_lock_failed, 0);
#else
        const int rc = pthread_mutex_clocklock(mutex, CLOCK_MONOTONIC, &deadline);
#endif
        if (rc != ETIMEDOUT)
            return afterLock(mutex, rc, "pthread_mutex_clocklock");
    }
}

} // namespace interleave
