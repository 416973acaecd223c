#pragma once

#include <ostream>

namespace interleave {

struct SweepResult;

/// {"scenario", "param", "repeat", "rows": [{"value", "elapsed_ns", "speedup", "runs_ns",
/// "results": {...}}]}
void writeSweepJson(const SweepResult& sweep, std::ostream& out);

/// An aligned table: value, elapsed, speedup, then the scenario's result values.
void writeSweepTable(const SweepResult& sweep, std::ostream& out);

} // namespace interleave
