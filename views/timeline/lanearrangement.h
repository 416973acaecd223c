#pragma once

#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace interleave {

/// How the user arranged the lanes: some pinned to the top, some hidden, process groups
/// collapsed, lanes moved within their group. View state like the zoom, kept by lane and group
/// name so that it carries over to the next run of the same scenario.
class LaneArrangement {
public:
    bool empty() const;
    void clear();

    void setPinned(const std::string& lane, bool pinned);
    bool pinned(const std::string& lane) const;
    /// Pinned lanes in the order they were pinned.
    const std::vector<std::string>& pinnedLanes() const { return m_pinned; }

    void setHidden(const std::string& lane, bool hidden);
    bool hidden(const std::string& lane) const { return m_hidden.count(lane) > 0; }
    std::size_t hiddenCount() const { return m_hidden.size(); }
    void showAll() { m_hidden.clear(); }

    void setCollapsed(const std::string& group, bool collapsed);
    bool collapsed(const std::string& group) const { return m_collapsed.count(group) > 0; }

    /// Puts `lane` just before `before` (or last, when `before` is empty) in the order lanes
    /// of one group are shown; `group` lists that group's lanes as they are shown now.
    void move(const std::string& lane, const std::string& before,
              const std::vector<std::string>& group);
    /// Orders a group's lanes: those the user moved where they were put, the rest as given.
    std::vector<std::size_t> order(const std::vector<std::string>& lanes) const;

private:
    std::vector<std::string> m_pinned;
    std::set<std::string> m_hidden;
    std::set<std::string> m_collapsed;
    /// Position of each moved lane within its group.
    std::unordered_map<std::string, double> m_rank;
};

} // namespace interleave
