#pragma once

#include <string>
#include <vector>

namespace interleave::cli {

/// One option of a command: its names without dashes ("o", "output"), the name of its value
/// (empty for a flag) and one line on what it does.
struct OptionSpec {
    std::vector<std::string> names;
    std::string valueName;
    std::string description;
};

/// What a command takes and says about itself: Arguments parses by it (with Qt's
/// QCommandLineParser), and `--help` / `interleave help COMMAND` print it.
struct CommandSpec {
    std::string name;      ///< "run"
    std::string arguments; ///< What follows the name besides options: "SCENARIO".
    std::string summary;   ///< One sentence.
    std::vector<OptionSpec> options;
    std::vector<std::string> examples; ///< Whole command lines.
    /// Words after the first positional are positionals too, even "-x" (the traced script's).
    bool restBelongsToFirstPositional = false;
};

/// "interleave run SCENARIO [options]".
std::string usageLine(const CommandSpec& spec);
/// The whole --help text: usage, summary, options with their values, examples.
std::string helpText(const CommandSpec& spec);

/// The options `export` and `run --export` / `trace --export` share.
std::vector<OptionSpec> pictureOptionSpecs();

} // namespace interleave::cli
