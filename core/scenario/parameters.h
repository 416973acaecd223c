#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace interleave {

enum class ParameterType { Integer, Real, Boolean, Choice };

using ParameterValue = std::variant<std::int64_t, double, bool, std::string>;

/// One named, typed scenario parameter with its default and allowed range. The GUI builds its
/// form from these; the CLI validates `--set` against them.
struct ParameterSpec {
    std::string name;  ///< Identifier used by --set, e.g. "workers".
    std::string label; ///< Human label for forms.
    std::string help;  ///< One sentence.
    ParameterType type = ParameterType::Integer;
    ParameterValue defaultValue;
    double minimum = 0;               ///< Inclusive; for Integer and Real.
    double maximum = 0;               ///< Inclusive; for Integer and Real.
    std::vector<std::string> choices; ///< For Choice.
    std::string unit;                 ///< "ms", "×"... for display.

    static ParameterSpec integer(std::string name, std::string label, std::int64_t value,
                                 std::int64_t minimum, std::int64_t maximum, std::string help,
                                 std::string unit = {});
    static ParameterSpec real(std::string name, std::string label, double value, double minimum,
                              double maximum, std::string help, std::string unit = {});
    static ParameterSpec boolean(std::string name, std::string label, bool value, std::string help);
    static ParameterSpec choice(std::string name, std::string label, std::string value,
                                std::vector<std::string> choices, std::string help);
};

/// The value of every parameter of a scenario, defaults filled in.
class ParameterValues {
public:
    ParameterValues() = default;

    std::int64_t integer(const std::string& name) const;
    double real(const std::string& name) const;
    bool boolean(const std::string& name) const;
    const std::string& choice(const std::string& name) const;
    bool contains(const std::string& name) const { return m_values.count(name) != 0; }

    void set(const std::string& name, ParameterValue value) { m_values[name] = std::move(value); }
    const std::map<std::string, ParameterValue>& all() const { return m_values; }
    /// name=value pairs in a stable order, values in the form --set accepts.
    std::vector<std::pair<std::string, std::string>> assignments() const;

private:
    const ParameterValue& find(const std::string& name) const;
    std::map<std::string, ParameterValue> m_values;
};

/// Formats a value the way --set and the trace file spell it.
std::string formatParameterValue(const ParameterValue& value);

/// Parses `text` for `spec`; throws UsageError naming the parameter on a bad or out-of-range
/// value.
ParameterValue parseParameterValue(const ParameterSpec& spec, const std::string& text);

/// Defaults of `specs` overridden by `assignments` ("name", "value"). Throws UsageError for an
/// unknown name (listing the known ones) or a bad value.
ParameterValues
resolveParameters(const std::vector<ParameterSpec>& specs,
                  const std::vector<std::pair<std::string, std::string>>& assignments);

/// Splits "name=value"; throws UsageError when there is no '='.
std::pair<std::string, std::string> splitAssignment(const std::string& text);

} // namespace interleave
