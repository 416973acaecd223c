#include "trace/lanestate.h"

namespace interleave {

std::string_view laneStateName(LaneState state)
{
    switch (state) {
    case LaneState::Starting: return "starting";
    case LaneState::Running: return "running";
    case LaneState::Runnable: return "runnable";
    case LaneState::LockWait: return "lock_wait";
    case LaneState::GilWait: return "gil_wait";
    case LaneState::QueueWait: return "queue_wait";
    case LaneState::Sleeping: return "sleeping";
    case LaneState::Joining: return "joining";
    case LaneState::Finished: return "finished";
    case LaneState::Crashed: return "crashed";
    }
    return "unknown";
}

std::string_view laneStateLabel(LaneState state)
{
    switch (state) {
    case LaneState::Starting: return "starting";
    case LaneState::Running: return "running";
    case LaneState::Runnable: return "runnable (waiting for a core)";
    case LaneState::LockWait: return "waiting for lock";
    case LaneState::GilWait: return "waiting for GIL";
    case LaneState::QueueWait: return "blocked on queue / pipe";
    case LaneState::Sleeping: return "sleeping / I/O";
    case LaneState::Joining: return "joining";
    case LaneState::Finished: return "finished";
    case LaneState::Crashed: return "crashed";
    }
    return "unknown";
}

std::optional<LaneState> laneStateFromName(std::string_view name)
{
    for (LaneState state : kAllLaneStates) {
        if (laneStateName(state) == name)
            return state;
    }
    return std::nullopt;
}

} // namespace interleave
