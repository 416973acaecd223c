#pragma once

#include "runtime/cancellation.h"

#include <pthread.h>

namespace interleave {

/// Initialises a pthread mutex in place: private to one process, or process-shared and robust
/// (a holder that dies hands the next locker EOWNERDEAD instead of a deadlock).
void initialiseMutex(pthread_mutex_t* mutex, bool processShared);

/// Outcome of taking a mutex.
struct LockResult {
    bool acquired = false;  ///< For tryLock: whether it got the mutex.
    bool ownerDied = false; ///< The previous owner died holding it; its data may be half-written.
};

/// pthread_mutex_trylock, recovering a robust mutex whose owner died.
LockResult tryLockMutex(pthread_mutex_t* mutex);

/// Blocks until the mutex is ours, in timed slices so a stopping run can unwind the waiter
/// (throws RunCancelled).
LockResult lockMutexCancellable(pthread_mutex_t* mutex, const CancelToken& cancel);

} // namespace interleave
