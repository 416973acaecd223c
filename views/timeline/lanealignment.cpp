#include "timeline/lanealignment.h"

#include "timeline/lanelayout.h"

#include <algorithm>
#include <cctype>
#include <string>

namespace interleave {

namespace {

/// The number a worker's name ends in ("Thread-2", "Process-2", "ForkPoolWorker-2"), or -1.
long workerNumber(const std::string& name)
{
    const std::size_t dash = name.rfind('-');
    if (dash == std::string::npos || dash + 1 >= name.size() || dash == 0)
        return -1;
    for (std::size_t i = dash + 1; i < name.size(); ++i)
        if (!std::isdigit(static_cast<unsigned char>(name[i])))
            return -1;
    return name.size() - dash - 1 > 9 ? -1 : std::stol(name.substr(dash + 1));
}

/// How well two rows match: the same lane name best, then the same worker number; headers
/// only match headers, best when their groups are named alike.
int matchScore(const LaneRow& a, const LaneRow& b)
{
    if (a.header != b.header)
        return 0;
    if (a.header)
        return a.label == b.label ? 3 : 1;
    if (a.label == b.label)
        return 4;
    const long number = workerNumber(a.label);
    return number >= 0 && number == workerNumber(b.label) ? 2 : 0;
}

/// Above this many row pairs the matching table would be large: rows are matched by name
/// only, in order.
constexpr std::size_t kMaxTable = 4'000'000;

/// The matched pairs (index in first, index in second), in order.
std::vector<std::pair<std::size_t, std::size_t>> matchRows(const std::vector<LaneRow>& a,
                                                           const std::vector<LaneRow>& b)
{
    std::vector<std::pair<std::size_t, std::size_t>> pairs;
    const std::size_t n = a.size(), m = b.size();
    if (n * m > kMaxTable) {
        std::size_t j = 0;
        for (std::size_t i = 0; i < n && j < m; ++i) {
            const auto it = std::find_if(b.begin() + long(j), b.end(), [&](const LaneRow& row) {
                return row.header == a[i].header && row.label == a[i].label;
            });
            if (it != b.end()) {
                j = std::size_t(it - b.begin());
                pairs.emplace_back(i, j++);
            }
        }
        return pairs;
    }
    // best[i][j]: the best total score matching a[i..] with b[j..].
    std::vector<int> best((n + 1) * (m + 1), 0);
    auto at = [&](std::size_t i, std::size_t j) -> int& { return best[i * (m + 1) + j]; };
    for (std::size_t i = n; i-- > 0;) {
        for (std::size_t j = m; j-- > 0;) {
            const int score = matchScore(a[i], b[j]);
            at(i, j) =
                std::max({at(i + 1, j), at(i, j + 1), score > 0 ? score + at(i + 1, j + 1) : 0});
        }
    }
    std::size_t i = 0, j = 0;
    while (i < n && j < m) {
        const int score = matchScore(a[i], b[j]);
        if (score > 0 && at(i, j) == score + at(i + 1, j + 1)) {
            pairs.emplace_back(i++, j++);
        } else if (at(i, j) == at(i + 1, j)) {
            ++i;
        } else {
            ++j;
        }
    }
    return pairs;
}

} // namespace

void LaneAlignment::apply(LaneLayout& layout, int side) const
{
    if (side == 0)
        layout.place(firstTops, firstHeights, contentHeight);
    else
        layout.place(secondTops, secondHeights, contentHeight);
}

LaneAlignment alignLanes(const LaneLayout& first, const LaneLayout& second)
{
    const std::vector<LaneRow>& a = first.rows();
    const std::vector<LaneRow>& b = second.rows();
    LaneAlignment out;
    out.firstTops.resize(a.size());
    out.firstHeights.resize(a.size());
    out.secondTops.resize(b.size());
    out.secondHeights.resize(b.size());
    int y = 0;
    std::size_t i = 0, j = 0;
    auto placeFirst = [&](std::size_t row, int height) {
        out.firstTops[row] = y;
        out.firstHeights[row] = height;
    };
    auto placeSecond = [&](std::size_t row, int height) {
        out.secondTops[row] = y;
        out.secondHeights[row] = height;
    };
    std::vector<std::pair<std::size_t, std::size_t>> pairs = matchRows(a, b);
    pairs.emplace_back(a.size(), b.size()); // the end, to flush what is left
    for (const auto& [pi, pj] : pairs) {
        // Rows only one side has: first side's, then second side's, each opposite a gap.
        for (; i < pi; ++i) {
            placeFirst(i, a[i].height);
            y += a[i].height;
        }
        for (; j < pj; ++j) {
            placeSecond(j, b[j].height);
            y += b[j].height;
        }
        if (pi == a.size() || pj == b.size())
            break;
        const int height = std::max(a[pi].height, b[pj].height);
        placeFirst(pi, height);
        placeSecond(pj, height);
        y += height;
        ++i;
        ++j;
    }
    out.contentHeight = y;
    return out;
}

} // namespace interleave
