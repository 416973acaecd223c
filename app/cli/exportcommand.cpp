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

const CommandSpec& exportSpec()
{
    static const CommandSpec spec = [] {
        CommandSpec s{
            "export",
            "FILE",
            "Draws a trace's timeline to a picture, no display needed; with --compare, two runs "
            "stacked on one time scale, lanes matched.",
            {{{"o", "output"}, "OUT.png|OUT.svg|OUT.pdf", "The picture to write (required)."},
             {{"compare"}, "OTHER", "Stack this second trace under the first."},
             {{"fit-each"}, "", "With --compare: fit each run to its own length."}},
            {"interleave export race.itrace -o race.png --theme lecture --scale 2",
             "interleave export gil.itrace --compare free.itrace -o gil-vs-free.svg"}};
        for (const OptionSpec& option : pictureOptionSpecs())
            s.options.push_back(option);
        return s;
    }();
    return spec;
}

int exportCommand(const std::vector<std::string>& words)
{
    const Arguments args(exportSpec(), words);
    args.expectPositionals(1);
    const std::string output = args.value("--output").value_or("");
    if (output.empty())
        throw UsageError("-o OUT.png|OUT.svg|OUT.pdf is needed (see 'interleave export --help')");
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
