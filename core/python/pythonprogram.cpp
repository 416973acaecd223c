#include "python/pythonprogram.h"

#include "base/errors.h"
#include "python/programverdict.h"
#include "runtime/programenvironment.h"
#include "runtime/workercontext.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

extern char** environ;

namespace interleave {

namespace fs = std::filesystem;

namespace {

/// The script's text for the Python tab; capped, a traced program may be large.
std::string readSource(const std::string& path)
{
    constexpr std::size_t kLongest = 512 * 1024;
    std::ifstream in(path, std::ios::binary);
    std::string text(kLongest, '\0');
    in.read(text.data(), std::streamsize(kLongest));
    text.resize(std::size_t(in.gcount()));
    return text;
}

std::string quoteArgument(const std::string& argument)
{
    if (!argument.empty() && argument.find_first_of(" \t\n'\"\\$`") == std::string::npos)
        return argument;
    std::string quoted = "'";
    for (char c : argument)
        quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return quoted + "'";
}

/// The recording process's environment, with the tracer preloaded before anything the user
/// preloads already; the program's children keep it, so that they are traced too.
std::vector<std::string> programEnvironment(const PythonSetup& setup)
{
    std::vector<std::string> environment;
    std::string previousPreload;
    std::string previousPath;
    for (char** variable = environ; *variable != nullptr; ++variable) {
        const std::string entry(*variable);
        if (entry.rfind("LD_PRELOAD=", 0) == 0) {
            previousPreload = entry.substr(11);
            continue;
        }
        if (entry.rfind("PYTHONPATH=", 0) == 0) {
            previousPath = entry.substr(11);
            continue;
        }
        // A stale run's variables must not reach the program; the user's choice of GIL may.
        const bool choice = entry.rfind(std::string(kInferGilVariable) + "=", 0) == 0;
        if ((entry.rfind("INTERLEAVE_", 0) == 0 && !choice) ||
            entry.rfind("PYTHONSTARTUP=", 0) == 0)
            continue;
        environment.push_back(entry);
    }
    environment.push_back("LD_PRELOAD=" + setup.preloadLibrary() +
                          (previousPreload.empty() ? "" : ":" + previousPreload));
    // Every Python the program starts (spawn, forkserver, subprocess) loads the hooks through
    // the sitecustomize there; the root interpreter's boot script takes the folder off again.
    environment.push_back("PYTHONPATH=" + setup.tracerDir +
                          (previousPath.empty() ? "" : ":" + previousPath));
    return environment;
}

} // namespace

ScenarioInfo describeProgram(const std::string& script, const std::string& arguments)
{
    ScenarioInfo info;
    const std::string file = fs::path(script).filename().string();
    info.id = "python:" + file;
    info.title = file;
    info.summary = "python3 " + file + " with its threads, locks, queues and the GIL traced";
    info.group = ScenarioGroup::Python;
    info.whatToLookFor =
        "The real interpreter ran " + file +
        ": one lane per thread, the GIL (who holds it, who waits for it and for how long: "
        "click an amber wait to see who held it), locks with their holders, queues with their "
        "depth, and every line it printed (Console). The legend says where the GIL came from: "
        "read from CPython itself, or inferred from scheduling for an interpreter whose GIL "
        "the tracer cannot read.";
    info.commandLine = "interleave trace " + script + (arguments.empty() ? "" : " " + arguments);
    return info;
}

PythonProgram::PythonProgram(PythonProgramSpec spec)
    : m_spec(std::move(spec))
{
    m_spec.script = checkPythonScript(m_spec.script);
    m_setup = findPythonSetup(m_spec.interpreter);
    if (!m_spec.workingDirectory.empty()) {
        std::error_code error;
        if (!fs::is_directory(m_spec.workingDirectory, error))
            throw UsageError("working directory " + m_spec.workingDirectory + " does not exist");
    }
    std::string arguments;
    for (const std::string& argument : m_spec.arguments)
        arguments += (arguments.empty() ? "" : " ") + quoteArgument(argument);
    m_info = describeProgram(m_spec.script, arguments);
    if (!m_spec.id.empty()) {
        m_info.id = m_spec.id;
        m_info.commandLine.clear();
    }
    if (!m_spec.title.empty())
        m_info.title = m_spec.title;
    if (!m_spec.whatToLookFor.empty())
        m_info.whatToLookFor = m_spec.whatToLookFor;
    m_info.pythonSource = readSource(m_spec.script);
}

ParameterValues PythonProgram::runParameters() const
{
    ParameterValues values;
    values.set("script", m_spec.script);
    std::string arguments;
    for (const std::string& argument : m_spec.arguments)
        arguments += (arguments.empty() ? "" : " ") + quoteArgument(argument);
    values.set("arguments", arguments);
    values.set("python", m_setup.interpreter);
    return values;
}

void PythonProgram::adjustSegment(const ParameterValues&, SegmentConfig& segment) const
{
    // Room for 500 threads and more, with rings that stay small while they are not used.
    segment.slotCapacity = 1100;
    segment.ringCapacity = 8192;
    segment.objectCapacity = 4096;
    segment.arenaBytes = 32ull << 20;
}

void PythonProgram::runMain(WorkerContext& main) const
{
    ProgramLaunch launch;
    launch.argv = {m_setup.interpreter, m_setup.bootScript(), m_spec.script};
    launch.argv.insert(launch.argv.end(), m_spec.arguments.begin(), m_spec.arguments.end());
    launch.environment = programEnvironment(m_setup);
    launch.workingDirectory = m_spec.workingDirectory;
    launch.stdinFromNull = m_spec.stdinFromNull || isatty(STDIN_FILENO);
    launch.outputToNull = m_spec.outputToNull;
    main.join(main.startProgram("MainThread", kInterpreterRole, launch));
}

void PythonProgram::runRole(std::string_view role, WorkerContext&) const
{
    unknownRole(*this, role);
}

void PythonProgram::evaluate(const TraceStore& trace, const ParameterValues&,
                             Results& results) const
{
    evaluateProgram(trace, fs::path(m_spec.script).filename().string(), results);
}

} // namespace interleave
