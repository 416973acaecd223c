#include "format/sweepformat.h"

#include "engine/sweep.h"
#include "format/jsonwriter.h"
#include "scenarios/cpuwork.h"

#include <algorithm>
#include <cstdio>
#include <iomanip>
#include <sstream>

namespace interleave {

namespace {

void writeValue(JsonWriter& json, const ParameterValue& value)
{
    std::visit([&json](const auto& v) { json.value(v); }, value);
}

std::string text(const ResultValue& value)
{
    std::ostringstream out;
    std::visit(
        [&out](const auto& v) {
            if constexpr (std::is_same_v<std::decay_t<decltype(v)>, bool>)
                out << (v ? "true" : "false");
            else if constexpr (std::is_same_v<std::decay_t<decltype(v)>, double>)
                out << std::defaultfloat << std::setprecision(4) << v;
            else
                out << v;
        },
        value);
    return out.str();
}

/// Results worth a column: numbers, not the verdict text or nanosecond duplicates of elapsed.
bool tabulated(const std::string& name)
{
    return name != "elapsed_ns";
}

std::string pad(const std::string& s, std::size_t width)
{
    std::size_t characters = 0;
    for (const char c : s)
        characters += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return characters >= width ? s + "  " : s + std::string(width - characters + 2, ' ');
}

} // namespace

void writeSweepJson(const SweepResult& sweep, std::ostream& out)
{
    JsonWriter json(out, 2);
    json.beginObject();
    json.field("scenario", sweep.scenario);
    json.field("param", sweep.parameter);
    json.field("repeat", std::int64_t(sweep.repeat));
    json.field("completed", sweep.allCompleted());
    json.key("rows").beginArray();
    for (const SweepRow& row : sweep.rows) {
        json.beginObject();
        json.key("value");
        writeValue(json, row.value);
        json.field("elapsed_ns", row.elapsedNs);
        json.field("speedup", row.speedup);
        json.key("runs_ns").beginArray();
        for (const SweepRun& run : row.runs)
            json.value(run.elapsedNs);
        json.endArray();
        json.key("traces").beginArray();
        for (const SweepRun& run : row.runs)
            json.value(run.tracePath);
        json.endArray();
        json.key("results").beginObject();
        for (const auto& [name, value] : row.results.values) {
            json.key(name);
            std::visit([&json](const auto& v) { json.value(v); }, value);
        }
        json.field("verdict", row.results.verdict);
        json.endObject();
        json.endObject();
    }
    json.endArray();
    json.endObject();
    out << '\n';
}

void writeSweepTable(const SweepResult& sweep, std::ostream& out)
{
    std::vector<std::string> columns;
    for (const SweepRow& row : sweep.rows) {
        for (const auto& [name, value] : row.results.values) {
            if (tabulated(name) && std::find(columns.begin(), columns.end(), name) == columns.end())
                columns.push_back(name);
        }
    }
    std::vector<std::vector<std::string>> cells;
    cells.push_back({sweep.parameter, "elapsed", "speedup"});
    for (const std::string& column : columns)
        cells.back().push_back(column.ends_with("_ns") ? column.substr(0, column.size() - 3)
                                                       : column);
    for (const SweepRow& row : sweep.rows) {
        char speedup[32];
        std::snprintf(speedup, sizeof speedup, "%.2f ×", row.speedup);
        std::vector<std::string> line{row.valueText, cpuwork::formatDuration(row.elapsedNs),
                                      speedup};
        for (const std::string& column : columns) {
            const ResultValue* value = row.results.find(column);
            const std::int64_t* ns = value ? std::get_if<std::int64_t>(value) : nullptr;
            const bool duration = column.size() > 3 && column.ends_with("_ns");
            line.push_back(!value ? ""
                           : duration && ns && *ns >= 0
                               ? cpuwork::formatDuration(std::uint64_t(*ns))
                               : text(*value));
        }
        cells.push_back(std::move(line));
    }
    std::vector<std::size_t> widths(cells.front().size(), 0);
    for (const auto& line : cells) {
        for (std::size_t c = 0; c < line.size(); ++c) {
            std::size_t characters = 0;
            for (const char ch : line[c])
                characters += (static_cast<unsigned char>(ch) & 0xC0) != 0x80;
            widths[c] = std::max(widths[c], characters);
        }
    }
    for (const auto& line : cells) {
        std::string row;
        for (std::size_t c = 0; c < line.size(); ++c)
            row += pad(line[c], widths[c]);
        while (!row.empty() && row.back() == ' ')
            row.pop_back();
        out << row << '\n';
    }
}

} // namespace interleave
