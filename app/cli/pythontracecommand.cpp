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

const CommandSpec& pythonTraceSpec()
{
    static const CommandSpec spec = [] {
        CommandSpec s{
            "trace",
            "SCRIPT.py [ARGS...]",
            "Runs your own Python program with the real interpreter and traces its threads, "
            "processes, locks, queues, pipes, shared values and the interpreter's own GIL. "
            "Options go before the script; everything after it is the script's.",
            {{{"o", "output"},
              "FILE.itrace",
              "Where to save the trace (default: SCRIPT-DATE-TIME.itrace)."},
             {{"python"}, "PATH", "The interpreter to run (default: python3 on PATH)."},
             {{"export"},
              "OUT.png|OUT.svg|OUT.pdf",
              "Also draw a picture of the run, with the picture options below."},
             {{"q", "quiet"}, "", "The script's output goes nowhere."}},
            {"interleave trace my_threads.py",
             "interleave trace -o mine.itrace --export mine.png my_program.py --rounds 3"}};
        s.restBelongsToFirstPositional = true;
        for (const OptionSpec& option : pictureOptionSpecs())
            s.options.push_back(option);
        return s;
    }();
    return spec;
}

int pythonTraceCommand(const std::vector<std::string>& words)
{
    const Arguments args(pythonTraceSpec(), words);
    if (args.positionals().empty())
        throw UsageError("no script given; usage: " + usageLine(pythonTraceSpec()));
    const std::optional<std::string> picture = args.value("--export");
    if (picture)
        requirePictureName(*picture);
    const bool quiet = args.flag("--quiet") || args.flag("-q");

    PythonProgramSpec spec;
    spec.script = args.positionals().front();
    spec.arguments.assign(args.positionals().begin() + 1, args.positionals().end());
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
