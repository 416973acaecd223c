#include "trace/lockholds.h"

#include <algorithm>

namespace interleave {

void LockHoldTracker::add(const Event& e)
{
    if (e.kind == EventKind::LockAcquire) {
        Open& open = m_open[e.object];
        if (open.depth++ == 0)
            open.start = e.tNs;
    } else if (e.kind == EventKind::LockRelease) {
        const auto it = m_open.find(e.object);
        if (it == m_open.end())
            return; // released what it never acquired here (a trace cut at its start)
        if (--it->second.depth == 0) {
            m_holds.push_back(LockHold{it->second.start, e.tNs, e.object});
            m_longest = std::max(m_longest, e.tNs - std::min(e.tNs, it->second.start));
            m_open.erase(it);
        }
    }
}

std::vector<LockHold> LockHoldTracker::open(std::uint64_t now) const
{
    std::vector<LockHold> holds;
    for (const auto& [object, open] : m_open)
        holds.push_back(LockHold{open.start, std::max(now, open.start), object});
    return holds;
}

} // namespace interleave
