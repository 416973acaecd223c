#pragma once

#include "scenario/otherside.h"
#include "scenario/parameters.h"
#include "shm/sharedsegment.h"
#include "trace/tracemodel.h"

#include <string>
#include <string_view>
#include <vector>

namespace interleave {

class TraceStore;
class WorkerContext;

/// Where a scenario sits in the browser.
enum class ScenarioGroup { Threads, Processes, LocksAndRaces, QueuesAndPipes, Pools, Gil, Python };

const char* scenarioGroupName(ScenarioGroup group);

/// What a scenario is, for lists, forms and the "what to look for" panel.
struct ScenarioInfo {
    std::string id;      ///< "gil-cpu-threads"
    std::string title;   ///< "CPU-bound threads under the GIL"
    std::string summary; ///< One line for `interleave list`.
    ScenarioGroup group = ScenarioGroup::Threads;
    std::string whatToLookFor; ///< A paragraph for the GUI.
    std::string pythonSource;  ///< The equivalent Python program.
    std::vector<ParameterSpec> parameters;
    /// How to run it from a shell; empty: `interleave run ID`.
    std::string commandLine;
    /// The runs that show the other side of the lesson, for one-click comparison.
    std::vector<OtherSide> otherSides;
};

/// A teaching scenario: real threads and processes doing what a Python lesson does. Its code is
/// written against WorkerContext; the engine runs runMain() on the main lane and runRole() in
/// every thread or process it starts (a process re-enters through interleave-worker).
class Scenario {
public:
    virtual ~Scenario() = default;

    virtual const ScenarioInfo& info() const = 0;
    /// Whether threads run under the emulated GIL (CPython) or free-threaded (PEP 703).
    virtual bool usesGil(const ParameterValues& parameters) const;
    /// The GIL's switch interval (sys.setswitchinterval), in microseconds.
    virtual std::uint32_t switchIntervalUs(const ParameterValues& parameters) const;

    /// Name of the lane that runs runMain().
    virtual std::string mainLaneName() const { return "MainThread"; }
    /// Sizes of the run's shared segment (a traced program may start hundreds of threads).
    virtual void adjustSegment(const ParameterValues&, SegmentConfig&) const {}
    /// Whether evaluate() writes the verdict of a run that did not complete itself (a traced
    /// program's crash is its lesson too) instead of the engine's "run failed: ...".
    virtual bool explainsFailedRuns() const { return false; }

    /// The main thread's code: the `if __name__ == "__main__":` block.
    virtual void runMain(WorkerContext& main) const = 0;
    /// The code of a worker started with `role`.
    virtual void runRole(std::string_view role, WorkerContext& worker) const = 0;
    /// Reads the lesson off a finished trace into result values and a one-line verdict.
    virtual void evaluate(const TraceStore& trace, const ParameterValues& parameters,
                          Results& results) const = 0;
};

/// Thrown by runRole() for a role the scenario does not have.
[[noreturn]] void unknownRole(const Scenario& scenario, std::string_view role);

/// The time_scale parameter every scenario has.
ParameterSpec timeScaleParameter();

} // namespace interleave
