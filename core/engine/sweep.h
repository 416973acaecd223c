#pragma once

#include "scenario/parameters.h"
#include "trace/tracemodel.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace interleave {

class Scenario;

/// A scenario run once per value of one parameter (K times each).
struct SweepRequest {
    const Scenario* scenario = nullptr;
    std::vector<std::pair<std::string, std::string>> assignments; ///< The other --set values.
    std::string parameter;
    std::vector<std::string> values;
    int repeat = 1;
    std::string outputDirectory;  ///< Where each run's .itrace goes; created if missing.
    std::string workerExecutable; ///< Empty: next to the running executable.
    /// Set from another thread (Ctrl-C) to stop the current run and end the sweep.
    const std::atomic<bool>* cancel = nullptr;
};

/// One run of a sweep.
struct SweepRun {
    std::uint64_t elapsedNs = 0;
    std::string outcome;
    std::string tracePath;
    Results results;
};

/// One value of the swept parameter.
struct SweepRow {
    ParameterValue value;
    std::string valueText;
    std::vector<SweepRun> runs;
    std::uint64_t elapsedNs = 0; ///< Median over the runs.
    double speedup = 0;          ///< First row's elapsed / this row's elapsed.
    Results results;             ///< Of the run with the median elapsed time.
};

struct SweepResult {
    std::string scenario;
    std::string parameter;
    int repeat = 1;
    std::vector<SweepRow> rows;
    bool cancelled = false;
    bool allCompleted() const;
};

/// Validates every value first (UsageError on any bad one), then runs. `onRun` is called after
/// each run (progress). Elapsed time is the scenario's `elapsed_ns` result when it reports one
/// (the phase the lesson is about), else the whole run.
SweepResult runSweep(const SweepRequest& request,
                     const std::function<void(const SweepRow&, const SweepRun&)>& onRun = {});

/// "1,4,8,16" -> {"1", "4", "8", "16"}; UsageError when empty.
std::vector<std::string> splitValues(const std::string& list);

} // namespace interleave
