#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace interleave {

/// The candidate a mistyped `word` most likely meant ("rn" -> "run", "--outptu" -> "--output"),
/// or none when nothing is close: a few edits away (transpositions count as one), at most a
/// third of the word's length.
std::optional<std::string> nearestName(std::string_view word,
                                       const std::vector<std::string>& candidates);

/// Edits (insert, delete, substitute, swap neighbours) that turn `a` into `b`.
std::size_t editDistance(std::string_view a, std::string_view b);

} // namespace interleave
