#include "cli/commandspec.h"

#include <algorithm>
#include <sstream>

namespace interleave::cli {

namespace {

/// "-o, --output FILE": one dash for one-letter names, two for the others.
std::string optionLabel(const OptionSpec& option)
{
    std::string label;
    for (const std::string& name : option.names) {
        if (!label.empty())
            label += ", ";
        label += (name.size() == 1 ? "-" : "--") + name;
    }
    if (!option.valueName.empty())
        label += " " + option.valueName;
    return label;
}

} // namespace

std::string usageLine(const CommandSpec& spec)
{
    std::string line = "interleave " + spec.name;
    if (!spec.options.empty())
        line += " [options]";
    if (!spec.arguments.empty())
        line += " " + spec.arguments;
    return line;
}

std::string helpText(const CommandSpec& spec)
{
    std::vector<OptionSpec> options = spec.options;
    options.push_back({{"h", "help"}, "", "This help."});
    std::size_t width = 0;
    for (const OptionSpec& option : options)
        width = std::max(width, optionLabel(option).size());
    std::ostringstream out;
    out << "usage: " << usageLine(spec) << "\n\n" << spec.summary << "\n\noptions:\n";
    for (const OptionSpec& option : options) {
        const std::string label = optionLabel(option);
        out << "  " << label << std::string(width + 2 - label.size(), ' ') << option.description
            << '\n';
    }
    if (!spec.examples.empty()) {
        out << (spec.examples.size() == 1 ? "\nexample:\n" : "\nexamples:\n");
        for (const std::string& example : spec.examples)
            out << "  " << example << '\n';
    }
    return out.str();
}

std::vector<OptionSpec> pictureOptionSpecs()
{
    return {
        {{"size"}, "WxH", "Picture size in pixels (default 1600x900)."},
        {{"scale"}, "S", "Device-pixel scale for sharp slides, e.g. 2."},
        {{"range"}, "A..B", "The stretch of time shown, e.g. 0.5s..1.2s."},
        {{"at"}, "T", "The run as playback shows it at time T."},
        {{"theme"}, "lecture|light|dark", "Colours (lecture: large text, high contrast)."},
        {{"title"}, "TEXT", "A title above the timeline."},
        {{"lanes"}, "A,B,...", "Only these lanes."},
        {{"no-charts"}, "", "Leave out the queue-depth and core charts."},
        {{"no-legend"}, "", "Leave out the legend."},
    };
}

} // namespace interleave::cli
