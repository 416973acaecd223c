#pragma once

#include "base/progress.h"

#include <memory>
#include <string>

namespace interleave {

class TraceStore;
struct ChromeEvents;

/// Turns what the Chrome JSON parser collected into a finished trace: lanes in the file's
/// process and thread order, slices nested by depth, instants, counters and flow arrows. A
/// file Interleave exported becomes the run it was (states, prints, queue depth, core
/// utilisation, scenario and verdict) rather than a foreign trace.
std::shared_ptr<TraceStore> buildChromeTrace(ChromeEvents&& events, const std::string& title,
                                             const Progress& progress = {});

} // namespace interleave
