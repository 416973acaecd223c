#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace interleave {

class TraceStore;

/// Vertical geometry of the lanes: a header row for the recording process (with its pid) and
/// its threads below it, then a header for the worker processes, each one lane with its pid.
struct LaneRow {
    bool header = false;
    std::uint16_t lane = 0xFFFF; ///< For lane rows.
    std::int32_t pid = 0;
    int top = 0;
    int height = 0;
    std::string label;
    bool process = false; ///< The lane is a worker process (its own interpreter and GIL).
};

struct LaneMetrics {
    int laneHeight = 26;
    int headerHeight = 20;
    int sliceRowHeight = 18; ///< One nesting depth of an imported lane's slices.
};

class LaneLayout {
public:
    /// Lays out every lane of the trace: the main process (its threads in start order) first,
    /// then each worker process in the order it was started.
    /// A trace imported from another tool instead groups its lanes under their processes,
    /// each lane as tall as its slices nest deep. `shown`, if not empty, keeps only those lanes.
    void build(const TraceStore& trace, const LaneMetrics& metrics = {},
               const std::vector<std::uint16_t>& shown = {});

    const std::vector<LaneRow>& rows() const { return m_rows; }
    int contentHeight() const { return m_height; }
    std::size_t laneCount() const { return m_laneRows.size(); }
    /// The row at content y (0 = top of the first row), or null.
    const LaneRow* rowAt(int y) const;
    /// The row of a lane, or null.
    const LaneRow* laneRow(std::uint16_t lane) const;

private:
    void addRow(LaneRow row, int height);
    void buildImported(const TraceStore& trace, const LaneMetrics& metrics);
    void buildRecorded(const TraceStore& trace, const LaneMetrics& metrics);

    std::vector<LaneRow> m_rows;
    std::vector<int> m_laneRows; ///< lane id -> index in m_rows, or -1
    int m_height = 0;
    std::vector<bool> m_shown; ///< Per lane; empty: all.
};

} // namespace interleave
