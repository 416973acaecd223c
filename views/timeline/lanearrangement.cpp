#include "timeline/lanearrangement.h"

#include <algorithm>
#include <numeric>

namespace interleave {

bool LaneArrangement::empty() const
{
    return m_pinned.empty() && m_hidden.empty() && m_collapsed.empty() && m_rank.empty();
}

void LaneArrangement::clear()
{
    m_pinned.clear();
    m_hidden.clear();
    m_collapsed.clear();
    m_rank.clear();
}

void LaneArrangement::setPinned(const std::string& lane, bool pin)
{
    const auto it = std::find(m_pinned.begin(), m_pinned.end(), lane);
    if (pin && it == m_pinned.end())
        m_pinned.push_back(lane);
    else if (!pin && it != m_pinned.end())
        m_pinned.erase(it);
}

bool LaneArrangement::pinned(const std::string& lane) const
{
    return std::find(m_pinned.begin(), m_pinned.end(), lane) != m_pinned.end();
}

void LaneArrangement::setHidden(const std::string& lane, bool hide)
{
    if (hide)
        m_hidden.insert(lane);
    else
        m_hidden.erase(lane);
}

void LaneArrangement::setCollapsed(const std::string& group, bool collapse)
{
    if (collapse)
        m_collapsed.insert(group);
    else
        m_collapsed.erase(group);
}

void LaneArrangement::move(const std::string& lane, const std::string& before,
                           const std::vector<std::string>& group)
{
    if (lane == before)
        return;
    // Rank every lane of the group by where it is shown now, then slot `lane` in.
    std::vector<std::string> shown;
    for (std::size_t i : order(group))
        if (group[i] != lane)
            shown.push_back(group[i]);
    const auto at = std::find(shown.begin(), shown.end(), before);
    shown.insert(at, lane);
    for (std::size_t i = 0; i < shown.size(); ++i)
        m_rank[shown[i]] = double(i);
}

std::vector<std::size_t> LaneArrangement::order(const std::vector<std::string>& lanes) const
{
    std::vector<std::size_t> indices(lanes.size());
    std::iota(indices.begin(), indices.end(), std::size_t(0));
    if (m_rank.empty())
        return indices;
    // Moved lanes take their rank; the others keep their place relative to them.
    std::vector<double> rank(lanes.size());
    for (std::size_t i = 0; i < lanes.size(); ++i) {
        const auto it = m_rank.find(lanes[i]);
        rank[i] = it != m_rank.end() ? it->second : double(i);
    }
    std::stable_sort(indices.begin(), indices.end(),
                     [&](std::size_t x, std::size_t y) { return rank[x] < rank[y]; });
    return indices;
}

} // namespace interleave
