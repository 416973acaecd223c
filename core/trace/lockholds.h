#pragma once

#include "base/event.h"

#include <cstdint>
#include <map>
#include <vector>

namespace interleave {

/// A stretch of time one lane held one lock: from its acquire to its release.
struct LockHold {
    std::uint64_t start = 0;
    std::uint64_t end = 0;
    std::uint16_t object = 0;
};

/// Follows one lane's events and collects the locks it held (not the GIL: holding the GIL is
/// simply running). Re-entrant acquires of a lock it holds already (RLock) nest: the hold runs
/// from the outermost acquire to the matching release.
class LockHoldTracker {
public:
    void add(const Event& e);
    /// Holds closed so far, in the order they ended.
    const std::vector<LockHold>& holds() const { return m_holds; }
    /// Locks still held, as holds that end at `now`.
    std::vector<LockHold> open(std::uint64_t now) const;
    /// The longest closed hold: no hold ending later than t + this started before t.
    std::uint64_t longest() const { return m_longest; }

private:
    struct Open {
        std::uint64_t start = 0;
        int depth = 0;
    };
    std::vector<LockHold> m_holds;
    std::uint64_t m_longest = 0;
    std::map<std::uint16_t, Open> m_open;
};

} // namespace interleave
