#include "scenario/parameters.h"

#include "base/errors.h"

#include <charconv>
#include <cmath>
#include <sstream>

namespace interleave {

ParameterSpec ParameterSpec::integer(std::string name, std::string label, std::int64_t value,
                                     std::int64_t minimum, std::int64_t maximum, std::string help,
                                     std::string unit)
{
    ParameterSpec s;
    s.name = std::move(name);
    s.label = std::move(label);
    s.help = std::move(help);
    s.type = ParameterType::Integer;
    s.defaultValue = value;
    s.minimum = double(minimum);
    s.maximum = double(maximum);
    s.unit = std::move(unit);
    return s;
}

ParameterSpec ParameterSpec::real(std::string name, std::string label, double value, double minimum,
                                  double maximum, std::string help, std::string unit)
{
    ParameterSpec s;
    s.name = std::move(name);
    s.label = std::move(label);
    s.help = std::move(help);
    s.type = ParameterType::Real;
    s.defaultValue = value;
    s.minimum = minimum;
    s.maximum = maximum;
    s.unit = std::move(unit);
    return s;
}

ParameterSpec ParameterSpec::boolean(std::string name, std::string label, bool value,
                                     std::string help)
{
    ParameterSpec s;
    s.name = std::move(name);
    s.label = std::move(label);
    s.help = std::move(help);
    s.type = ParameterType::Boolean;
    s.defaultValue = value;
    return s;
}

ParameterSpec ParameterSpec::choice(std::string name, std::string label, std::string value,
                                    std::vector<std::string> choices, std::string help)
{
    ParameterSpec s;
    s.name = std::move(name);
    s.label = std::move(label);
    s.help = std::move(help);
    s.type = ParameterType::Choice;
    s.defaultValue = std::move(value);
    s.choices = std::move(choices);
    return s;
}

const ParameterValue& ParameterValues::find(const std::string& name) const
{
    const auto it = m_values.find(name);
    if (it == m_values.end())
        throw UsageError("scenario has no parameter '" + name + "'");
    return it->second;
}

std::int64_t ParameterValues::integer(const std::string& name) const
{
    const ParameterValue& v = find(name);
    if (const auto* i = std::get_if<std::int64_t>(&v))
        return *i;
    throw UsageError("parameter '" + name + "' is not an integer");
}

double ParameterValues::real(const std::string& name) const
{
    const ParameterValue& v = find(name);
    if (const auto* d = std::get_if<double>(&v))
        return *d;
    if (const auto* i = std::get_if<std::int64_t>(&v))
        return double(*i);
    throw UsageError("parameter '" + name + "' is not a number");
}

bool ParameterValues::boolean(const std::string& name) const
{
    const ParameterValue& v = find(name);
    if (const auto* b = std::get_if<bool>(&v))
        return *b;
    throw UsageError("parameter '" + name + "' is not a boolean");
}

const std::string& ParameterValues::choice(const std::string& name) const
{
    const ParameterValue& v = find(name);
    if (const auto* s = std::get_if<std::string>(&v))
        return *s;
    throw UsageError("parameter '" + name + "' is not a choice");
}

std::vector<std::pair<std::string, std::string>> ParameterValues::assignments() const
{
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& [name, value] : m_values)
        out.emplace_back(name, formatParameterValue(value));
    return out;
}

std::string formatParameterValue(const ParameterValue& value)
{
    if (const auto* i = std::get_if<std::int64_t>(&value))
        return std::to_string(*i);
    if (const auto* d = std::get_if<double>(&value)) {
        std::ostringstream out;
        out.precision(12);
        out << *d;
        return out.str();
    }
    if (const auto* b = std::get_if<bool>(&value))
        return *b ? "true" : "false";
    return std::get<std::string>(value);
}

namespace {

std::string rangeText(const ParameterSpec& spec)
{
    std::ostringstream out;
    out << spec.minimum << ".." << spec.maximum;
    return out.str();
}

[[noreturn]] void badValue(const ParameterSpec& spec, const std::string& text,
                           const std::string& expected)
{
    throw UsageError("parameter '" + spec.name + "': '" + text + "' is not " + expected);
}

} // namespace

ParameterValue parseParameterValue(const ParameterSpec& spec, const std::string& text)
{
    switch (spec.type) {
    case ParameterType::Integer: {
        std::int64_t value = 0;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (ec != std::errc() || end != text.data() + text.size() || text.empty())
            badValue(spec, text, "an integer");
        if (double(value) < spec.minimum || double(value) > spec.maximum)
            badValue(spec, text, "in range " + rangeText(spec));
        return value;
    }
    case ParameterType::Real: {
        double value = 0;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (ec != std::errc() || end != text.data() + text.size() || text.empty() ||
            !std::isfinite(value))
            badValue(spec, text, "a number");
        if (value < spec.minimum || value > spec.maximum)
            badValue(spec, text, "in range " + rangeText(spec));
        return value;
    }
    case ParameterType::Boolean:
        if (text == "true" || text == "1" || text == "yes" || text == "on")
            return true;
        if (text == "false" || text == "0" || text == "no" || text == "off")
            return false;
        badValue(spec, text, "true or false");
    case ParameterType::Choice:
        for (const std::string& choice : spec.choices) {
            if (choice == text)
                return text;
        }
        {
            std::string list;
            for (const std::string& choice : spec.choices)
                list += (list.empty() ? "" : ", ") + choice;
            badValue(spec, text, "one of: " + list);
        }
    }
    badValue(spec, text, "valid");
}

ParameterValues
resolveParameters(const std::vector<ParameterSpec>& specs,
                  const std::vector<std::pair<std::string, std::string>>& assignments)
{
    ParameterValues values;
    for (const ParameterSpec& spec : specs)
        values.set(spec.name, spec.defaultValue);
    for (const auto& [name, text] : assignments) {
        const ParameterSpec* spec = nullptr;
        for (const ParameterSpec& candidate : specs) {
            if (candidate.name == name)
                spec = &candidate;
        }
        if (spec == nullptr) {
            std::string known;
            for (const ParameterSpec& candidate : specs)
                known += (known.empty() ? "" : ", ") + candidate.name;
            throw UsageError("unknown parameter '" + name + "' (known: " + known + ")");
        }
        values.set(name, parseParameterValue(*spec, text));
    }
    return values;
}

std::pair<std::string, std::string> splitAssignment(const std::string& text)
{
    const auto eq = text.find('=');
    if (eq == std::string::npos || eq == 0)
        throw UsageError("expected name=value, got '" + text + "'");
    return {text.substr(0, eq), text.substr(eq + 1)};
}

} // namespace interleave
