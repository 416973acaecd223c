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

int infoCommand(const std::vector<std::string>& words)
{
    const Arguments args(words, {}, {"--json"});
    args.expectPositionals(1, "interleave info FILE [--json]");
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
    const Arguments args(words, {"-o", "--output"}, {});
    args.expectPositionals(1, "interleave convert FILE -o OUT.json|OUT.itrace");
    const std::string output = args.value("-o").value_or(args.value("--output").value_or(""));
    if (output.empty())
        throw UsageError("usage: interleave convert FILE -o OUT.json|OUT.itrace");
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
