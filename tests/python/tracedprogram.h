#pragma once

#include "trace/tracestore.h"

#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace interleave::test {

/// One `interleave trace` of a program, as a user runs it: the built interleave binary, the
/// build's python3, the trace it saved.
struct TracedProgram {
    int exitStatus = -1;
    std::string out; ///< What interleave printed on stdout (the script's output, the verdict).
    std::string err;
    std::shared_ptr<TraceStore> trace; ///< Null when no trace file was written.
    double seconds = 0;                ///< Wall time of the whole command.
    std::chrono::steady_clock::time_point interruptedAt;
    double secondsAfterInterrupt = 0; ///< From the SIGINT to the end of interleave.
};

/// How to run one `interleave trace`.
struct TraceOptions {
    std::vector<std::string> options;     ///< Before the script; "--python P" replaces the default.
    std::string stdinText;                ///< Fed to the program's standard input.
    std::vector<std::string> environment; ///< Replaces the environment when not empty.
    /// Sends SIGINT to interleave this long after the start (0: never), as Ctrl-C would.
    double interruptAfterSeconds = 0;
};

/// Runs `interleave trace [options] -o TMP.itrace SCRIPT ARGS...`; a script without a slash is
/// one of tests/data/python.
TracedProgram traceProgram(const std::string& script,
                           const std::vector<std::string>& arguments = {},
                           const TraceOptions& how = {});

/// The environment of this test with INTERLEAVE_INFER_GIL=1: the tracer then treats the
/// interpreter as one whose GIL layout it does not know (the ctypes stand-in, no GIL probe).
TraceOptions withInferredGil();

/// Runs `interleave run ID -q -o TMP.itrace --set A...`: a re-enacted scenario, for comparison.
TracedProgram runScenario(const std::string& id, const std::vector<std::string>& assignments = {});

/// Runs the interleave binary with `argv` (argv[0] included) and loads the trace it wrote there.
TracedProgram runInterleave(std::vector<std::string> argv, const std::string& tracePath,
                            const TraceOptions& how);

/// Path of a lesson program in tests/data/python.
std::string lessonPath(const std::string& file);

/// Every event of `kind` on the lane, in time order.
std::vector<Event> eventsOf(const Lane& lane, EventKind kind);

/// The lanes of the traced program's threads (the interpreter's main thread included).
std::vector<const Lane*> programLanes(const TraceStore& trace);

const Lane* laneCalled(const TraceStore& trace, const std::string& name);

/// Most lanes among `lanes` in `state` at one moment.
std::size_t mostAtOnce(const std::vector<const Lane*>& lanes, LaneState state);

/// Output lines the trace recorded, in order.
std::vector<std::string> outputLines(const TraceStore& trace);

/// Whether a process with this pid still exists (zombies count as gone).
bool processRunning(int pid);

} // namespace interleave::test
