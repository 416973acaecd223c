#pragma once

#include "python/pythonsetup.h"
#include "scenario/scenario.h"

#include <string>
#include <vector>

namespace interleave {

/// What to trace: a script, its arguments, and how to run it.
struct PythonProgramSpec {
    std::string script; ///< Path of the .py file.
    std::vector<std::string> arguments;
    std::string interpreter;      ///< Empty: python3 on PATH.
    std::string workingDirectory; ///< Empty: the recording process's.
    bool stdinFromNull = false;
    bool outputToNull = false;
    /// For the lesson programs of the scenario browser: their id, title and text.
    std::string id;
    std::string title;
    std::string whatToLookFor;
};

/// A real Python program run as a scenario: the interpreter is the run's one process lane (its
/// threads become thread lanes), started with the tracer preloaded, and the verdict is read off
/// whatever it did. The main lane ("interleave") only starts it and waits for it.
class PythonProgram : public Scenario {
public:
    /// Checks the script and finds the interpreter and the tracer; throws UsageError.
    explicit PythonProgram(PythonProgramSpec spec);

    const ScenarioInfo& info() const override { return m_info; }
    const PythonProgramSpec& spec() const { return m_spec; }
    const PythonSetup& setup() const { return m_setup; }
    /// The values a trace keeps of how it was run (script, arguments, interpreter).
    ParameterValues runParameters() const;

    bool usesGil(const ParameterValues&) const override { return false; }
    std::string mainLaneName() const override { return "interleave"; }
    void adjustSegment(const ParameterValues&, SegmentConfig& segment) const override;
    bool explainsFailedRuns() const override { return true; }
    void runMain(WorkerContext& main) const override;
    void runRole(std::string_view role, WorkerContext& worker) const override;
    void evaluate(const TraceStore& trace, const ParameterValues& parameters,
                  Results& results) const override;

private:
    PythonProgramSpec m_spec;
    PythonSetup m_setup;
    ScenarioInfo m_info;
};

/// What the app says about a traced script (title, what to look for, how to trace it again),
/// also for a saved trace whose script is not on this machine; without its source.
ScenarioInfo describeProgram(const std::string& script, const std::string& arguments);

/// Role of the interpreter's lane, and of the lanes of its threads.
inline constexpr const char* kInterpreterRole = "python";

} // namespace interleave
