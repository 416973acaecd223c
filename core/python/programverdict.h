#pragma once

#include "trace/tracemodel.h"

#include <string>

namespace interleave {

class TraceStore;

/// Reads a traced Python program's verdict off its trace, whatever the program did: how it
/// ended (exit status, signal, uncaught exception with its line), how many threads ran Python
/// at once at most, each thread's share of time waiting for the GIL, the most contended lock
/// and its longest wait, and the deepest queue. `script` is the file name, for the sentence.
void evaluateProgram(const TraceStore& trace, const std::string& script, Results& results);

} // namespace interleave
