#pragma once

#include <memory>
#include <string>

namespace interleave {

class TraceStore;

/// Opens any trace file Interleave reads, recognised by its content. Errors name the file:
/// SystemError when it cannot be read, FormatError when it is not a trace we can trust.
std::shared_ptr<TraceStore> loadTraceFile(const std::string& path);

} // namespace interleave
