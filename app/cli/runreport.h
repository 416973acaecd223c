#pragma once

#include <memory>
#include <optional>
#include <string>

namespace interleave {
class Run;
class TraceStore;
} // namespace interleave

namespace interleave::cli {

class Arguments;

/// Starts `run` and waits for its end; Ctrl-C stops it (what it recorded is kept).
std::shared_ptr<TraceStore> runToTheEnd(Run& run);

/// Prints the verdict, saves the trace to `output` and, if asked, writes `picture` — in that
/// order, so that a save that fails (a full disk) does not take the run's result with it.
void reportAndSave(const std::shared_ptr<TraceStore>& trace, const std::string& output,
                   const std::optional<std::string>& picture, const Arguments& args);

} // namespace interleave::cli
