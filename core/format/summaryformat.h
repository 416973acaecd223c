#pragma once

#include <ostream>

namespace interleave {

struct TraceSummary;

/// The JSON of `interleave info --json` (documented in the README).
void writeSummaryJson(const TraceSummary& summary, std::ostream& out);

/// The human summary of `interleave info`.
void writeSummaryText(const TraceSummary& summary, std::ostream& out);

} // namespace interleave
