#pragma once

#include <atomic>
#include <cstdint>

namespace interleave {

/// Sleeps while `*word == expected`, at most `timeoutNs` (negative: no limit). Works across
/// processes on shared memory. Returns false on timeout.
bool futexWait(std::atomic<std::uint32_t>* word, std::uint32_t expected, std::int64_t timeoutNs);

/// Wakes every waiter on `word`, in any process.
void futexWakeAll(std::atomic<std::uint32_t>* word);

} // namespace interleave
