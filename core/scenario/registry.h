#pragma once

#include "scenario/scenario.h"

#include <string_view>
#include <vector>

namespace interleave {

/// Every scenario, in the order `interleave list` shows them.
const std::vector<const Scenario*>& allScenarios();

/// The scenario with this id, or null.
const Scenario* findScenario(std::string_view id);

/// The scenario with this id; throws UsageError ("unknown scenario ...") otherwise.
const Scenario& requireScenario(std::string_view id);

} // namespace interleave
