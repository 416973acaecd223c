#include "base/errors.h"
#include "cli/arguments.h"
#include "cli/commands.h"
#include "cli/pictureargs.h"
#include "export/comparisonpicture.h"
#include "format/traceloader.h"
#include "trace/comparison.h"
#include "trace/tracestore.h"

#include <iostream>

namespace interleave::cli {

namespace {

std::shared_ptr<TraceStore> load(const std::string& path)
{
    try {
        return loadTraceFile(path);
    } catch (const SystemError& e) {
        throw UsageError(e.what());
    }
}

/// `export A --compare B`: the two runs stacked, lanes matched, on one time scale.
ComparisonOptions comparisonOptions(const Arguments& args, const TraceStore& first,
                                    const TraceStore& second)
{
    for (const char* option : {"--at", "--lanes", "--title"})
        if (args.value(option))
            throw UsageError(std::string(option) + " cannot be used with --compare");
    if (args.flag("--no-charts"))
        throw UsageError("--no-charts: a comparison draws no charts anyway");
    // The single-trace options parse size, scale, range and theme the same way.
    const PictureOptions single = pictureOptions(args, first);
    ComparisonOptions options;
    if (args.value("--size"))
        options.size = single.size;
    if (options.size.height() < 240)
        throw UsageError("--size: a comparison needs a picture at least 240 pixels high");
    options.scale = single.scale;
    options.theme = single.theme;
    options.legend = single.legend;
    options.sharedScale = !args.flag("--fit-each");
    options.rangeStart = {single.rangeStart, single.rangeStart};
    options.rangeEnd = {single.rangeEnd, single.rangeEnd};
    const auto [firstLabel, secondLabel] = differingParameters(first.run, second.run);
    options.labels = {QString::fromStdString(firstLabel), QString::fromStdString(secondLabel)};
    return options;
}

} // namespace

int exportCommand(const std::vector<std::string>& words)
{
    std::vector<std::string> valued = pictureValuedOptions();
    valued.insert(valued.end(), {"-o", "--output", "--compare"});
    std::vector<std::string> flags = pictureFlags();
    flags.push_back("--fit-each");
    const Arguments args(words, valued, flags);
    const char* usage =
        "interleave export FILE -o OUT.png|OUT.svg|OUT.pdf [--size WxH] "
        "[--scale S] [--range A..B] [--at T] [--theme lecture|light|dark] [--title TEXT] "
        "[--lanes A,B] [--no-charts] [--no-legend] [--compare OTHER [--fit-each]]";
    args.expectPositionals(1, usage);
    const std::string output = args.value("-o").value_or(args.value("--output").value_or(""));
    if (output.empty())
        throw UsageError(std::string("usage: ") + usage);
    requirePictureName(output);
    const std::shared_ptr<TraceStore> trace = load(args.positionals()[0]);
    if (const auto other = args.value("--compare")) {
        const std::shared_ptr<TraceStore> second = load(*other);
        const ComparisonOptions options = comparisonOptions(args, *trace, *second);
        writeComparison(trace, second, options, output);
    } else {
        if (args.flag("--fit-each"))
            throw UsageError("--fit-each only goes with --compare OTHER");
        writePicture(trace, pictureOptions(args, *trace), output);
    }
    std::cout << "wrote " << output << '\n';
    return 0;
}

} // namespace interleave::cli
