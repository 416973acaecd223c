#pragma once

#include "cli/commandspec.h"

#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace interleave::cli {

/// Thrown when the words ask for the command's help (-h, --help): the dispatcher prints it.
struct HelpRequested : std::runtime_error {
    explicit HelpRequested(const CommandSpec& command)
        : std::runtime_error("help requested")
        , spec(command)
    {
    }
    CommandSpec spec;
};

/// The words after a command, parsed by Qt's QCommandLineParser against the command's spec.
/// Options may repeat (`--set a=1 --set b=2`) and take `--name value` or `--name=value`. An
/// unknown option is a UsageError naming the nearest known one.
class Arguments {
public:
    Arguments(const CommandSpec& spec, const std::vector<std::string>& words);

    const std::vector<std::string>& positionals() const { return m_positionals; }
    /// Exactly `count` positionals, else a UsageError with the command's usage.
    void expectPositionals(std::size_t count) const;
    /// Options by any of their names, with or without dashes: "-o", "--output", "output".
    bool flag(const std::string& name) const;
    std::optional<std::string> value(const std::string& name) const;
    std::vector<std::string> values(const std::string& name) const;
    const CommandSpec& spec() const { return m_spec; }

private:
    /// The option's first name, or empty if the spec has no option of that name.
    std::string canonical(const std::string& name) const;

    CommandSpec m_spec;
    std::vector<std::string> m_positionals;
    /// Canonical name and value per occurrence, in order (empty value for a flag).
    std::vector<std::pair<std::string, std::string>> m_options;
};

} // namespace interleave::cli
