#include "cli/arguments.h"

#include "base/errors.h"
#include "base/nearestname.h"

#include <QCommandLineParser>
#include <QStringList>
#include <algorithm>

namespace interleave::cli {

namespace {

QString qs(const std::string& text)
{
    return QString::fromStdString(text);
}

std::string dashed(const std::string& name)
{
    return (name.size() == 1 ? "-" : "--") + name;
}

std::string withoutDashes(const std::string& name)
{
    const auto first = name.find_first_not_of('-');
    return first == std::string::npos ? std::string() : name.substr(first);
}

std::string seeHelp(const CommandSpec& spec)
{
    return " (see 'interleave " + spec.name + " --help')";
}

} // namespace

Arguments::Arguments(const CommandSpec& spec, const std::vector<std::string>& words)
    : m_spec(spec)
{
    QCommandLineParser parser;
    // "-o" and "--output" alike are whole names; "-set" is not three one-letter flags.
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.setOptionsAfterPositionalArgumentsMode(
        spec.restBelongsToFirstPositional ? QCommandLineParser::ParseAsPositionalArguments
                                          : QCommandLineParser::ParseAsOptions);
    std::vector<std::string> known{"--help", "-h"};
    for (const OptionSpec& option : spec.options) {
        QStringList names;
        for (const std::string& name : option.names) {
            names << qs(name);
            known.push_back(dashed(name));
        }
        parser.addOption(QCommandLineOption(names, qs(option.description), qs(option.valueName)));
    }
    parser.addOption(QCommandLineOption({"h", "help"}, "This help."));

    QStringList arguments{"interleave"};
    for (const std::string& word : words)
        arguments << qs(word);
    if (!parser.parse(arguments)) {
        const QStringList unknown = parser.unknownOptionNames();
        if (!unknown.isEmpty()) {
            const std::string word = dashed(unknown.front().toStdString());
            std::string message = "unknown option " + word;
            if (const auto nearest = nearestName(word, known))
                message += " (did you mean " + *nearest + "?)";
            throw UsageError(message + seeHelp(spec));
        }
        std::string error = parser.errorText().toStdString();
        if (!error.empty() && error.back() == '.')
            error.pop_back();
        throw UsageError(error + seeHelp(spec));
    }
    if (parser.isSet("help"))
        throw HelpRequested(spec);
    for (const QString& positional : parser.positionalArguments())
        m_positionals.push_back(positional.toStdString());
    for (const OptionSpec& option : spec.options) {
        const QString name = qs(option.names.front());
        if (option.valueName.empty()) {
            if (parser.isSet(name))
                m_options.emplace_back(option.names.front(), std::string());
        } else {
            for (const QString& value : parser.values(name))
                m_options.emplace_back(option.names.front(), value.toStdString());
        }
    }
}

void Arguments::expectPositionals(std::size_t count) const
{
    if (m_positionals.size() != count)
        throw UsageError("usage: " + usageLine(m_spec) + seeHelp(m_spec));
}

std::string Arguments::canonical(const std::string& name) const
{
    const std::string bare = withoutDashes(name);
    for (const OptionSpec& option : m_spec.options) {
        if (std::find(option.names.begin(), option.names.end(), bare) != option.names.end())
            return option.names.front();
    }
    return {};
}

bool Arguments::flag(const std::string& name) const
{
    const std::string key = canonical(name);
    return std::any_of(m_options.begin(), m_options.end(),
                       [&](const auto& option) { return option.first == key; });
}

std::optional<std::string> Arguments::value(const std::string& name) const
{
    const std::string key = canonical(name);
    std::optional<std::string> found;
    for (const auto& [option, value] : m_options) {
        if (option == key)
            found = value;
    }
    return found;
}

std::vector<std::string> Arguments::values(const std::string& name) const
{
    const std::string key = canonical(name);
    std::vector<std::string> out;
    for (const auto& [option, value] : m_options) {
        if (option == key)
            out.push_back(value);
    }
    return out;
}

} // namespace interleave::cli
