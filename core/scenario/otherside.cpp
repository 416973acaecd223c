#include "scenario/otherside.h"

#include "scenario/registry.h"
#include "scenario/scenario.h"

#include <algorithm>

namespace interleave {

namespace {

const ParameterSpec* findSpec(const Scenario& scenario, const std::string& name)
{
    for (const ParameterSpec& spec : scenario.info().parameters)
        if (spec.name == name)
            return &spec;
    return nullptr;
}

/// "lock = true", "Pool size 3", "Run in: threads": what tells the two runs apart.
std::string sideLabel(const ParameterSpec& spec, const ParameterValue& value)
{
    if (spec.type == ParameterType::Boolean)
        return spec.name + " = " + formatParameterValue(value);
    if (spec.type == ParameterType::Choice)
        return spec.label + ": " + formatParameterValue(value);
    return spec.label + " " + formatParameterValue(value);
}

/// The value on the other side: a boolean flipped, the next choice, a count of 1 against
/// more than one (the default, or 4 when the default is 1).
ParameterValue otherValue(const ParameterSpec& spec, const ParameterValue& value)
{
    switch (spec.type) {
    case ParameterType::Boolean: return !std::get<bool>(value);
    case ParameterType::Choice: {
        const auto it =
            std::find(spec.choices.begin(), spec.choices.end(), std::get<std::string>(value));
        if (it == spec.choices.end() || it + 1 == spec.choices.end())
            return spec.choices.front();
        return *(it + 1);
    }
    case ParameterType::Integer: {
        if (std::get<std::int64_t>(value) != 1)
            return std::int64_t(1);
        const std::int64_t many = std::get<std::int64_t>(spec.defaultValue);
        return many != 1 ? many : std::min<std::int64_t>(std::int64_t(spec.maximum), 4);
    }
    case ParameterType::Real: break;
    }
    return value;
}

/// The sibling's parameters: its defaults, with the values of parameters both have (same
/// name, same type, in the sibling's range) carried over, so both run the same work.
ParameterValues carriedOver(const Scenario& sibling, const ParameterValues& values)
{
    std::vector<std::pair<std::string, std::string>> kept;
    for (const ParameterSpec& spec : sibling.info().parameters) {
        const auto it = values.all().find(spec.name);
        if (it == values.all().end() || it->second.index() != spec.defaultValue.index())
            continue;
        kept.emplace_back(spec.name, formatParameterValue(it->second));
    }
    try {
        return resolveParameters(sibling.info().parameters, kept);
    } catch (...) {
        // A value out of the sibling's range: run it as the sibling defines it, one by one.
        std::vector<std::pair<std::string, std::string>> valid;
        for (const auto& assignment : kept) {
            try {
                resolveParameters(sibling.info().parameters, {assignment});
                valid.push_back(assignment);
            } catch (...) {
            }
        }
        return resolveParameters(sibling.info().parameters, valid);
    }
}

} // namespace

std::vector<LessonSides> otherSides(const Scenario& scenario, const ParameterValues& values)
{
    std::vector<LessonSides> sides;
    for (const OtherSide& other : scenario.info().otherSides) {
        LessonSides pair;
        pair.first = &scenario;
        pair.firstValues = values;
        if (!other.scenario.empty()) {
            const Scenario* sibling = findScenario(other.scenario);
            if (sibling == nullptr)
                continue;
            pair.second = sibling;
            pair.secondValues = carriedOver(*sibling, values);
            pair.firstLabel = scenario.info().title;
            pair.secondLabel = sibling->info().title;
        } else {
            const ParameterSpec* spec = findSpec(scenario, other.parameter);
            if (spec == nullptr || !values.contains(spec->name))
                continue;
            const ParameterValue current = values.all().at(spec->name);
            const ParameterValue changed = otherValue(*spec, current);
            pair.second = &scenario;
            pair.secondValues = values;
            pair.secondValues.set(spec->name, changed);
            pair.firstLabel = sideLabel(*spec, current);
            pair.secondLabel = sideLabel(*spec, changed);
        }
        sides.push_back(std::move(pair));
    }
    return sides;
}

} // namespace interleave
