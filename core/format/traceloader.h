#pragma once

#include "base/progress.h"

#include <memory>
#include <string>

namespace interleave {

class TraceStore;

/// Opens any trace file Interleave reads, recognised by its content. Errors name the file:
/// SystemError when it cannot be read, FormatError when it is not a trace we can trust.
/// `progress` reports how far the load got and can cancel it (Cancelled).
std::shared_ptr<TraceStore> loadTraceFile(const std::string& path, const Progress& progress = {});

} // namespace interleave
