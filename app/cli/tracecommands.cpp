#include "base/errors.h"
#include "cli/arguments.h"
#include "cli/commands.h"
#include "format/chromejson.h"
#include "format/itracewriter.h"
#include "format/summaryformat.h"
#include "format/traceloader.h"
#include "trace/summary.h"
#include "trace/tracestore.h"

#include <iostream>

namespace interleave::cli {

namespace {
/// A trace the user named that cannot be read is bad input (status 2), like a corrupt one.
std::shared_ptr<TraceStore> loadInput(const std::string& path)
{
    try {
        return loadTraceFile(path);
    } catch (const SystemError& e) {
        throw UsageError(e.what());
    }
}
} // namespace

const CommandSpec& infoSpec()
{
    static const CommandSpec spec{
        "info",
        "FILE",
        "Summarises a trace (.itrace or Chrome JSON): the run, its verdict, lanes, locks and "
        "queues.",
        {{{"json"}, "", "The summary as JSON (results such as results.lost_updates included)."}},
        {"interleave info race.itrace", "interleave info race.itrace --json"}};
    return spec;
}

const CommandSpec& convertSpec()
{
    static const CommandSpec spec{
        "convert",
        "FILE",
        "Writes a trace as Chrome Trace Event JSON (for Perfetto UI and chrome://tracing) or as "
        ".itrace; the output's name says which.",
        {{{"o", "output"}, "OUT.json|OUT.itrace", "The file to write (required)."}},
        {"interleave convert race.itrace -o race.json",
         "interleave convert chrome-trace.json -o trace.itrace"}};
    return spec;
}

int infoCommand(const std::vector<std::string>& words)
{
    const Arguments args(infoSpec(), words);
    args.expectPositionals(1);
    const auto trace = loadInput(args.positionals()[0]);
    const TraceSummary summary = summarise(*trace);
    if (args.flag("--json"))
        writeSummaryJson(summary, std::cout);
    else
        writeSummaryText(summary, std::cout);
    return 0;
}

int convertCommand(const std::vector<std::string>& words)
{
    const Arguments args(convertSpec(), words);
    args.expectPositionals(1);
    const std::string output = args.value("--output").value_or("");
    if (output.empty())
        throw UsageError("-o OUT.json|OUT.itrace is needed (see 'interleave convert --help')");
    const auto trace = loadInput(args.positionals()[0]);
    // Chrome JSON in, .itrace out (or the other way): the output's name says which.
    if (output.size() >= 7 && output.compare(output.size() - 7, 7, ".itrace") == 0)
        saveTrace(*trace, output);
    else
        saveChromeJson(*trace, output);
    std::cout << "wrote " << output << '\n';
    return 0;
}

} // namespace interleave::cli
