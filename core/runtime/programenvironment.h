#pragma once

/// The environment a program started as a process lane (a traced Python interpreter) finds its
/// run by: written by the recording process, read (then removed) by the preloaded tracer.
namespace interleave {

inline constexpr const char* kSegmentFdVariable = "INTERLEAVE_SEGMENT_FD";
inline constexpr const char* kSlotVariable = "INTERLEAVE_SLOT";
inline constexpr const char* kParentPidVariable = "INTERLEAVE_PARENT_PID";
/// Set to 1 by the user (or a test): the tracer does not read the interpreter's GIL and the
/// shim records through its ctypes stand-in, exactly as for an interpreter of another version.
/// Lets the inferred GIL be compared with the one read from CPython on the same program.
inline constexpr const char* kInferGilVariable = "INTERLEAVE_INFER_GIL";

/// Role of the lane of a process the traced program started (a multiprocessing child, a
/// subprocess): its main thread, with its own group of lanes on the timeline.
inline constexpr const char* kChildProcessRole = "process";

} // namespace interleave
