#include "cli/arguments.h"

#include "base/errors.h"

#include <algorithm>

namespace interleave::cli {

Arguments::Arguments(const std::vector<std::string>& words, const std::vector<std::string>& valued,
                     const std::vector<std::string>& flags)
{
    auto known = [](const std::vector<std::string>& list, const std::string& word) {
        return std::find(list.begin(), list.end(), word) != list.end();
    };
    for (std::size_t i = 0; i < words.size(); ++i) {
        std::string word = words[i];
        std::string inlineValue;
        bool hasInline = false;
        if (word.rfind("--", 0) == 0) {
            const auto eq = word.find('=');
            if (eq != std::string::npos) {
                inlineValue = word.substr(eq + 1);
                word = word.substr(0, eq);
                hasInline = true;
            }
        }
        if (known(valued, word)) {
            if (hasInline) {
                m_options.emplace_back(word, inlineValue);
            } else if (i + 1 < words.size()) {
                m_options.emplace_back(word, words[++i]);
            } else {
                throw UsageError("option " + word + " needs a value");
            }
        } else if (known(flags, word) && !hasInline) {
            m_options.emplace_back(word, std::string());
        } else if (word.size() > 1 && word[0] == '-') {
            throw UsageError("unknown option " + word);
        } else {
            m_positionals.push_back(words[i]);
        }
    }
}

void Arguments::expectPositionals(std::size_t count, const std::string& usage) const
{
    if (m_positionals.size() != count)
        throw UsageError("usage: " + usage);
}

bool Arguments::flag(const std::string& name) const
{
    return std::any_of(m_options.begin(), m_options.end(),
                       [&](const auto& option) { return option.first == name; });
}

std::optional<std::string> Arguments::value(const std::string& name) const
{
    std::optional<std::string> found;
    for (const auto& [option, value] : m_options) {
        if (option == name)
            found = value;
    }
    return found;
}

std::vector<std::string> Arguments::values(const std::string& name) const
{
    std::vector<std::string> out;
    for (const auto& [option, value] : m_options) {
        if (option == name)
            out.push_back(value);
    }
    return out;
}

} // namespace interleave::cli
