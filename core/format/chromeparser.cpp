#include "format/chromeparser.h"

#include "base/errors.h"

#include <charconv>
#include <cmath>
#include <limits>
#include <xxhash.h>

namespace interleave {

namespace ondemand = simdjson::ondemand;

/// One trace event's fields, as far as the importer uses them.
struct ChromeEventParser::RawEvent {
    std::string_view ph;
    std::string_view name;
    std::string_view category;
    std::string_view args; ///< Raw JSON of the args object (inside the buffer).
    std::string_view id;
    std::string_view bindId;
    std::string_view threadName;  ///< A tid given as a string names its thread.
    std::string_view processName; ///< A pid given as a string names its process.
    std::int64_t pid = 0;
    std::int64_t tid = 0;
    double ts = NAN;
    double dur = NAN;
    bool flowIn = false;
    bool flowOut = false;
};

namespace {

/// A double as an int64 without undefined behaviour: NaN is 0, beyond the range saturates.
std::int64_t saturatingInt64(double value)
{
    if (std::isnan(value))
        return 0;
    if (value >= 9.2e18)
        return std::numeric_limits<std::int64_t>::max();
    if (value <= -9.2e18)
        return std::numeric_limits<std::int64_t>::min();
    return std::int64_t(value);
}

double parseNumberText(std::string_view text)
{
    double value = NAN;
    const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
    return result.ec == std::errc() ? value : NAN;
}

/// A number, or a number written as a string (some tools quote timestamps).
double numberOf(ondemand::value value)
{
    double number = 0;
    if (value.get_double().get(number) == simdjson::SUCCESS)
        return number;
    std::string_view text;
    if (value.get_string().get(text) == simdjson::SUCCESS)
        return parseNumberText(text);
    return NAN;
}

/// A pid or tid: a number, or a name turned into a stable negative number (the same in every
/// part of a split file), which is then also kept as the name.
std::int64_t idNumberOf(ondemand::value value, std::string_view& name)
{
    std::int64_t number = 0;
    if (value.get_int64().get(number) == simdjson::SUCCESS)
        return number;
    double real = 0;
    if (value.get_double().get(real) == simdjson::SUCCESS)
        return saturatingInt64(real);
    if (value.get_string().get(name) == simdjson::SUCCESS)
        return -1 - std::int64_t(XXH3_64bits(name.data(), name.size()) >> 2);
    return 0;
}

/// An id as text: numbers by their digits, strings as they are ("0x1f"), objects (id2
/// {"local": ...} / {"global": ...}) by scope and value.
std::string_view idOf(ondemand::value value, std::string& storage)
{
    switch (value.type()) {
    case ondemand::json_type::string: return std::string_view(value.get_string());
    case ondemand::json_type::number: return value.raw_json_token();
    case ondemand::json_type::object: {
        storage.clear();
        for (auto field : value.get_object()) {
            storage += std::string_view(field.unescaped_key());
            storage += ':';
            std::string inner;
            storage += idOf(field.value(), inner);
        }
        return storage;
    }
    default: return {};
    }
}

/// Microseconds, fractions allowed, to nanoseconds. ±100 years is the most a time can be.
std::int64_t toNs(double micros)
{
    const double ns = std::round(micros * 1000.0);
    if (!(std::abs(ns) < 3.2e18))
        throw FormatError("timestamp out of range: " + std::to_string(micros));
    return std::int64_t(ns);
}

} // namespace

ChromeEventParser::ChromeEventParser(ChromeEvents& out, std::string_view region,
                                     std::size_t capacity, Progress progress)
    : m_out(out)
    , m_region(region)
    , m_capacity(capacity)
    , m_progress(std::move(progress))
{
}

std::uint32_t ChromeEventParser::threadOf(std::int64_t pid, std::int64_t tid)
{
    // Events of one thread tend to come in runs: remember the last one.
    const std::uint64_t key = std::uint64_t(pid) * 0x9E3779B97F4A7C15ull ^ std::uint64_t(tid);
    if (m_haveLast && key == m_lastKey && m_out.threads[m_lastThread].pid == pid &&
        m_out.threads[m_lastThread].tid == tid)
        return m_lastThread;
    m_haveLast = true;
    m_lastKey = key;
    m_lastThread = m_out.thread(pid, tid);
    return m_lastThread;
}

void ChromeEventParser::note(std::uint32_t thread, std::int64_t t)
{
    ChromeEvents::Thread& th = m_out.threads[thread];
    th.first = std::min(th.first, t);
    th.last = std::max(th.last, t);
    m_out.earliest = std::min(m_out.earliest, t);
    m_out.latest = std::max(m_out.latest, t);
}

template <class Body> void ChromeEventParser::withObject(std::string_view raw, Body body)
{
    if (raw.empty())
        return;
    // The raw text lies inside the padded buffer, so it can be parsed where it is.
    const std::size_t offset = std::size_t(raw.data() - m_region.data());
    ondemand::document args = m_argsParser.iterate(raw.data(), raw.size(), m_capacity - offset);
    body(args.get_object());
}

ChromeEventParser::RawEvent ChromeEventParser::readEvent(ondemand::object object)
{
    RawEvent e;
    for (auto field : object) {
        // Raw keys, compared without unescaping: the format's names need no escapes.
        const ondemand::raw_json_string key = field.key();
        ondemand::value value = field.value();
        if (key.unsafe_is_equal("ph"))
            e.ph = value.get_string();
        else if (key.unsafe_is_equal("ts"))
            e.ts = numberOf(value);
        else if (key.unsafe_is_equal("pid"))
            e.pid = idNumberOf(value, e.processName);
        else if (key.unsafe_is_equal("tid"))
            e.tid = idNumberOf(value, e.threadName);
        else if (key.unsafe_is_equal("name"))
            e.name = value.type() == ondemand::json_type::string
                         ? std::string_view(value.get_string())
                         : value.raw_json_token();
        else if (key.unsafe_is_equal("dur"))
            e.dur = numberOf(value);
        else if (key.unsafe_is_equal("cat"))
            e.category = value.get_string();
        else if (key.unsafe_is_equal("args")) {
            if (value.type() == ondemand::json_type::object) {
                ondemand::object args = value.get_object();
                e.args = args.raw_json();
            }
        } else if (key.unsafe_is_equal("id") || key.unsafe_is_equal("id2"))
            e.id = idOf(value, m_idStorage);
        else if (key.unsafe_is_equal("bind_id"))
            e.bindId = idOf(value, m_bindStorage);
        else if (key.unsafe_is_equal("flow_in"))
            e.flowIn = value.get_bool();
        else if (key.unsafe_is_equal("flow_out"))
            e.flowOut = value.get_bool();
    }
    return e;
}

void ChromeEventParser::metadata(const RawEvent& e)
{
    std::string name;
    std::optional<std::int64_t> sortIndex;
    withObject(e.args, [&](ondemand::object args) {
        for (auto field : args) {
            const std::string_view key = field.unescaped_key();
            ondemand::value value = field.value();
            if (key == "name" && value.type() == ondemand::json_type::string)
                name = std::string(std::string_view(value.get_string()));
            else if (key == "sort_index" && value.type() == ondemand::json_type::number)
                sortIndex = saturatingInt64(double(value.get_double()));
        }
    });
    if (e.name == "process_name")
        m_out.processes[e.pid].name = name;
    else if (e.name == "process_sort_index")
        m_out.processes[e.pid].sortIndex = sortIndex;
    else if (e.name == "thread_name")
        m_out.threads[threadOf(e.pid, e.tid)].name = name;
    else if (e.name == "thread_sort_index")
        m_out.threads[threadOf(e.pid, e.tid)].sortIndex = sortIndex;
}

/// One series per numeric argument: "name" for a lone argument, "name.key" for several.
void ChromeEventParser::counter(const RawEvent& e, std::int64_t t)
{
    std::vector<std::pair<std::string, double>> values;
    withObject(e.args, [&](ondemand::object args) {
        for (auto field : args) {
            const std::string_view key = field.unescaped_key();
            const double number = numberOf(field.value());
            if (!std::isnan(number))
                values.emplace_back(std::string(key), number);
        }
    });
    for (const auto& [key, value] : values) {
        std::string series(e.name);
        if (values.size() > 1)
            series += "." + key;
        const auto [it, added] =
            m_counterIds.emplace(std::to_string(e.pid) + '\x1f' + series, m_out.counters.size());
        if (added)
            m_out.counters.push_back(ChromeEvents::Counter{e.pid, series, {}, {}});
        ChromeEvents::Counter& counter = m_out.counters[it->second];
        counter.times.push_back(t);
        counter.values.push_back(value);
    }
    m_out.earliest = std::min(m_out.earliest, t);
    m_out.latest = std::max(m_out.latest, t);
}

void ChromeEventParser::handle(const RawEvent& e)
{
    ++m_out.events;
    if (!e.threadName.empty() || !e.processName.empty()) {
        if (!e.processName.empty() && m_out.processes[e.pid].name.empty())
            m_out.processes[e.pid].name = std::string(e.processName);
        ChromeEvents::Thread& thread = m_out.threads[threadOf(e.pid, e.tid)];
        if (!e.threadName.empty() && thread.name.empty())
            thread.name = std::string(e.threadName);
    }
    if (e.ph.size() != 1) {
        ++m_out.unknownPhases[std::string(e.ph.empty() ? "(none)" : e.ph)];
        return;
    }
    const char phase = e.ph[0];
    if (phase == 'M') {
        metadata(e);
        return;
    }
    if (std::isnan(e.ts)) {
        ++m_out.unknownPhases[std::string(e.ph) + " without ts"];
        return;
    }
    const std::int64_t t = toNs(e.ts);
    // Flow v1 ids are scoped by category; v2 bind_ids are global.
    auto flowPoint = [&](std::string key, std::int64_t at, std::uint32_t thread,
                         std::uint8_t step) {
        m_out.flows.push_back(ChromeEvents::FlowPoint{std::move(key), at, thread, step,
                                                      m_out.strings.intern(e.name)});
    };
    auto bindFlows = [&](std::uint32_t thread, std::int64_t start, std::int64_t end) {
        if (e.bindId.empty())
            return;
        const std::string key = "bind/" + std::string(e.bindId);
        if (e.flowOut)
            flowPoint(key, end, thread, 0);
        if (e.flowIn)
            flowPoint(key, start, thread, 2);
    };
    switch (phase) {
    case 'X': {
        const std::uint32_t thread = threadOf(e.pid, e.tid);
        const std::int64_t end = std::isnan(e.dur) ? t : std::max(t, toNs(e.ts + e.dur));
        m_out.threads[thread].slices.push_back(
            ChromeEvents::Slice{t, end, m_out.strings.intern(e.name),
                                m_out.strings.intern(e.category), m_out.strings.intern(e.args)});
        note(thread, t);
        note(thread, end);
        bindFlows(thread, t, end);
        return;
    }
    case 'B': {
        const std::uint32_t thread = threadOf(e.pid, e.tid);
        m_out.threads[thread].open.push_back(ChromeEvents::Slice{t, t, m_out.strings.intern(e.name),
                                                                 m_out.strings.intern(e.category),
                                                                 m_out.strings.intern(e.args)});
        note(thread, t);
        bindFlows(thread, t, t);
        return;
    }
    case 'E': {
        const std::uint32_t thread = threadOf(e.pid, e.tid);
        ChromeEvents::Thread& th = m_out.threads[thread];
        note(thread, t);
        if (th.open.empty()) {
            ++th.orphanEnds;
            return;
        }
        ChromeEvents::Slice slice = th.open.back();
        th.open.pop_back();
        slice.end = std::max(slice.start, t);
        th.slices.push_back(slice);
        return;
    }
    case 'i':
    case 'I':
    case 'R': {
        const std::uint32_t thread = threadOf(e.pid, e.tid);
        m_out.threads[thread].instants.push_back(
            ChromeEvents::Instant{t, m_out.strings.intern(e.name), m_out.strings.intern(e.category),
                                  m_out.strings.intern(e.args)});
        note(thread, t);
        return;
    }
    case 'C': counter(e, t); return;
    case 'b':
    case 'e':
    case 'n': {
        if (e.id.empty()) {
            ++m_out.unknownPhases[std::string(e.ph) + " without id"];
            return;
        }
        m_out.asyncs.push_back(
            ChromeEvents::AsyncPoint{e.pid, t, std::string(e.category) + "/" + std::string(e.id),
                                     m_out.strings.intern(e.name), m_out.strings.intern(e.category),
                                     m_out.strings.intern(e.args), phase});
        m_out.earliest = std::min(m_out.earliest, t);
        m_out.latest = std::max(m_out.latest, t);
        return;
    }
    case 's':
    case 't':
    case 'f': {
        if (e.id.empty()) {
            ++m_out.unknownPhases[std::string(e.ph) + " without id"];
            return;
        }
        const std::uint32_t thread = threadOf(e.pid, e.tid);
        flowPoint(std::string(e.category) + "/" + std::string(e.id), t, thread,
                  phase == 's'   ? 0
                  : phase == 't' ? 1
                                 : 2);
        note(thread, t);
        return;
    }
    default: ++m_out.unknownPhases[std::string(e.ph)]; return;
    }
}

void ChromeEventParser::readEvents(ondemand::array events, ondemand::document& document)
{
    std::size_t count = 0;
    for (auto element : events) {
        // A value that is not an object is skipped and counted; bytes that are not JSON at
        // all (a file of NULs after its "[") are no trace.
        ondemand::value value;
        ondemand::json_type type{};
        if (const auto error = element.get(value); error != simdjson::SUCCESS)
            throw FormatError(std::string("not valid JSON: ") + simdjson::error_message(error));
        if (const auto error = value.type().get(type); error != simdjson::SUCCESS)
            throw FormatError("not valid JSON: an element of the event list is not a JSON value");
        ondemand::object object;
        const auto error = value.get_object().get(object);
        if (error == simdjson::INCORRECT_TYPE) {
            ++m_out.unknownPhases["(not an object)"];
        } else if (error != simdjson::SUCCESS) {
            throw FormatError(std::string("not valid JSON: ") + simdjson::error_message(error));
        } else {
            handle(readEvent(object));
        }
        if (++count % 65536 == 0) {
            const auto at = document.current_location();
            if (!at.error())
                m_progress.report(double(at.value_unsafe() - m_region.data()) /
                                  double(m_region.size()));
        }
    }
}

void ChromeEventParser::readOtherData(ondemand::object other)
{
    for (auto field : other) {
        const std::string key(std::string_view(field.unescaped_key()));
        ondemand::value value = field.value();
        switch (value.type()) {
        case ondemand::json_type::string:
            m_out.otherData.emplace_back(key, std::string(std::string_view(value.get_string())));
            break;
        case ondemand::json_type::number:
        case ondemand::json_type::boolean:
            m_out.otherData.emplace_back(key, std::string(value.raw_json_token()));
            break;
        case ondemand::json_type::array:
            if (key != "workers")
                break;
            for (auto item : value.get_array()) {
                ChromeEvents::Worker worker;
                for (auto f : item.get_object()) {
                    const std::string_view k = f.unescaped_key();
                    ondemand::value v = f.value();
                    if (k == "id")
                        worker.id = v.get_int64();
                    else if (k == "pid")
                        worker.pid = v.get_int64();
                    else if (k == "tid")
                        worker.tid = v.get_int64();
                    else if (k == "name")
                        worker.name = std::string(std::string_view(v.get_string()));
                    else if (k == "kind")
                        worker.kind = std::string(std::string_view(v.get_string()));
                    else if (k == "role")
                        worker.role = std::string(std::string_view(v.get_string()));
                    else if (k == "fate")
                        worker.fate = std::string(std::string_view(v.get_string()));
                }
                m_out.workers.push_back(std::move(worker));
            }
            break;
        default: break;
        }
    }
}

} // namespace interleave
