#pragma once

#include <cstdint>
#include <ostream>
#include <string_view>
#include <vector>

namespace interleave {

/// A small streaming JSON writer: commas, nesting and string escaping, nothing more. Parsing is
/// simdjson's job; writing a few well-formed documents does not need a library.
class JsonWriter {
public:
    /// `indent` 0 writes compact JSON; otherwise pretty-printed with that many spaces.
    explicit JsonWriter(std::ostream& out, int indent = 0);

    JsonWriter& beginObject();
    JsonWriter& endObject();
    JsonWriter& beginArray();
    JsonWriter& endArray();
    JsonWriter& key(std::string_view name);

    JsonWriter& value(std::string_view text);
    JsonWriter& value(const char* text) { return value(std::string_view(text)); }
    JsonWriter& value(std::int64_t number);
    JsonWriter& value(std::uint64_t number);
    JsonWriter& value(int number) { return value(std::int64_t(number)); }
    JsonWriter& value(unsigned number) { return value(std::uint64_t(number)); }
    JsonWriter& value(double number);
    JsonWriter& value(bool flag);
    JsonWriter& null();
    /// A value that is already JSON text (an imported event's args), written as it is.
    JsonWriter& rawValue(std::string_view json);

    /// key + value in one call.
    template <class T> JsonWriter& field(std::string_view name, const T& v)
    {
        key(name);
        return value(v);
    }

private:
    void beforeValue();
    void newline();
    void writeString(std::string_view text);

    std::ostream& m_out;
    int m_indent;
    std::vector<bool> m_hasItems; ///< Per open container: something written already.
    bool m_afterKey = false;
};

} // namespace interleave
