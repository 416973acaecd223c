#include "base/errors.h"
#include "cli/arguments.h"
#include "cli/commands.h"
#include "cli/interrupt.h"
#include "cli/pictureargs.h"
#include "cli/runreport.h"
#include "engine/run.h"
#include "format/itracewriter.h"
#include "python/pythonprogram.h"
#include "scenarios/cpuwork.h"
#include "trace/tracestore.h"

#include <filesystem>
#include <iostream>

namespace interleave::cli {

namespace {

/// Splits `interleave trace` words at the script: options before it are Interleave's,
/// everything after it is the script's own, as with `python3 SCRIPT ARGS...`.
struct TraceWords {
    std::vector<std::string> options;
    std::string script;
    std::vector<std::string> scriptArguments;
};

TraceWords splitAtScript(const std::vector<std::string>& words,
                         const std::vector<std::string>& valued)
{
    TraceWords split;
    std::size_t i = 0;
    for (; i < words.size(); ++i) {
        const std::string& word = words[i];
        if (word == "--") {
            ++i;
            break;
        }
        if (word.size() < 2 || word[0] != '-')
            break;
        split.options.push_back(word);
        const bool takesValue = std::find(valued.begin(), valued.end(), word) != valued.end() &&
                                word.find('=') == std::string::npos;
        if (takesValue && i + 1 < words.size())
            split.options.push_back(words[++i]);
    }
    if (i < words.size()) {
        split.script = words[i];
        split.scriptArguments.assign(words.begin() + std::ptrdiff_t(i) + 1, words.end());
    }
    return split;
}

const char* kUsage = "interleave trace [-o FILE.itrace] [--python PATH] [--quiet] "
                     "[--export OUT.png ...] SCRIPT.py [ARGS...]";

/// Exit status of `interleave trace`: 0 the program succeeded, 1 it failed (raised, exited
/// non-zero, crashed, was stopped), 2 it could not be run at all (a syntax error).
int exitStatus(const TraceStore& trace)
{
    if (trace.results.find("exception_type") && trace.results.find("exception_line") &&
        trace.results.verdict.find("has a syntax error") != std::string::npos)
        return 2;
    const auto status = trace.results.integer("exit_status");
    return trace.run.outcome == "completed" && status && *status == 0 ? 0 : 1;
}

} // namespace

int pythonTraceCommand(const std::vector<std::string>& words)
{
    std::vector<std::string> valued = pictureValuedOptions();
    valued.insert(valued.end(), {"-o", "--output", "--export", "--python"});
    std::vector<std::string> flags = pictureFlags();
    flags.insert(flags.end(), {"--quiet", "-q"});
    const TraceWords split = splitAtScript(words, valued);
    const Arguments args(split.options, valued, flags);
    if (split.script.empty())
        throw UsageError(std::string("no script given; usage: ") + kUsage);
    const std::optional<std::string> picture = args.value("--export");
    if (picture)
        requirePictureName(*picture);
    const bool quiet = args.flag("--quiet") || args.flag("-q");

    PythonProgramSpec spec;
    spec.script = split.script;
    spec.arguments = split.scriptArguments;
    spec.interpreter = args.value("--python").value_or("");
    spec.outputToNull = quiet;
    const PythonProgram program(spec);
    std::string output = args.value("-o").value_or(args.value("--output").value_or(""));
    if (output.empty())
        output = std::filesystem::path(program.spec().script).stem().string() + "-" + timestamp() +
                 ".itrace";

    RunConfig config;
    config.scenario = &program;
    config.parameters = program.runParameters();
    if (!quiet)
        std::cerr << "interleave: tracing " << program.setup().interpreter << ' '
                  << program.spec().script << '\n';

    Run run(config);
    const auto trace = runToTheEnd(run);
    reportAndSave(trace, output, picture, args);
    return exitStatus(*trace);
}

} // namespace interleave::cli
