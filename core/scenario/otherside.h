#pragma once

#include "scenario/parameters.h"

#include <string>
#include <vector>

namespace interleave {

class Scenario;

/// The other side of a scenario's lesson: the run that shows the contrast. Either one
/// parameter changes (a lock on or off, a pool of 1 or N workers, threads or processes) or a
/// sibling scenario runs the same work (the GIL or free-threaded, threads or processes).
struct OtherSide {
    std::string parameter; ///< The parameter that changes; empty when `scenario` is set.
    std::string scenario;  ///< The sibling scenario to run; empty: the same scenario.
};

/// Two runs to compare: the one on show and its other side.
struct LessonSides {
    const Scenario* first = nullptr;
    ParameterValues firstValues;
    std::string firstLabel; ///< "lock = false", "Pool size 3", the scenario's title.
    const Scenario* second = nullptr;
    ParameterValues secondValues;
    std::string secondLabel;
};

/// The other sides of `scenario` run with `values`: one entry per OtherSide of its info, with
/// the values the other run takes (a boolean flipped, a pool of 1 or of its default size, the
/// sibling's parameters taken over where it has the same ones).
std::vector<LessonSides> otherSides(const Scenario& scenario, const ParameterValues& values);

} // namespace interleave
