#pragma once

#include "trace/tracemodel.h"

namespace interleave {

/// Cores online, CPU model and kernel release of this machine.
MachineInfo currentMachine();

} // namespace interleave
