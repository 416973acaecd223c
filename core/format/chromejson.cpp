#include "format/chromejson.h"

#include "format/atomicfile.h"
#include "format/jsonwriter.h"
#include "trace/analysis.h"
#include "trace/tracestore.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <unistd.h>

namespace interleave {

namespace {

/// Microseconds since the run started, the unit of the format.
double micros(const TraceStore& trace, std::uint64_t t)
{
    return t >= trace.run.startNs ? double(t - trace.run.startNs) / 1000.0
                                  : -double(trace.run.startNs - t) / 1000.0;
}

/// A lane's pid and tid; made up (and distinct) when the trace does not know them.
struct Ids {
    std::int64_t pid;
    std::int64_t tid;
};

Ids idsOf(const TraceStore& trace, const Lane& lane)
{
    const std::int64_t fallbackPid =
        trace.laneCount() > 0 && trace.lane(0).info.pid > 0 ? trace.lane(0).info.pid : 1;
    const WorkerInfo& info = lane.info;
    const std::int64_t pid = info.pid > 0                       ? info.pid
                             : info.kind == WorkerKind::Process ? 1'000'000 + info.id
                                                                : fallbackPid;
    const std::int64_t tid = info.tid > 0 ? info.tid : 2'000'000 + info.id;
    return {pid, tid};
}

void writeMetadata(const TraceStore& trace, JsonWriter& json,
                   std::map<std::int64_t, std::string>& processes)
{
    for (std::size_t i = 0; i < trace.laneCount(); ++i) {
        const Lane& lane = trace.lane(i);
        const Ids ids = idsOf(trace, lane);
        if (const ProcessInfo* imported = trace.process(std::int32_t(ids.pid));
            imported && !processes.count(ids.pid)) {
            processes[ids.pid] = imported->name;
        } else if (!processes.count(ids.pid)) {
            processes[ids.pid] = lane.info.kind == WorkerKind::Process
                                     ? lane.info.name + " (pid " + std::to_string(ids.pid) + ")"
                                     : "MainProcess (pid " + std::to_string(ids.pid) + ")";
        }
        json.beginObject()
            .field("ph", "M")
            .field("name", "thread_name")
            .field("pid", ids.pid)
            .field("tid", ids.tid)
            .key("args")
            .beginObject()
            .field("name", lane.info.name)
            .endObject()
            .endObject();
        json.beginObject()
            .field("ph", "M")
            .field("name", "thread_sort_index")
            .field("pid", ids.pid)
            .field("tid", ids.tid)
            .key("args")
            .beginObject()
            .field("sort_index", trace.run.importedFrom.empty() ? std::int64_t(lane.info.id)
                                                                : lane.info.sortIndex)
            .endObject()
            .endObject();
    }
    std::int64_t order = 0;
    for (const auto& [pid, name] : processes) {
        ++order;
        json.beginObject()
            .field("ph", "M")
            .field("name", "process_name")
            .field("pid", pid)
            .key("args")
            .beginObject()
            .field("name", name)
            .endObject()
            .endObject();
        json.beginObject()
            .field("ph", "M")
            .field("name", "process_sort_index")
            .field("pid", pid)
            .key("args")
            .beginObject()
            .field("sort_index", trace.process(std::int32_t(pid)) != nullptr
                                     ? trace.process(std::int32_t(pid))->sortIndex
                                     : order)
            .endObject()
            .endObject();
    }
}

void writeSpans(const TraceStore& trace, JsonWriter& json)
{
    for (std::size_t i = 0; i < trace.laneCount(); ++i) {
        const Lane& lane = trace.lane(i);
        const Ids ids = idsOf(trace, lane);
        for (const StateSpan& span : lane.spans) {
            json.beginObject()
                .field("ph", "X")
                .field("cat", "state")
                .field("name", laneStateName(span.state))
                .field("pid", ids.pid)
                .field("tid", ids.tid)
                .field("ts", micros(trace, span.start))
                .field("dur", double(span.duration()) / 1000.0);
            const ObjectInfo* object = trace.object(span.object);
            const bool waitsOnObject = span.state == LaneState::LockWait ||
                                       span.state == LaneState::GilWait ||
                                       span.state == LaneState::QueueWait;
            if ((waitsOnObject && object) || span.related != kNoWorker) {
                json.key("args").beginObject();
                if (waitsOnObject && object)
                    json.field("object", object->name);
                if (span.related != kNoWorker && span.related < trace.laneCount())
                    json.field("joining", trace.lane(span.related).info.name);
                json.endObject();
            }
            json.endObject();
        }
    }
}

/// An imported trace's slices go back out as complete events with their names and args.
void writeSlices(const TraceStore& trace, JsonWriter& json)
{
    for (std::size_t i = 0; i < trace.laneCount(); ++i) {
        const Lane& lane = trace.lane(i);
        const Ids ids = idsOf(trace, lane);
        for (int depth = 0; depth < lane.slices.depth(); ++depth) {
            for (const Slice& slice : lane.slices.row(depth)) {
                json.beginObject()
                    .field("ph", "X")
                    .field("cat", trace.string(slice.category))
                    .field("name", trace.string(slice.name))
                    .field("pid", ids.pid)
                    .field("tid", ids.tid)
                    .field("ts", micros(trace, slice.start))
                    .field("dur", double(slice.duration()) / 1000.0);
                if (slice.args != 0)
                    json.key("args").rawValue(trace.string(slice.args));
                json.endObject();
            }
        }
        lane.events.forEach(0, lane.events.size(), lane.info.id, [&](const Event& e) {
            if (e.kind != EventKind::Instant)
                return;
            json.beginObject()
                .field("ph", "i")
                .field("s", "t")
                .field("name", trace.string(std::uint32_t(e.a)))
                .field("pid", ids.pid)
                .field("tid", ids.tid)
                .field("ts", micros(trace, e.tNs));
            if (e.b != 0)
                json.key("args").rawValue(trace.string(std::uint32_t(e.b)));
            json.endObject();
        });
    }
}

/// An imported trace's flow arrows, as s/f pairs.
void writeFlows(const TraceStore& trace, JsonWriter& json)
{
    std::uint64_t id = 1'000'000'000;
    for (const Flow& flow : trace.flows) {
        const Ids from = idsOf(trace, trace.lane(flow.fromLane));
        const Ids to = idsOf(trace, trace.lane(flow.toLane));
        for (const auto& [phase, ids, t] :
             {std::tuple{"s", from, flow.fromTime}, std::tuple{"f", to, flow.toTime}}) {
            json.beginObject()
                .field("ph", phase)
                .field("cat", "flow")
                .field("name", trace.string(flow.name))
                .field("id", id)
                .field("pid", ids.pid)
                .field("tid", ids.tid)
                .field("ts", micros(trace, t));
            if (phase[0] == 'f')
                json.field("bp", "e");
            json.endObject();
        }
        ++id;
    }
}

void writePrints(const TraceStore& trace, JsonWriter& json)
{
    for (const OutputLine& line : outputLines(trace)) {
        const Ids ids = idsOf(trace, trace.lane(line.worker));
        json.beginObject()
            .field("ph", "i")
            .field("s", "t")
            .field("cat", "print")
            .field("name", line.text)
            .field("pid", ids.pid)
            .field("tid", ids.tid)
            .field("ts", micros(trace, line.t))
            .key("args")
            .beginObject()
            .field("text", line.text)
            .field("stderr", line.error)
            .endObject()
            .endObject();
    }
}

void writeCounters(const TraceStore& trace, JsonWriter& json)
{
    const std::int64_t pid = trace.laneCount() > 0 ? idsOf(trace, trace.lane(0)).pid : 1;
    for (const CounterSeries& series : trace.counters()) {
        const bool depth = series.kind == CounterKind::QueueDepth;
        const bool custom = series.kind == CounterKind::Custom;
        const std::string name = depth    ? "queue depth: " + series.name
                                 : custom ? series.name
                                          : series.name + " utilisation %";
        for (std::size_t k = 0; k < series.times.size(); ++k) {
            json.beginObject()
                .field("ph", "C")
                .field("name", name)
                .field("pid", pid)
                .field("ts", micros(trace, series.times[k]))
                .key("args")
                .beginObject();
            if (depth)
                json.field("depth", series.values[k]);
            else if (custom)
                json.field("value", series.values[k]);
            else
                json.field("busy", series.values[k] * 100.0);
            json.endObject().endObject();
        }
    }
}

/// An arrow from each release to the contended acquire it let through.
void writeHandOvers(const TraceStore& trace, JsonWriter& json)
{
    struct Release {
        std::uint64_t t;
        std::uint16_t lane;
    };
    std::map<std::uint16_t, std::vector<Release>> releases; // per object, in time order
    for (std::size_t i = 0; i < trace.laneCount(); ++i) {
        const Lane& lane = trace.lane(i);
        lane.events.forEach(0, lane.events.size(), lane.info.id, [&](const Event& e) {
            if (e.kind == EventKind::LockRelease || e.kind == EventKind::GilRelease)
                releases[e.object].push_back(Release{e.tNs, e.worker});
        });
    }
    for (auto& [object, list] : releases)
        std::sort(list.begin(), list.end(),
                  [](const Release& x, const Release& y) { return x.t < y.t; });

    std::uint64_t flowId = 1;
    for (std::size_t i = 0; i < trace.laneCount(); ++i) {
        const Lane& lane = trace.lane(i);
        const Ids to = idsOf(trace, lane);
        lane.events.forEach(0, lane.events.size(), lane.info.id, [&](const Event& e) {
            const bool acquire =
                e.kind == EventKind::LockAcquire || e.kind == EventKind::GilAcquire;
            if (!acquire || (e.flags & LockContended) == 0 || e.a == 0 || e.a > trace.laneCount())
                return;
            const auto holder = std::uint16_t(e.a - 1);
            const auto it = releases.find(e.object);
            if (it == releases.end())
                return;
            // The holder's last release of this object before the acquire.
            const std::vector<Release>& list = it->second;
            auto r = std::upper_bound(list.begin(), list.end(), e.tNs,
                                      [](std::uint64_t t, const Release& x) { return t < x.t; });
            while (r != list.begin()) {
                --r;
                if (r->lane == holder)
                    break;
            }
            if (r == list.end() || r->lane != holder || r->t > e.tNs)
                return;
            const Ids from = idsOf(trace, trace.lane(holder));
            const char* category = e.kind == EventKind::GilAcquire ? "gil" : "lock";
            const ObjectInfo* object = trace.object(e.object);
            const std::string name = std::string(category) + " hand-over" +
                                     (object ? ": " + object->name : std::string());
            json.beginObject()
                .field("ph", "s")
                .field("cat", category)
                .field("name", name)
                .field("id", flowId)
                .field("pid", from.pid)
                .field("tid", from.tid)
                .field("ts", micros(trace, r->t))
                .endObject();
            json.beginObject()
                .field("ph", "f")
                .field("bp", "e")
                .field("cat", category)
                .field("name", name)
                .field("id", flowId)
                .field("pid", to.pid)
                .field("tid", to.tid)
                .field("ts", micros(trace, e.tNs))
                .endObject();
            ++flowId;
        });
    }
}

} // namespace

void writeChromeJson(const TraceStore& trace, std::ostream& out)
{
    JsonWriter json(out);
    json.beginObject();
    json.key("traceEvents").beginArray();
    std::map<std::int64_t, std::string> processes;
    writeMetadata(trace, json, processes);
    writeSpans(trace, json);
    writeSlices(trace, json);
    writePrints(trace, json);
    writeCounters(trace, json);
    writeHandOvers(trace, json);
    writeFlows(trace, json);
    json.endArray();
    json.field("displayTimeUnit", "ms");
    json.key("otherData").beginObject();
    json.field("generator", "Interleave " + trace.run.version);
    if (!trace.run.importedFrom.empty())
        json.field("importedFrom", trace.run.importedFrom);
    json.field("scenario", trace.run.scenario);
    json.field("title", trace.run.title);
    for (const auto& [name, value] : trace.run.parameters)
        json.field("parameter." + name, value);
    json.field("outcome", trace.run.outcome);
    json.field("verdict", trace.results.verdict);
    json.field("cores", std::int64_t(trace.run.machine.cores));
    // Who each lane is, so that importing this file gives back the same lanes.
    json.key("workers").beginArray();
    for (std::size_t i = 0; i < trace.laneCount(); ++i) {
        const WorkerInfo& info = trace.lane(i).info;
        const Ids ids = idsOf(trace, trace.lane(i));
        json.beginObject()
            .field("id", std::int64_t(info.id))
            .field("name", info.name)
            .field("kind", workerKindName(info.kind))
            .field("role", info.role)
            .field("fate", workerFateName(info.fate))
            .field("pid", ids.pid)
            .field("tid", ids.tid)
            .endObject();
    }
    json.endArray();
    json.endObject();
    json.endObject();
    out << '\n';
}

void saveChromeJson(const TraceStore& trace, const std::string& path)
{
    AtomicFile file(path);
    {
        AtomicFileStream stream(file);
        writeChromeJson(trace, stream);
        stream.finish();
    }
    file.commit();
}

} // namespace interleave
