#include "base/futex.h"

#include <cerrno>
#include <climits>
#include <ctime>
#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace interleave {

static_assert(sizeof(std::atomic<std::uint32_t>) == sizeof(std::uint32_t));
static_assert(std::atomic<std::uint32_t>::is_always_lock_free);

bool futexWait(std::atomic<std::uint32_t>* word, std::uint32_t expected, std::int64_t timeoutNs)
{
    timespec ts{};
    timespec* timeout = nullptr;
    if (timeoutNs >= 0) {
        ts.tv_sec = timeoutNs / 1'000'000'000;
        ts.tv_nsec = timeoutNs % 1'000'000'000;
        timeout = &ts;
    }
    // Not FUTEX_PRIVATE: the word may live in memory shared with other processes.
    const long rc = syscall(SYS_futex, reinterpret_cast<std::uint32_t*>(word), FUTEX_WAIT, expected,
                            timeout, nullptr, 0);
    return !(rc == -1 && errno == ETIMEDOUT);
}

void futexWakeAll(std::atomic<std::uint32_t>* word)
{
    syscall(SYS_futex, reinterpret_cast<std::uint32_t*>(word), FUTEX_WAKE, INT_MAX, nullptr,
            nullptr, 0);
}

} // namespace interleave
