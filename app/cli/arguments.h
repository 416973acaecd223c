#pragma once

#include <optional>
#include <string>
#include <vector>

namespace interleave::cli {

/// The words after the command, split into positionals and options. Options may repeat
/// (`--set a=1 --set b=2`); flags take no value. Unknown options are a UsageError.
class Arguments {
public:
    /// `valued`: options that take a value ("--set", "-o"); `flags`: those that do not.
    Arguments(const std::vector<std::string>& words, const std::vector<std::string>& valued,
              const std::vector<std::string>& flags);

    const std::vector<std::string>& positionals() const { return m_positionals; }
    /// Exactly `count` positionals, else a UsageError mentioning `usage`.
    void expectPositionals(std::size_t count, const std::string& usage) const;
    bool flag(const std::string& name) const;
    std::optional<std::string> value(const std::string& name) const;
    std::vector<std::string> values(const std::string& name) const;

private:
    std::vector<std::string> m_positionals;
    std::vector<std::pair<std::string, std::string>> m_options;
};

} // namespace interleave::cli
