#include "base/errors.h"
#include "cli/arguments.h"
#include "cli/commands.h"
#include "cli/pictureargs.h"
#include "format/traceloader.h"
#include "trace/tracestore.h"

#include <iostream>

namespace interleave::cli {

int exportCommand(const std::vector<std::string>& words)
{
    std::vector<std::string> valued = pictureValuedOptions();
    valued.insert(valued.end(), {"-o", "--output"});
    const Arguments args(words, valued, pictureFlags());
    const char* usage =
        "interleave export FILE -o OUT.png|OUT.svg|OUT.pdf [--size WxH] "
        "[--scale S] [--range A..B] [--at T] [--theme lecture|light|dark] [--title TEXT] "
        "[--lanes A,B] [--no-charts] [--no-legend]";
    args.expectPositionals(1, usage);
    const std::string output = args.value("-o").value_or(args.value("--output").value_or(""));
    if (output.empty())
        throw UsageError(std::string("usage: ") + usage);
    requirePictureName(output);
    std::shared_ptr<TraceStore> trace;
    try {
        trace = loadTraceFile(args.positionals()[0]);
    } catch (const SystemError& e) {
        throw UsageError(e.what());
    }
    const PictureOptions options = pictureOptions(args, *trace);
    writePicture(trace, options, output);
    std::cout << "wrote " << output << '\n';
    return 0;
}

} // namespace interleave::cli
