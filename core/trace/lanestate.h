#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace interleave {

/// What a worker is doing over a span of time. The numbers are stable (they appear in exports).
enum class LaneState : std::uint8_t {
    Starting = 0,  ///< Spawned, not yet running its code (thread or process start latency).
    Running = 1,   ///< On a CPU running its code (under the GIL: holding it).
    Runnable = 2,  ///< Ready to run but waiting for a core (from the kernel's schedstat).
    LockWait = 3,  ///< Blocked acquiring a lock.
    GilWait = 4,   ///< Ready to run Python code but waiting for the GIL.
    QueueWait = 5, ///< Blocked on a queue or a pipe.
    Sleeping = 6,  ///< In time.sleep() or (simulated) I/O.
    Joining = 7,   ///< In join(), waiting for another worker to end.
    Finished = 8,  ///< Returned normally (or was cancelled) and ended.
    Crashed = 9,   ///< Died abnormally (killed by a signal, failed).
};

inline constexpr std::size_t kLaneStateCount = 10;

inline constexpr std::array<LaneState, kLaneStateCount> kAllLaneStates = {
    LaneState::Starting, LaneState::Running,   LaneState::Runnable, LaneState::LockWait,
    LaneState::GilWait,  LaneState::QueueWait, LaneState::Sleeping, LaneState::Joining,
    LaneState::Finished, LaneState::Crashed};

/// Machine name: "running", "lock_wait"... (JSON keys, Chrome trace span names).
std::string_view laneStateName(LaneState state);
/// Human label: "running", "waiting for lock"...
std::string_view laneStateLabel(LaneState state);
std::optional<LaneState> laneStateFromName(std::string_view name);

/// States in which a lane exists but is not doing anything (not drawn as activity).
constexpr bool isTerminal(LaneState state)
{
    return state == LaneState::Finished || state == LaneState::Crashed;
}

} // namespace interleave
