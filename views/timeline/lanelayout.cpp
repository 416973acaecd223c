#include "timeline/lanelayout.h"

#include "runtime/programenvironment.h"
#include "timeline/lanearrangement.h"
#include "trace/tracestore.h"

#include <algorithm>
#include <filesystem>
#include <map>

namespace interleave {

void LaneLayout::addRow(LaneRow row, int height)
{
    row.top = m_height;
    row.height = height;
    m_height += height;
    if (!row.header && row.lane < m_laneRows.size())
        m_laneRows[row.lane] = int(m_rows.size());
    m_rows.push_back(std::move(row));
}

void LaneLayout::build(const TraceStore& trace, const LaneMetrics& metrics,
                       const std::vector<std::uint16_t>& shown, const LaneArrangement* arrangement)
{
    m_rows.clear();
    m_laneRows.assign(trace.laneCount(), -1);
    m_height = 0;
    std::vector<Group> groups = trace.run.importedFrom.empty() ? recordedGroups(trace, metrics)
                                                               : importedGroups(trace, metrics);
    std::vector<bool> keep(trace.laneCount(), shown.empty());
    for (std::uint16_t lane : shown)
        if (lane < keep.size())
            keep[lane] = true;

    // The user's pins come first, in the order they were pinned.
    Group pinned{kPinnedGroup, kPinnedGroup, 0, false, {}};
    if (arrangement != nullptr) {
        for (const std::string& name : arrangement->pinnedLanes()) {
            for (Group& group : groups) {
                const auto it = std::find_if(group.lanes.begin(), group.lanes.end(),
                                             [&](const LaneRow& row) { return row.label == name; });
                if (it != group.lanes.end()) {
                    pinned.lanes.push_back(*it);
                    group.lanes.erase(it);
                    break;
                }
            }
        }
        if (!pinned.lanes.empty())
            groups.insert(groups.begin(), std::move(pinned));
    }

    for (Group& group : groups) {
        std::vector<LaneRow> lanes;
        for (LaneRow& row : group.lanes) {
            if (keep[row.lane] && (arrangement == nullptr || !arrangement->hidden(row.label)))
                lanes.push_back(row);
        }
        if (lanes.empty())
            continue; // a group without lanes to show goes too
        if (arrangement != nullptr && group.key != kPinnedGroup) {
            std::vector<std::string> names;
            for (const LaneRow& row : lanes)
                names.push_back(row.label);
            std::vector<LaneRow> ordered;
            for (std::size_t i : arrangement->order(names))
                ordered.push_back(lanes[i]);
            lanes = std::move(ordered);
        }
        LaneRow header;
        header.header = true;
        header.pid = group.pid;
        header.label = group.label;
        header.process = group.process;
        header.group = group.key;
        header.lanes = int(lanes.size());
        header.collapsed = arrangement != nullptr && arrangement->collapsed(group.key);
        addRow(header, metrics.headerHeight);
        if (header.collapsed)
            continue;
        for (LaneRow& row : lanes) {
            row.group = group.key;
            addRow(row, row.height);
        }
    }
}

std::vector<LaneLayout::Group> LaneLayout::importedGroups(const TraceStore& trace,
                                                          const LaneMetrics& metrics) const
{
    // The import already ordered the lanes by process and thread sort index.
    std::vector<Group> groups;
    for (std::size_t i = 0; i < trace.laneCount(); ++i) {
        const Lane& lane = trace.lane(i);
        // A thread named in the metadata but with nothing on it is clutter.
        if (lane.slices.empty() && lane.events.size() == 0)
            continue;
        if (groups.empty() || groups.back().pid != lane.info.pid) {
            Group group;
            group.pid = lane.info.pid;
            const ProcessInfo* process = trace.process(group.pid);
            group.label = process != nullptr && !process->name.empty()
                              ? process->name
                              : "Process " + std::to_string(group.pid);
            group.key = group.label + " · pid " + std::to_string(group.pid);
            groups.push_back(std::move(group));
        }
        LaneRow row;
        row.lane = std::uint16_t(i);
        row.pid = lane.info.pid;
        row.label = lane.info.name;
        row.height = std::max(metrics.laneHeight,
                              std::max(1, lane.slices.depth()) * metrics.sliceRowHeight + 6);
        groups.back().lanes.push_back(std::move(row));
    }
    // Threads of one process that share a name are told apart by their tid.
    for (Group& group : groups) {
        std::map<std::string, int> uses;
        for (const LaneRow& row : group.lanes)
            ++uses[row.label];
        for (LaneRow& row : group.lanes) {
            if (uses[row.label] > 1)
                row.label += " · tid " + std::to_string(trace.lane(row.lane).info.tid);
        }
    }
    return groups;
}

std::vector<LaneLayout::Group> LaneLayout::recordedGroups(const TraceStore& trace,
                                                          const LaneMetrics& metrics) const
{
    if (tracedProgram(trace))
        return programGroups(trace, metrics);
    Group threads{"MainProcess", "MainProcess", 0, false, {}};
    Group processes{"Worker processes", "Worker processes", 0, true, {}};
    for (std::size_t i = 0; i < trace.laneCount(); ++i) {
        const WorkerInfo& info = trace.lane(i).info;
        LaneRow row;
        row.lane = std::uint16_t(i);
        row.pid = info.pid;
        row.label = info.name;
        row.height = metrics.laneHeight;
        if (info.kind == WorkerKind::Thread) {
            // The recording process: every thread lane, its pid on the header.
            if (threads.pid == 0)
                threads.pid = info.pid;
            threads.lanes.push_back(std::move(row));
        } else {
            // Worker processes under one header; each lane is its own process with its pid.
            row.process = true;
            processes.lanes.push_back(std::move(row));
        }
    }
    std::vector<Group> groups;
    for (Group* group : {&threads, &processes})
        if (!group->lanes.empty())
            groups.push_back(std::move(*group));
    return groups;
}

bool LaneLayout::tracedProgram(const TraceStore& trace)
{
    for (std::size_t i = 0; i < trace.laneCount(); ++i) {
        if (trace.lane(i).info.role == "python" && trace.lane(i).info.kind == WorkerKind::Process)
            return true;
    }
    return false;
}

std::vector<LaneLayout::Group> LaneLayout::programGroups(const TraceStore& trace,
                                                         const LaneMetrics& metrics) const
{
    // One group per interpreter: its main thread first, then its threads in start order. The
    // recording process's lane only started it, so it is not shown.
    std::vector<Group> groups;
    std::map<std::int32_t, std::size_t> byPid;
    const std::string script =
        std::filesystem::path(trace.run.parameter("script")).filename().string();
    for (std::size_t i = 0; i < trace.laneCount(); ++i) {
        const WorkerInfo& info = trace.lane(i).info;
        const bool child = info.role == kChildProcessRole;
        if ((info.role != "python" && !child) || info.kind != WorkerKind::Process)
            continue;
        Group group;
        group.pid = info.pid;
        // A child is known by the name the program gave it (Process-1, ForkPoolWorker-2).
        group.label =
            child ? info.name : (script.empty() ? std::string("python3") : "python3 " + script);
        group.key = group.label + " · pid " + std::to_string(info.pid);
        byPid[info.pid] = groups.size();
        groups.push_back(std::move(group));
    }
    for (std::size_t i = 0; i < trace.laneCount(); ++i) {
        const WorkerInfo& info = trace.lane(i).info;
        const auto group = byPid.find(info.pid);
        if (group == byPid.end() || info.role == "main")
            continue;
        LaneRow row;
        row.lane = std::uint16_t(i);
        row.pid = info.pid;
        row.label = info.name;
        row.height = metrics.laneHeight;
        row.process = info.kind == WorkerKind::Process;
        groups[group->second].lanes.push_back(std::move(row));
    }
    return groups;
}

void LaneLayout::place(const std::vector<int>& tops, const std::vector<int>& heights,
                       int contentHeight)
{
    if (tops.size() != m_rows.size() || heights.size() != m_rows.size())
        return;
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        m_rows[i].top = tops[i];
        m_rows[i].height = heights[i];
    }
    m_height = contentHeight;
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

std::vector<std::uint16_t> LaneLayout::groupLanes(const std::string& group) const
{
    std::vector<std::uint16_t> lanes;
    for (const LaneRow& row : m_rows)
        if (!row.header && row.group == group)
            lanes.push_back(row.lane);
    return lanes;
}

} // namespace interleave
