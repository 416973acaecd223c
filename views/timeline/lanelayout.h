#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace interleave {

class LaneArrangement;
class TraceStore;

/// Vertical geometry of the lanes: a header row per group (the recording process with its
/// threads, the worker processes, an imported trace's processes, the lanes the user pinned),
/// then the group's lanes.
struct LaneRow {
    bool header = false;
    std::uint16_t lane = 0xFFFF; ///< For lane rows.
    std::int32_t pid = 0;
    int top = 0;
    int height = 0;
    std::string label;
    bool process = false;   ///< The lane is a worker process (its own interpreter and GIL).
    std::string group;      ///< The group's name (header and lane rows alike).
    bool collapsed = false; ///< A header whose lanes are folded away.
    int lanes = 0;          ///< Header rows: how many lanes the group has.
};

struct LaneMetrics {
    int laneHeight = 26;
    int headerHeight = 20;
    int sliceRowHeight = 18; ///< One nesting depth of an imported lane's slices.
};

class LaneLayout {
public:
    /// The name of the group of lanes the user pinned to the top.
    static constexpr const char* kPinnedGroup = "Pinned";

    /// Lays out every lane of the trace: the main process (its threads in start order) first,
    /// then each worker process in the order it was started. A trace imported from another
    /// tool instead groups its lanes under their processes, each lane as tall as its slices nest
    /// deep, and leaves out lanes with nothing on them. `shown`, if not empty, keeps only those
    /// lanes; `arrangement` applies what the user pinned, hid, collapsed and moved.
    void build(const TraceStore& trace, const LaneMetrics& metrics = {},
               const std::vector<std::uint16_t>& shown = {},
               const LaneArrangement* arrangement = nullptr);

    const std::vector<LaneRow>& rows() const { return m_rows; }
    int contentHeight() const { return m_height; }
    std::size_t laneCount() const { return m_laneRows.size(); }
    /// The row at content y (0 = top of the first row), or null.
    const LaneRow* rowAt(int y) const;
    /// The row of a lane, or null.
    const LaneRow* laneRow(std::uint16_t lane) const;
    /// The lanes of a group as shown, top to bottom.
    std::vector<std::uint16_t> groupLanes(const std::string& group) const;
    /// Moves the rows (in their order) to new tops and heights, leaving gaps between them
    /// (lanes matched with another trace's); `contentHeight` includes the gaps.
    void place(const std::vector<int>& tops, const std::vector<int>& heights, int contentHeight);

private:
    struct Group {
        std::string key;
        std::string label;
        std::int32_t pid = 0;
        bool process = false;
        std::vector<LaneRow> lanes; ///< Their heights in `height`.
    };
    std::vector<Group> importedGroups(const TraceStore& trace, const LaneMetrics& metrics) const;
    std::vector<Group> recordedGroups(const TraceStore& trace, const LaneMetrics& metrics) const;
    /// A traced Python program: its interpreter's lanes, grouped by process.
    static bool tracedProgram(const TraceStore& trace);
    std::vector<Group> programGroups(const TraceStore& trace, const LaneMetrics& metrics) const;
    void addRow(LaneRow row, int height);

    std::vector<LaneRow> m_rows;
    std::vector<int> m_laneRows; ///< lane id -> index in m_rows, or -1
    int m_height = 0;
};

} // namespace interleave
