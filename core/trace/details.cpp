#include "trace/details.h"

#include "base/durationformat.h"
#include "trace/tracestore.h"

#include <algorithm>
#include <simdjson.h>

namespace interleave {

namespace {

std::string laneName(const TraceStore& trace, std::uint16_t lane)
{
    return lane < trace.laneCount() ? trace.lane(lane).info.name : "?";
}

std::string objectName(const TraceStore& trace, std::uint16_t object)
{
    const ObjectInfo* info = trace.object(object);
    return info != nullptr ? info->name : std::string();
}

std::string since(std::uint64_t t, std::uint64_t origin)
{
    return formatPrecise(t - std::min(t, origin));
}

/// The pool task running on `lane` at `t`, as a row leading to its whole run.
std::optional<DetailRow> taskAt(const TraceStore& trace, std::uint16_t lane, std::uint64_t t)
{
    const EventColumns& events = trace.lane(lane).events;
    std::size_t i = events.lowerBound(t + 1);
    // Look back a little way for the task's begin, and stop at an earlier task's end.
    for (std::size_t steps = 0; i > 0 && steps < 256; ++steps) {
        --i;
        const EventKind kind = events.kind(i);
        if (kind == EventKind::TaskEnd)
            return std::nullopt;
        if (kind != EventKind::TaskBegin)
            continue;
        const Event begin = events.at(i, lane);
        std::uint64_t end = begin.tNs;
        for (std::size_t j = i + 1; j < events.size(); ++j) {
            if (events.kind(j) == EventKind::TaskEnd) {
                end = events.time(j);
                break;
            }
        }
        return DetailRow{"pool task",
                         "task " + std::to_string(begin.a) + " (input " +
                             std::to_string(std::int64_t(begin.b)) + ") from " +
                             objectName(trace, begin.object),
                         TimelineTarget{lane, begin.tNs, end}};
    }
    return std::nullopt;
}

void addHandOver(Details& details, const TraceStore& trace, const HandOver& h, const char* field,
                 std::uint64_t origin, bool towardsSource)
{
    const std::uint16_t lane = towardsSource ? h.fromLane : h.toLane;
    const std::uint64_t t = towardsSource ? h.fromTime : h.toTime;
    details.rows.push_back(DetailRow{field, describeHandOver(trace, h) + " at " + since(t, origin),
                                     TimelineTarget{lane, t, t}});
}

std::string jsonValue(simdjson::dom::element value)
{
    switch (value.type()) {
    case simdjson::dom::element_type::STRING: return std::string(std::string_view(value));
    case simdjson::dom::element_type::BOOL: return bool(value) ? "true" : "false";
    case simdjson::dom::element_type::NULL_VALUE: return "null";
    default: return simdjson::minify(value);
    }
}

void flatten(simdjson::dom::element value, const std::string& prefix,
             std::vector<std::pair<std::string, std::string>>& out)
{
    if (out.size() >= 64)
        return; // a tooltip, not a dump
    if (value.type() == simdjson::dom::element_type::OBJECT) {
        for (auto field : simdjson::dom::object(value))
            flatten(field.value,
                    prefix.empty() ? std::string(field.key) : prefix + "." + std::string(field.key),
                    out);
        return;
    }
    out.emplace_back(prefix, jsonValue(value));
}

} // namespace

TimelineTarget TimelineItem::target(const TraceStore& trace) const
{
    switch (kind) {
    case Kind::None: break;
    case Kind::Span: return TimelineTarget{lane, span.start, span.end};
    case Kind::Event: {
        const std::uint64_t t = trace.lane(lane).events.time(index);
        return TimelineTarget{lane, t, t};
    }
    case Kind::Slice: {
        const Slice& slice = trace.lane(lane).slices.row(depth)[index];
        return TimelineTarget{lane, slice.start, slice.end};
    }
    }
    return {};
}

Details describe(const TraceStore& trace, const TimelineItem& item, std::uint64_t origin)
{
    if (item.lane >= trace.laneCount())
        return {};
    switch (item.kind) {
    case TimelineItem::Kind::None: break;
    case TimelineItem::Kind::Span: return describeSpan(trace, item.lane, item.span, origin);
    case TimelineItem::Kind::Event:
        if (item.index < trace.lane(item.lane).events.size())
            return describeEvent(trace, item.lane, item.index, origin);
        break;
    case TimelineItem::Kind::Slice:
        if (item.depth >= 0 && item.depth < trace.lane(item.lane).slices.depth() &&
            item.index < trace.lane(item.lane).slices.row(item.depth).size())
            return describeSlice(trace, item.lane, item.depth, item.index, origin);
        break;
    }
    return {};
}

std::string Details::text() const
{
    std::string out = title + "\n" + summary + "\n";
    for (const DetailRow& row : rows)
        out += row.field + ": " + row.value + "\n";
    return out;
}

std::string describeHandOver(const TraceStore& trace, const HandOver& h)
{
    const std::string object = objectName(trace, h.object);
    switch (h.kind) {
    case HandOver::Kind::Lock: return laneName(trace, h.fromLane) + " released " + object;
    case HandOver::Kind::Gil: return laneName(trace, h.fromLane) + " handed over the GIL";
    case HandOver::Kind::Queue:
        return "item " + std::to_string(h.sequence) + " (" + std::to_string(h.value) + ") put by " +
               laneName(trace, h.fromLane);
    case HandOver::Kind::Pipe:
        return "message " + std::to_string(h.sequence) + " sent by " + laneName(trace, h.fromLane);
    }
    return {};
}

Details describeSpan(const TraceStore& trace, std::uint16_t lane, const StateSpan& span,
                     std::uint64_t origin)
{
    Details d;
    d.title = std::string(laneStateLabel(span.state));
    d.summary = laneName(trace, lane) + " · " + since(span.start, origin) + " → " +
                since(span.end, origin) + " (" + formatPrecise(span.duration()) + ")";
    d.rows.push_back({"state", d.title, std::nullopt, true});
    d.rows.push_back({"lane", laneName(trace, lane), std::nullopt, true});
    d.rows.push_back({"start", since(span.start, origin), std::nullopt, true});
    d.rows.push_back({"end", since(span.end, origin), std::nullopt, true});
    d.rows.push_back({"duration", formatPrecise(span.duration()), std::nullopt, true});
    const bool waits = span.state == LaneState::LockWait || span.state == LaneState::QueueWait ||
                       span.state == LaneState::GilWait;
    if (waits && trace.object(span.object) != nullptr) {
        const ObjectInfo& object = *trace.object(span.object);
        d.title += " · " + object.name;
        d.rows.push_back({objectKindName(object.kind), object.name, std::nullopt});
    }
    if (span.related != kNoWorker && span.related < trace.laneCount()) {
        const WorkerInfo& joined = trace.lane(span.related).info;
        d.rows.push_back(
            {"joining", joined.name, TimelineTarget{span.related, joined.startNs, joined.endNs}});
    }
    if (const auto h = handOverForWait(trace, lane, span))
        addHandOver(d, trace, *h, "ended when", origin, true);
    if (auto task = taskAt(trace, lane, span.start))
        d.rows.push_back(std::move(*task));
    return d;
}

Details describeEvent(const TraceStore& trace, std::uint16_t lane, std::size_t index,
                      std::uint64_t origin)
{
    const Event e = trace.lane(lane).events.at(index, lane);
    const std::string object = objectName(trace, e.object);
    Details d;
    d.title = eventKindName(e.kind);
    switch (e.kind) {
    case EventKind::Print:
        d.title = "print";
        d.rows.push_back({"text", trace.string(std::uint32_t(e.a)), std::nullopt});
        break;
    case EventKind::Instant:
    case EventKind::Mark: d.title = trace.string(std::uint32_t(e.a)); break;
    case EventKind::QueuePut:
    case EventKind::QueueGet:
        d.title = std::string(e.kind == EventKind::QueuePut ? "put " : "get ") + object;
        d.rows.push_back({"item", std::to_string(queueSequence(e.a)), std::nullopt});
        d.rows.push_back({"value", std::to_string(std::int64_t(e.b)), std::nullopt});
        d.rows.push_back({"depth after", std::to_string(queueDepth(e.a)), std::nullopt});
        break;
    case EventKind::PipeSend:
    case EventKind::PipeRecv:
        d.title = std::string(e.kind == EventKind::PipeSend ? "send " : "recv ") + object;
        d.rows.push_back({"message", std::to_string(e.a), std::nullopt});
        d.rows.push_back({"bytes", std::to_string(e.b), std::nullopt});
        break;
    case EventKind::ValueRead:
    case EventKind::ValueWrite:
        d.title = std::string(e.kind == EventKind::ValueRead ? "read " : "write ") + object;
        d.rows.push_back({"value", std::to_string(std::int64_t(e.b)), std::nullopt});
        break;
    case EventKind::LockAcquire:
    case EventKind::GilAcquire:
        d.title = "acquire " + object;
        d.rows.push_back({"had to wait", (e.flags & LockContended) ? "yes" : "no", std::nullopt});
        break;
    case EventKind::LockRelease: d.title = "release " + object; break;
    case EventKind::LockGiveUp: d.title = "gave up on " + object; break;
    case EventKind::TaskBegin:
        d.title = "task " + std::to_string(e.a);
        d.rows.push_back({"input", std::to_string(std::int64_t(e.b)), std::nullopt});
        break;
    default: break;
    }
    d.summary =
        laneName(trace, lane) + " at " + since(e.tNs, origin) + " on CPU " + std::to_string(e.cpu);
    d.rows.insert(d.rows.begin(), {DetailRow{"lane", laneName(trace, lane), std::nullopt, true},
                                   DetailRow{"time", since(e.tNs, origin), std::nullopt, true},
                                   DetailRow{"CPU", std::to_string(e.cpu), std::nullopt, true}});
    if (const auto h = handOverForEvent(trace, lane, index)) {
        // The other end: for a get its put, for a put the get that took it, and so on.
        const bool source = h->toLane == lane && h->toTime == e.tNs;
        addHandOver(d, trace, *h, source ? "came from" : "went to", origin, source);
    }
    return d;
}

Details describeSlice(const TraceStore& trace, std::uint16_t lane, int depth, std::size_t index,
                      std::uint64_t origin)
{
    const Slice& slice = trace.lane(lane).slices.row(depth)[index];
    Details d;
    d.title = trace.string(slice.name);
    d.summary = laneName(trace, lane) + " · " + formatPrecise(slice.duration()) + " from " +
                since(slice.start, origin);
    d.rows.push_back({"name", d.title, std::nullopt, true});
    d.rows.push_back({"lane", laneName(trace, lane), std::nullopt, true});
    d.rows.push_back({"start", since(slice.start, origin), std::nullopt, true});
    d.rows.push_back({"duration", formatPrecise(slice.duration()), std::nullopt, true});
    d.rows.push_back({"depth", std::to_string(depth), std::nullopt});
    if (slice.category != 0 && !trace.string(slice.category).empty())
        d.rows.push_back({"category", trace.string(slice.category), std::nullopt});
    for (auto& [key, value] : flattenArgs(trace.string(slice.args)))
        d.rows.push_back({key.empty() ? "args" : "args." + key, value, std::nullopt});
    return d;
}

std::vector<std::pair<std::string, std::string>> flattenArgs(const std::string& json)
{
    std::vector<std::pair<std::string, std::string>> out;
    if (json.empty() || json == "{}")
        return out;
    simdjson::dom::parser parser;
    simdjson::dom::element root;
    if (parser.parse(json).get(root) != simdjson::SUCCESS)
        return {{"", json.substr(0, 200)}};
    flatten(root, "", out);
    return out;
}

} // namespace interleave
