#include "format/summaryformat.h"

#include "format/jsonwriter.h"
#include "scenarios/cpuwork.h"
#include "trace/summary.h"

#include <cstdio>
#include <iomanip>
#include <sstream>

namespace interleave {

namespace {

void writeResultValue(JsonWriter& json, const ResultValue& value)
{
    std::visit([&json](const auto& v) { json.value(v); }, value);
}

std::string resultText(const ResultValue& value)
{
    std::ostringstream out;
    std::visit(
        [&out](const auto& v) {
            if constexpr (std::is_same_v<std::decay_t<decltype(v)>, bool>)
                out << (v ? "true" : "false");
            else
                out << v;
        },
        value);
    return out.str();
}

/// Left-aligns `text` in `width` columns, counting UTF-8 characters rather than bytes ("µs").
std::string pad(const std::string& text, std::size_t width)
{
    std::size_t characters = 0;
    for (const char c : text)
        characters += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return characters >= width ? text + ' ' : text + std::string(width - characters, ' ');
}

} // namespace

void writeSummaryJson(const TraceSummary& s, std::ostream& out)
{
    JsonWriter json(out, 2);
    json.beginObject();
    json.field("scenario", s.run.scenario);
    json.field("title", s.run.title);
    if (!s.run.importedFrom.empty())
        json.field("imported_from", s.run.importedFrom);
    json.key("parameters").beginObject();
    for (const auto& [name, value] : s.run.parameters)
        json.field(name, value);
    json.endObject();
    json.key("machine").beginObject();
    json.field("cores", s.run.machine.cores);
    json.field("cpu_model", s.run.machine.cpuModel);
    json.field("kernel", s.run.machine.kernel);
    json.endObject();
    json.field("recorded_by", "Interleave " + s.run.version);
    json.field("start_unix_ms", s.run.wallClockStartMs);
    json.field("duration_ns", s.run.durationNs());
    json.field("gil", s.run.gil);
    // A traced program: where its GIL states come from.
    if (const ResultValue* source = s.results.find("gil_source");
        source && std::holds_alternative<std::string>(*source))
        json.field("gil_source", std::get<std::string>(*source));
    json.field("switch_interval_us", std::uint64_t(s.run.switchIntervalUs));
    json.field("outcome", s.run.outcome);
    json.field("message", s.run.message);

    json.key("workers").beginArray();
    for (const WorkerSummary& w : s.workers) {
        json.beginObject();
        json.field("id", std::uint64_t(w.info.id));
        json.field("name", w.info.name);
        json.field("kind", workerKindName(w.info.kind));
        json.field("role", w.info.role);
        json.field("pid", std::int64_t(w.info.pid));
        json.field("tid", std::int64_t(w.info.tid));
        json.field("events", w.events);
        if (w.slices > 0) {
            json.field("slices", w.slices);
            json.field("busy_ns", w.busyNs);
        }
        json.field("fate", workerFateName(w.info.fate));
        json.field("exit_code", std::int64_t(w.info.exitCode));
        json.field("start_latency_ns", w.info.startNs > w.info.spawnNs && w.info.spawnNs > 0
                                           ? w.info.startNs - w.info.spawnNs
                                           : 0);
        json.key("state_ns").beginObject();
        for (LaneState state : kAllLaneStates)
            json.field(laneStateName(state), w.stateNs[std::size_t(state)]);
        json.endObject();
        json.endObject();
    }
    json.endArray();

    json.key("locks").beginArray();
    for (const LockSummary& l : s.locks) {
        json.beginObject();
        json.field("name", l.name);
        json.field("kind", l.kind == ObjectKind::Gil ? "gil" : "lock");
        json.field("acquisitions", l.acquisitions);
        json.field("contended", l.contended);
        json.field("wait_ns_total", l.waitNsTotal);
        json.field("wait_ns_max", l.waitNsMax);
        json.endObject();
    }
    json.endArray();

    json.key("queues").beginArray();
    for (const QueueSummary& q : s.queues) {
        json.beginObject();
        json.field("name", q.name);
        json.field("puts", q.puts);
        json.field("gets", q.gets);
        json.field("max_depth", std::uint64_t(q.maxDepth));
        json.endObject();
    }
    json.endArray();

    json.key("events").beginObject();
    json.field("total", s.eventsTotal);
    json.field("dropped", s.rings.dropped);
    json.field("ring_full_waits", s.rings.fullWaits);
    json.field("ring_stall_ns", s.rings.stallNs);
    json.field("strings_dropped", s.rings.stringsDropped);
    json.endObject();

    json.key("moments").beginArray();
    for (const Moment& m : s.moments) {
        json.beginObject();
        json.field("t_ns", m.t > s.run.startNs ? m.t - s.run.startNs : 0);
        json.field("kind", momentKindName(m.kind));
        json.field("lane", m.lane < s.workers.size() ? s.workers[m.lane].info.name : "");
        json.field("text", m.text);
        json.endObject();
    }
    json.endArray();

    json.key("cores_used").beginArray();
    for (int core : s.coresUsed)
        json.value(core);
    json.endArray();
    json.field("max_parallel_running", std::uint64_t(s.maxParallelRunning));

    json.key("results").beginObject();
    json.key("output_lines").beginArray();
    for (const OutputLine& line : s.output)
        json.value(line.text);
    json.endArray();
    for (const auto& [name, value] : s.results.values) {
        json.key(name);
        writeResultValue(json, value);
    }
    json.field("verdict", s.results.verdict);
    json.field("lesson_shown", s.results.lessonShown);
    json.endObject();
    json.endObject();
    out << '\n';
}

namespace {
/// A trace made by another tool has lanes of slices, not workers with states.
void writeImportedLanes(const TraceSummary& s, std::ostream& out)
{
    using cpuwork::formatDuration;
    out << "  imported:   from " << s.run.importedFrom << '\n';
    out << "\n  " << pad("lane", 29) << pad("pid", 9) << pad("tid", 9) << pad("slices", 9)
        << "busy\n";
    for (const WorkerSummary& w : s.workers)
        out << "  " << pad(w.info.name, 29) << pad(std::to_string(w.info.pid), 9)
            << pad(std::to_string(w.info.tid), 9) << pad(std::to_string(w.slices), 9)
            << formatDuration(w.busyNs) << '\n';
}
} // namespace

void writeSummaryText(const TraceSummary& s, std::ostream& out)
{
    using cpuwork::formatDuration;
    out << s.run.title << (s.run.scenario.empty() ? "" : " (" + s.run.scenario + ")") << '\n';
    if (!s.run.parameters.empty()) {
        out << "  parameters:";
        for (const auto& [name, value] : s.run.parameters)
            out << ' ' << name << '=' << value;
        out << '\n';
    }
    if (s.run.machine.cores > 0)
        out << "  machine:    " << s.run.machine.cores << " cores, " << s.run.machine.cpuModel
            << ", Linux " << s.run.machine.kernel << '\n';
    out << "  duration:   " << formatDuration(s.run.durationNs()) << ", outcome " << s.run.outcome
        << (s.run.message.empty() ? "" : " (" + s.run.message + ")") << '\n';
    if (s.run.importedFrom.empty())
        out << "  events:     " << s.eventsTotal << " recorded, " << s.rings.dropped << " dropped, "
            << s.rings.fullWaits << " ring-full waits\n";
    if (!s.results.verdict.empty())
        out << "  verdict:    " << s.results.verdict << '\n';

    if (!s.run.importedFrom.empty()) {
        writeImportedLanes(s, out);
        return;
    }
    out << "\n  " << pad("worker", 21) << pad("kind", 9) << pad("pid", 8) << pad("events", 8)
        << pad("running", 10) << pad("waiting", 10) << "fate\n";
    for (const WorkerSummary& w : s.workers) {
        std::uint64_t waiting = 0;
        for (LaneState state : {LaneState::Runnable, LaneState::LockWait, LaneState::GilWait,
                                LaneState::QueueWait, LaneState::Joining})
            waiting += w.stateNs[std::size_t(state)];
        out << "  " << pad(w.info.name, 21) << pad(workerKindName(w.info.kind), 9)
            << pad(std::to_string(w.info.pid), 8) << pad(std::to_string(w.events), 8)
            << pad(formatDuration(w.stateNs[std::size_t(LaneState::Running)]), 10)
            << pad(formatDuration(waiting), 10) << workerFateName(w.info.fate) << '\n';
    }
    if (!s.locks.empty()) {
        out << "\n  " << pad("lock / GIL", 21) << pad("acquisitions", 14) << pad("contended", 11)
            << pad("total wait", 12) << "max wait\n";
        std::size_t quietGils = 0;
        for (const LockSummary& l : s.locks) {
            // A process's own GIL that nobody ever waited for says nothing: count it only.
            if (l.kind == ObjectKind::Gil && l.contended == 0) {
                ++quietGils;
                continue;
            }
            out << "  " << pad(l.name, 21) << pad(std::to_string(l.acquisitions), 14)
                << pad(std::to_string(l.contended), 11) << pad(formatDuration(l.waitNsTotal), 12)
                << formatDuration(l.waitNsMax) << '\n';
        }
        if (quietGils > 0)
            out << "  (" << quietGils << (quietGils == 1 ? " GIL" : " GILs")
                << " never contended)\n";
    }
    if (!s.queues.empty()) {
        out << "\n  " << pad("queue", 21) << pad("puts", 7) << pad("gets", 7) << "max depth\n";
        for (const QueueSummary& q : s.queues)
            out << "  " << pad(q.name, 21) << pad(std::to_string(q.puts), 7)
                << pad(std::to_string(q.gets), 7) << q.maxDepth << '\n';
    }
    out << "\n  cores used: ";
    for (std::size_t i = 0; i < s.coresUsed.size(); ++i)
        out << (i ? ", " : "") << s.coresUsed[i];
    out << "; at most " << s.maxParallelRunning << " workers running at once\n";
    if (!s.results.values.empty()) {
        out << "  results:   ";
        for (const auto& [name, value] : s.results.values)
            out << ' ' << name << '=' << resultText(value);
        out << '\n';
    }
}

} // namespace interleave
