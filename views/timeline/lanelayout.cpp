#include "timeline/lanelayout.h"

#include "trace/tracestore.h"

#include <algorithm>

namespace interleave {

void LaneLayout::build(const TraceStore& trace, const LaneMetrics& metrics)
{
    m_rows.clear();
    m_laneRows.assign(trace.laneCount(), -1);
    int y = 0;
    auto addRow = [&](LaneRow row, int height) {
        row.top = y;
        row.height = height;
        y += height;
        if (!row.header && row.lane < m_laneRows.size())
            m_laneRows[row.lane] = int(m_rows.size());
        m_rows.push_back(std::move(row));
    };

    // The recording process: every thread lane.
    std::int32_t mainPid = 0;
    std::size_t threads = 0;
    for (std::size_t i = 0; i < trace.laneCount(); ++i) {
        const WorkerInfo& info = trace.lane(i).info;
        if (info.kind == WorkerKind::Thread) {
            ++threads;
            if (mainPid == 0)
                mainPid = info.pid;
        }
    }
    if (threads > 0) {
        LaneRow header;
        header.header = true;
        header.pid = mainPid;
        header.label = "MainProcess";
        addRow(header, metrics.headerHeight);
        for (std::size_t i = 0; i < trace.laneCount(); ++i) {
            const WorkerInfo& info = trace.lane(i).info;
            if (info.kind != WorkerKind::Thread)
                continue;
            LaneRow row;
            row.lane = std::uint16_t(i);
            row.pid = info.pid;
            row.label = info.name;
            addRow(row, metrics.laneHeight);
        }
    }
    // Worker processes under one header; each lane is its own process and names its pid.
    bool first = true;
    for (std::size_t i = 0; i < trace.laneCount(); ++i) {
        const WorkerInfo& info = trace.lane(i).info;
        if (info.kind != WorkerKind::Process)
            continue;
        if (first) {
            LaneRow header;
            header.header = true;
            header.label = "Worker processes";
            header.process = true;
            addRow(header, metrics.headerHeight);
            first = false;
        }
        LaneRow row;
        row.lane = std::uint16_t(i);
        row.pid = info.pid;
        row.label = info.name;
        row.process = true;
        addRow(row, metrics.laneHeight);
    }
    m_height = y;
}

const LaneRow* LaneLayout::rowAt(int y) const
{
    const auto it = std::upper_bound(m_rows.begin(), m_rows.end(), y,
                                     [](int value, const LaneRow& row) { return value < row.top; });
    if (it == m_rows.begin())
        return nullptr;
    const LaneRow& row = *(it - 1);
    return y < row.top + row.height ? &row : nullptr;
}

const LaneRow* LaneLayout::laneRow(std::uint16_t lane) const
{
    if (lane >= m_laneRows.size() || m_laneRows[lane] < 0)
        return nullptr;
    return &m_rows[std::size_t(m_laneRows[lane])];
}

} // namespace interleave
