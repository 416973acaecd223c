#include "runtime/cancellation.h"

#include "base/clock.h"
#include "base/futex.h"

#include <chrono>
#include <thread>

namespace interleave {

void cancellableSleepUntil(const CancelToken& cancel, std::uint64_t deadlineNs)
{
    for (;;) {
        cancel.throwIfRequested();
        const std::uint64_t now = Clock::now();
        if (now >= deadlineNs)
            return;
        if (cancel.wakeWord() != nullptr)
            futexWait(cancel.wakeWord(), 0, std::int64_t(deadlineNs - now));
        else
            std::this_thread::sleep_for(std::chrono::nanoseconds(deadlineNs - now));
    }
}

} // namespace interleave
