#pragma once

/// The environment a program started as a process lane (a traced Python interpreter) finds its
/// run by: written by the recording process, read (then removed) by the preloaded tracer.
namespace interleave {

inline constexpr const char* kSegmentFdVariable = "INTERLEAVE_SEGMENT_FD";
inline constexpr const char* kSlotVariable = "INTERLEAVE_SLOT";
inline constexpr const char* kParentPidVariable = "INTERLEAVE_PARENT_PID";
/// The LD_PRELOAD the user had, restored for the program's own children.
inline constexpr const char* kSavedPreloadVariable = "INTERLEAVE_SAVED_LD_PRELOAD";

} // namespace interleave
