#pragma once

#include "base/event.h"

#include <string>
#include <string_view>

namespace interleave {

class Scenario;
class SharedSegment;
class WorkerContext;

/// Runs one worker from its first event to its last: start, enter the interpreter (take the
/// GIL), the scenario's code for `role` ("main" for the main lane), leave, end. Errors become a
/// printed traceback line and a Failed end; a stopping run becomes a Cancelled end.
/// `error` receives the failure message, if any.
EndReason runWorkerBody(WorkerContext& context, const Scenario& scenario, std::string_view role,
                        std::string& error);

/// Registers a GIL object in the segment for the process `owner` names, and returns its id.
std::uint16_t registerGil(SharedSegment& segment, std::string_view owner);

} // namespace interleave
