#include "trace/comparison.h"

#include "base/durationformat.h"
#include "trace/analysis.h"
#include "trace/tracestore.h"

#include <cstdio>
#include <shared_mutex>

namespace interleave {

namespace {

std::string waitText(std::uint64_t ns)
{
    return ns == 0 ? "0" : formatBrief(ns);
}

/// "(1.66× faster)": how the second length compares with the first.
std::string speedText(std::uint64_t first, std::uint64_t second)
{
    if (first == 0 || second == 0)
        return {};
    const double ratio = double(first) / double(second);
    char text[48];
    if (ratio > 1.03)
        std::snprintf(text, sizeof text, " (%.2f× faster)", ratio);
    else if (ratio < 1 / 1.03)
        std::snprintf(text, sizeof text, " (%.2f× slower)", 1 / ratio);
    else
        std::snprintf(text, sizeof text, " (about the same)");
    return text;
}

} // namespace

RunFigures runFigures(const TraceStore& trace)
{
    RunFigures figures;
    figures.elapsedNs = trace.run.durationNs();
    figures.imported = !trace.run.importedFrom.empty();
    if (figures.imported)
        return figures;
    figures.maxParallel = maxParallelRunning(trace);
    for (std::size_t i = 0; i < trace.laneCount(); ++i) {
        const std::vector<std::uint64_t> totals = stateTotals(trace.lane(i));
        figures.gilWaitNs += totals[std::size_t(LaneState::GilWait)];
        figures.lockWaitNs += totals[std::size_t(LaneState::LockWait)];
    }
    // The scenario's own count where it made one (it knows the expected total); else what
    // the value's reads and writes show.
    if (const auto lost = trace.results.integer("lost_updates")) {
        figures.lostUpdates = *lost;
        return figures;
    }
    for (const ObjectInfo& object : trace.objects()) {
        if (object.kind != ObjectKind::Value)
            continue;
        figures.lostUpdates =
            figures.lostUpdates.value_or(0) + analyseLostUpdates(trace, object.id).totalLost;
    }
    return figures;
}

std::string differenceSummary(const RunFigures& first, const RunFigures& second)
{
    std::string text = "elapsed " + formatBrief(first.elapsedNs) + " → " +
                       formatBrief(second.elapsedNs) + speedText(first.elapsedNs, second.elapsedNs);
    if (first.imported || second.imported)
        return text;
    text += " · max parallel " + std::to_string(first.maxParallel) + " → " +
            std::to_string(second.maxParallel);
    if (first.lostUpdates || second.lostUpdates) {
        auto count = [](const std::optional<std::int64_t>& lost) {
            return lost ? std::to_string(*lost) : std::string("–");
        };
        text += " · lost updates " + count(first.lostUpdates) + " → " + count(second.lostUpdates);
    }
    text += " · GIL wait " + waitText(first.gilWaitNs) + " → " + waitText(second.gilWaitNs);
    text += " · lock wait " + waitText(first.lockWaitNs) + " → " + waitText(second.lockWaitNs);
    return text;
}

std::string differenceSummary(const TraceStore& first, const TraceStore& second)
{
    auto figuresOf = [](const TraceStore& trace) {
        std::shared_lock lock(trace.mutex());
        return runFigures(trace);
    };
    return differenceSummary(figuresOf(first), figuresOf(second));
}

std::pair<std::string, std::string> differingParameters(const RunInfo& first, const RunInfo& second)
{
    if (first.scenario != second.scenario)
        return {};
    std::pair<std::string, std::string> labels;
    auto add = [](std::string& text, const std::string& name, const std::string& value) {
        text += (text.empty() ? "" : ", ") + name + " = " + value;
    };
    for (const bool timeScale : {false, true}) {
        for (const auto& [name, value] : first.parameters) {
            if ((name == "time_scale") != timeScale)
                continue;
            const std::string other = second.parameter(name);
            if (other != value) {
                add(labels.first, name, value);
                add(labels.second, name, other.empty() ? "–" : other);
            }
        }
        if (!labels.first.empty())
            break;
    }
    return labels;
}

} // namespace interleave
