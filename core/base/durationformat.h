#pragma once

#include <cstdint>
#include <string>

namespace interleave {

/// "1.5 s", "250 ms", "12.5 µs", "800 ns": an offset with just the digits `step` needs.
std::string formatOffset(std::int64_t ns, std::uint64_t step);

/// A duration with four significant digits, for tooltips: "12.35 ms".
std::string formatPrecise(std::uint64_t ns);

/// A duration with three significant digits, for verdicts: "1.23 s", "45.6 ms", "789 µs".
std::string formatBrief(std::uint64_t ns);

} // namespace interleave
