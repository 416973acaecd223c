#include "base/nearestname.h"

#include <algorithm>
#include <cctype>
#include <limits>

namespace interleave {

std::size_t editDistance(std::string_view a, std::string_view b)
{
    // Optimal string alignment distance, three rows of the table at a time.
    std::vector<std::size_t> before(b.size() + 1), previous(b.size() + 1), current(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j)
        previous[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        current[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const bool same = std::tolower(static_cast<unsigned char>(a[i - 1])) ==
                              std::tolower(static_cast<unsigned char>(b[j - 1]));
            current[j] =
                std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (same ? 0 : 1)});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                current[j] = std::min(current[j], before[j - 2] + 1);
        }
        before.swap(previous);
        previous.swap(current);
    }
    return previous[b.size()];
}

std::optional<std::string> nearestName(std::string_view word,
                                       const std::vector<std::string>& candidates)
{
    const std::size_t allowed = std::max<std::size_t>(1, (word.size() + 1) / 3);
    std::size_t best = std::numeric_limits<std::size_t>::max();
    std::optional<std::string> nearest;
    for (const std::string& candidate : candidates) {
        const std::size_t distance = editDistance(word, candidate);
        if (distance < best && distance <= allowed) {
            best = distance;
            nearest = candidate;
        }
    }
    return nearest;
}

} // namespace interleave
