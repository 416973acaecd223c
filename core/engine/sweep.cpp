#include "engine/sweep.h"

#include "base/errors.h"
#include "engine/run.h"
#include "format/itracewriter.h"
#include "scenario/scenario.h"
#include "trace/tracestore.h"

#include <algorithm>
#include <chrono>
#include <filesystem>

namespace interleave {

bool SweepResult::allCompleted() const
{
    for (const SweepRow& row : rows) {
        for (const SweepRun& run : row.runs) {
            if (run.outcome != "completed")
                return false;
        }
    }
    return !cancelled;
}

std::vector<std::string> splitValues(const std::string& list)
{
    std::vector<std::string> values;
    std::size_t start = 0;
    while (start <= list.size()) {
        const std::size_t comma = list.find(',', start);
        const std::string value =
            list.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        if (value.empty())
            throw UsageError("empty value in '" + list + "'");
        values.push_back(value);
        if (comma == std::string::npos)
            break;
        start = comma + 1;
    }
    if (values.empty())
        throw UsageError("no values to sweep");
    return values;
}

SweepResult runSweep(const SweepRequest& request,
                     const std::function<void(const SweepRow&, const SweepRun&)>& onRun)
{
    if (request.scenario == nullptr)
        throw UsageError("no scenario to sweep");
    if (request.repeat < 1 || request.repeat > 1000)
        throw UsageError("--repeat must be 1..1000");
    const ScenarioInfo& info = request.scenario->info();
    const auto spec =
        std::find_if(info.parameters.begin(), info.parameters.end(),
                     [&](const ParameterSpec& p) { return p.name == request.parameter; });
    if (spec == info.parameters.end())
        throw UsageError("scenario '" + info.id + "' has no parameter '" + request.parameter + "'");

    SweepResult result;
    result.scenario = info.id;
    result.parameter = request.parameter;
    result.repeat = request.repeat;
    std::vector<ParameterValues> parameterSets;
    for (const std::string& text : request.values) {
        SweepRow row;
        row.value = parseParameterValue(*spec, text);
        row.valueText = formatParameterValue(row.value);
        auto assignments = request.assignments;
        assignments.emplace_back(request.parameter, text);
        parameterSets.push_back(resolveParameters(info.parameters, assignments));
        result.rows.push_back(std::move(row));
    }
    if (!request.outputDirectory.empty())
        std::filesystem::create_directories(request.outputDirectory);

    for (std::size_t r = 0; r < result.rows.size(); ++r) {
        SweepRow& row = result.rows[r];
        for (int k = 1; k <= request.repeat; ++k) {
            RunConfig config;
            config.scenario = request.scenario;
            config.parameters = parameterSets[r];
            config.workerExecutable = request.workerExecutable;
            Run run(config);
            run.start();
            while (!run.waitFor(std::chrono::milliseconds(100))) {
                if (request.cancel != nullptr && request.cancel->load())
                    run.requestStop();
            }
            const auto trace = run.trace();
            SweepRun outcome;
            outcome.outcome = trace->run.outcome;
            outcome.results = trace->results;
            const auto elapsed = trace->results.integer("elapsed_ns");
            outcome.elapsedNs =
                elapsed && *elapsed > 0 ? std::uint64_t(*elapsed) : trace->run.durationNs();
            if (!request.outputDirectory.empty()) {
                std::string name = info.id + "-" + request.parameter + "-" + row.valueText;
                if (request.repeat > 1)
                    name += "-" + std::to_string(k);
                outcome.tracePath =
                    (std::filesystem::path(request.outputDirectory) / (name + ".itrace")).string();
                saveTrace(*trace, outcome.tracePath);
            }
            row.runs.push_back(outcome);
            if (onRun)
                onRun(row, row.runs.back());
            if (request.cancel != nullptr && request.cancel->load()) {
                result.cancelled = true;
                break;
            }
        }
        // The median run stands for the row.
        std::vector<std::size_t> order(row.runs.size());
        for (std::size_t i = 0; i < order.size(); ++i)
            order[i] = i;
        std::sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
            return row.runs[x].elapsedNs < row.runs[y].elapsedNs;
        });
        if (!order.empty()) {
            const SweepRun& middle = row.runs[order[order.size() / 2]];
            row.elapsedNs = middle.elapsedNs;
            row.results = middle.results;
        }
        if (result.cancelled) {
            result.rows.resize(r + 1);
            break;
        }
    }
    const std::uint64_t first = result.rows.empty() ? 0 : result.rows.front().elapsedNs;
    for (SweepRow& row : result.rows)
        row.speedup = row.elapsedNs > 0 ? double(first) / double(row.elapsedNs) : 0.0;
    return result;
}

} // namespace interleave
