#include "format/chromeimport.h"

#include "base/errors.h"
#include "base/mappedfile.h"
#include "format/chromebuild.h"
#include "format/chromeevents.h"
#include "format/chromeparser.h"

#include <cctype>
#include <cstring>
#include <simdjson.h>

namespace interleave {

namespace ondemand = simdjson::ondemand;

namespace {

bool isSpace(char c)
{
    return std::isspace(static_cast<unsigned char>(c)) != 0;
}

/// Reads the document in `text` (length bytes, capacity usable) into `out`: a bare array of
/// events, or an object with "traceEvents" and optionally "otherData"/"metadata".
/// One pass on one core: a two-halves split was measured and gave nothing (memory-bound).
void parseDocument(char* text, std::size_t length, std::size_t capacity, ChromeEvents& out,
                   const Progress& progress)
{
    ondemand::parser parser;
    ondemand::document document = parser.iterate(text, length, capacity);
    ChromeEventParser reader(out, std::string_view(text, length), capacity, progress);
    if (document.type() == ondemand::json_type::array) {
        reader.readEvents(document.get_array(), document);
        return;
    }
    if (document.type() != ondemand::json_type::object)
        throw FormatError("neither a JSON array nor an object of trace events");
    bool sawEvents = false;
    for (auto field : document.get_object()) {
        const std::string_view key = field.unescaped_key();
        if (key == "traceEvents") {
            reader.readEvents(field.value().get_array(), document);
            sawEvents = true;
        } else if (key == "otherData" || key == "metadata") {
            ondemand::value value = field.value();
            if (value.type() == ondemand::json_type::object)
                reader.readOtherData(value.get_object());
        }
    }
    if (!sawEvents)
        throw FormatError("a JSON object without \"traceEvents\"");
}

/// Parses `length` bytes of `text`, which has room for one more byte and then simdjson's
/// padding. The bare-array form may stop without its closing bracket (a tracer that was
/// killed): it is closed in that spare byte, as chrome://tracing does.
std::shared_ptr<TraceStore> parsePadded(char* text, std::size_t length, const std::string& title,
                                        const Progress& progress)
{
    std::size_t begin = 0;
    if (length >= 3 && std::memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        begin = 3;
    while (begin < length && isSpace(text[begin]))
        ++begin;
    std::size_t end = length;
    while (end > begin && isSpace(text[end - 1]))
        --end;
    if (end > begin && text[begin] == '[' && text[end - 1] != ']') {
        while (end > begin + 1 && (text[end - 1] == ',' || isSpace(text[end - 1])))
            --end;
        text[end++] = ']';
    }
    ChromeEvents events;
    try {
        parseDocument(text + begin, end - begin, (length + 1 - begin) + simdjson::SIMDJSON_PADDING,
                      events, progress.stage(0, 0.8));
    } catch (const simdjson::simdjson_error& e) {
        throw FormatError(std::string("not valid trace JSON: ") + e.what());
    }
    return buildChromeTrace(std::move(events), title, progress.stage(0.8, 1.0));
}

} // namespace

bool looksLikeChromeJson(const std::uint8_t* data, std::size_t size)
{
    std::size_t i = 0;
    if (size >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF)
        i = 3; // UTF-8 byte-order mark
    while (i < size && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r'))
        ++i;
    return i < size && (data[i] == '[' || data[i] == '{');
}

std::shared_ptr<TraceStore> parseChromeJson(std::string_view json, const std::string& title,
                                            const Progress& progress)
{
    simdjson::padded_string padded(json.size() + 1);
    std::memcpy(padded.data(), json.data(), json.size());
    padded.data()[json.size()] = ' ';
    return parsePadded(padded.data(), json.size(), title, progress);
}

std::shared_ptr<TraceStore> loadChromeJson(const std::string& path, const Progress& progress)
{
    progress.report(0);
    // One spare byte to close a bare array, then simdjson's padding.
    MappedFile file(path, 1 + simdjson::SIMDJSON_PADDING);
    // parsePadded() may close a bare array after its last event: from there on, writable.
    std::size_t tail = file.size();
    while (tail > 0 && (file.data()[tail - 1] == ',' || isSpace(file.data()[tail - 1])))
        --tail;
    file.allowWritesFrom(tail);
    file.data()[file.size()] = ' ';
    std::string title = path;
    if (const auto slash = title.rfind('/'); slash != std::string::npos)
        title = title.substr(slash + 1);
    try {
        return parsePadded(file.data(), file.size(), title, progress.stage(0.05, 1.0));
    } catch (const FormatError& e) {
        throw FormatError("'" + path + "': " + e.what());
    }
}

} // namespace interleave
