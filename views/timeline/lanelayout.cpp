#include "timeline/lanelayout.h"

#include "trace/tracestore.h"

#include <algorithm>

namespace interleave {

void LaneLayout::addRow(LaneRow row, int height)
{
    if (!row.header && !m_shown.empty() && (row.lane >= m_shown.size() || !m_shown[row.lane]))
        return;
    row.top = m_height;
    row.height = height;
    m_height += height;
    if (!row.header && row.lane < m_laneRows.size())
        m_laneRows[row.lane] = int(m_rows.size());
    m_rows.push_back(std::move(row));
}

void LaneLayout::build(const TraceStore& trace, const LaneMetrics& metrics,
                       const std::vector<std::uint16_t>& shown)
{
    m_rows.clear();
    m_laneRows.assign(trace.laneCount(), -1);
    m_height = 0;
    m_shown.clear();
    if (!shown.empty()) {
        m_shown.assign(trace.laneCount(), false);
        for (std::uint16_t lane : shown) {
            if (lane < m_shown.size())
                m_shown[lane] = true;
        }
    }
    if (!trace.run.importedFrom.empty()) {
        buildImported(trace, metrics);
    } else {
        buildRecorded(trace, metrics);
    }
    // A group header left without lanes (all hidden) goes too.
    std::vector<LaneRow> kept;
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].header && (i + 1 == m_rows.size() || m_rows[i + 1].header))
            continue;
        kept.push_back(m_rows[i]);
    }
    if (kept.size() != m_rows.size()) {
        m_rows.clear();
        m_laneRows.assign(trace.laneCount(), -1);
        m_height = 0;
        for (LaneRow& row : kept)
            addRow(row, row.height);
    }
}

void LaneLayout::buildImported(const TraceStore& trace, const LaneMetrics& metrics)
{
    // The import already ordered the lanes by process and thread sort index.
    bool first = true;
    std::int32_t pid = 0;
    for (std::size_t i = 0; i < trace.laneCount(); ++i) {
        const Lane& lane = trace.lane(i);
        if (first || lane.info.pid != pid) {
            first = false;
            pid = lane.info.pid;
            LaneRow header;
            header.header = true;
            header.pid = pid;
            const ProcessInfo* process = trace.process(pid);
            header.label = process != nullptr && !process->name.empty()
                               ? process->name
                               : "Process " + std::to_string(pid);
            addRow(header, metrics.headerHeight);
        }
        LaneRow row;
        row.lane = std::uint16_t(i);
        row.pid = lane.info.pid;
        row.label = lane.info.name;
        const int depth = std::max(1, lane.slices.depth());
        addRow(row, std::max(metrics.laneHeight, depth * metrics.sliceRowHeight + 6));
    }
}

void LaneLayout::buildRecorded(const TraceStore& trace, const LaneMetrics& metrics)
{
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
