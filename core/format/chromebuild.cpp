#include "format/chromebuild.h"

#include "base/errors.h"
#include "format/chromeevents.h"
#include "trace/tracestore.h"

#include <algorithm>
#include <charconv>
#include <numeric>
#include <set>

namespace interleave {

namespace {

/// How the pieces of a file map onto the trace: plain Chrome, or Interleave's own export.
struct Build {
    ChromeEvents& in;
    TraceStore& trace;
    std::int64_t shift = 0; ///< Added to every time so the earliest is 0.
    bool interleave = false;
    std::vector<std::uint32_t> laneOfThread; ///< thread index -> lane id
    std::map<std::string, std::uint16_t> objects;
    std::uint64_t asyncUnclosed = 0;  ///< "b" events never ended.
    std::uint64_t asyncUnmatched = 0; ///< "e" events that found no "b".

    std::uint64_t at(std::int64_t t) const { return std::uint64_t(t + shift); }
    std::uint16_t objectNamed(const std::string& name, ObjectKind kind);
};

std::uint16_t Build::objectNamed(const std::string& name, ObjectKind kind)
{
    if (const auto it = objects.find(name); it != objects.end())
        return it->second;
    if (trace.objects().size() >= 0xFFFF)
        throw FormatError("trace names more than 65 534 locks, queues and GILs");
    ObjectInfo object;
    object.id = std::uint16_t(trace.objects().empty() ? 1 : trace.objects().size());
    object.kind = kind;
    object.name = name;
    trace.addObject(object);
    objects.emplace(name, object.id);
    return object.id;
}

std::string readableId(std::int64_t id)
{
    return id < 0 ? "?" : std::to_string(id);
}

/// Lanes in the order the file asks for: processes by sort index then pid, threads by sort
/// index then tid (Perfetto's order); Interleave's export by worker id.
std::vector<std::uint32_t> laneOrder(const ChromeEvents& in)
{
    std::vector<std::uint32_t> order(in.threads.size());
    std::iota(order.begin(), order.end(), 0u);
    auto processKey = [&](std::int64_t pid) {
        const auto it = in.processes.find(pid);
        const std::int64_t sort =
            it != in.processes.end() && it->second.sortIndex ? *it->second.sortIndex : 0;
        return std::pair{sort, pid};
    };
    std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
        const auto& x = in.threads[a];
        const auto& y = in.threads[b];
        if (processKey(x.pid) != processKey(y.pid))
            return processKey(x.pid) < processKey(y.pid);
        const std::int64_t sx = x.sortIndex.value_or(0), sy = y.sortIndex.value_or(0);
        if (sx != sy)
            return sx < sy;
        return x.tid < y.tid;
    });
    return order;
}

/// Depth per slice so that slices of one depth never overlap: outer slices first.
std::vector<Slice> nest(const std::vector<ChromeEvents::Slice>& in, const Build& b)
{
    std::vector<ChromeEvents::Slice> sorted = in;
    std::stable_sort(sorted.begin(), sorted.end(), [](const auto& x, const auto& y) {
        return x.start != y.start ? x.start < y.start : x.end > y.end;
    });
    std::vector<Slice> out;
    out.reserve(sorted.size());
    std::vector<std::int64_t> openEnds;
    for (const auto& s : sorted) {
        while (!openEnds.empty() && openEnds.back() <= s.start)
            openEnds.pop_back();
        const auto depth = std::uint16_t(std::min<std::size_t>(openEnds.size(), 1023));
        out.push_back(Slice{b.at(s.start), b.at(s.end), s.name, s.category, s.args, depth, 0});
        openEnds.push_back(s.end);
    }
    return out;
}

/// Rows for possibly overlapping slices (async tracks): each slice goes to the first row that
/// is free by its start.
std::vector<Slice> pack(std::vector<ChromeEvents::Slice> in, const Build& b)
{
    std::stable_sort(in.begin(), in.end(), [](const auto& x, const auto& y) {
        return x.start != y.start ? x.start < y.start : x.end > y.end;
    });
    std::vector<Slice> out;
    out.reserve(in.size());
    std::vector<std::int64_t> rowEnds;
    for (const auto& s : in) {
        std::size_t row = 0;
        while (row < rowEnds.size() && rowEnds[row] > s.start)
            ++row;
        row = std::min<std::size_t>(row, 1023);
        if (row == rowEnds.size())
            rowEnds.push_back(s.end);
        rowEnds[row] = std::max(rowEnds[row], s.end);
        out.push_back(
            Slice{b.at(s.start), b.at(s.end), s.name, s.category, s.args, std::uint16_t(row), 0});
    }
    return out;
}

/// Async events become tracks of their own under their process, one per slice name (as
/// Perfetto groups them): "b" and "e" of one category and id pair up, innermost first; "n"
/// marks a moment on the track of the slice it belongs to.
void foldAsync(ChromeEvents& in, std::uint64_t& unclosed, std::uint64_t& unmatched)
{
    std::vector<ChromeEvents::AsyncPoint>& points = in.asyncs;
    std::stable_sort(points.begin(), points.end(), [](const auto& x, const auto& y) {
        return x.pid != y.pid ? x.pid < y.pid : x.t < y.t;
    });
    std::map<std::pair<std::int64_t, std::uint32_t>, std::uint32_t> tracks;
    auto track = [&](std::int64_t pid, std::uint32_t name) -> ChromeEvents::Thread& {
        auto [it, added] = tracks.emplace(std::pair{pid, name}, 0u);
        if (added) {
            // Below every real thread of the process, in the order first met.
            it->second = in.thread(pid, -(std::int64_t(1) << 40) - std::int64_t(tracks.size()));
            ChromeEvents::Thread& made = in.threads[it->second];
            made.name = in.strings.text(name) + " (async)";
            made.sortIndex = std::int64_t(1) << 40;
            made.async = true;
        }
        return in.threads[it->second];
    };
    auto place = [&](ChromeEvents::Thread& thread, const ChromeEvents::Slice& slice) {
        thread.slices.push_back(slice);
        thread.first = std::min(thread.first, slice.start);
        thread.last = std::max(thread.last, slice.end);
    };
    std::map<std::string, std::vector<ChromeEvents::Slice>> open;
    auto closeAll = [&](std::int64_t pid) {
        for (auto& [key, stack] : open) {
            for (ChromeEvents::Slice& slice : stack) {
                slice.end = std::max(slice.start, in.latest);
                place(track(pid, slice.name), slice);
                ++unclosed;
            }
        }
        open.clear();
    };
    for (std::size_t i = 0; i < points.size(); ++i) {
        const ChromeEvents::AsyncPoint& p = points[i];
        if (i > 0 && points[i - 1].pid != p.pid)
            closeAll(points[i - 1].pid);
        std::vector<ChromeEvents::Slice>& stack = open[p.key];
        switch (p.phase) {
        case 'b': stack.push_back(ChromeEvents::Slice{p.t, p.t, p.name, p.category, p.args}); break;
        case 'e': {
            // The innermost open slice of that name; an unnamed end closes the innermost.
            auto match = stack.rbegin();
            while (match != stack.rend() && p.name != 0 && !in.strings.text(p.name).empty() &&
                   match->name != p.name)
                ++match;
            if (match == stack.rend()) {
                ++unmatched;
                break;
            }
            ChromeEvents::Slice slice = *match;
            stack.erase(std::next(match).base());
            slice.end = std::max(slice.start, p.t);
            place(track(p.pid, slice.name), slice);
            break;
        }
        default: {
            ChromeEvents::Thread& thread = track(p.pid, stack.empty() ? p.name : stack.back().name);
            thread.instants.push_back(ChromeEvents::Instant{p.t, p.name, p.category, p.args});
            thread.first = std::min(thread.first, p.t);
            thread.last = std::max(thread.last, p.t);
            break;
        }
        }
    }
    if (!points.empty())
        closeAll(points.back().pid);
    points = {};
}

void buildLanes(Build& b, std::uint64_t& unclosed)
{
    ChromeEvents& in = b.in;
    // Lane ids are 16 bit: a file with more threads than that is refused, never folded onto
    // lane 0 (which silently mixed other threads' slices into it).
    if (in.threads.size() >= kNoWorker)
        throw FormatError("trace has " + std::to_string(in.threads.size()) +
                          " threads; Interleave shows at most " + std::to_string(kNoWorker - 1));
    const std::vector<std::uint32_t> order = laneOrder(in);
    b.laneOfThread.assign(in.threads.size(), 0);
    for (std::size_t position = 0; position < order.size() && position < kNoWorker; ++position) {
        ChromeEvents::Thread& thread = in.threads[order[position]];
        // Slices still open at the end of the file last until the end of the trace.
        for (ChromeEvents::Slice& open : thread.open) {
            open.end = std::max(open.start, in.latest);
            thread.slices.push_back(open);
            ++unclosed;
        }
        thread.open.clear();
        WorkerInfo info;
        info.id = std::uint16_t(position);
        info.pid = std::int32_t(std::clamp<std::int64_t>(thread.pid, 0, INT32_MAX));
        info.tid = std::int32_t(std::clamp<std::int64_t>(thread.tid, 0, INT32_MAX));
        info.name = !thread.name.empty() ? thread.name : "Thread " + readableId(thread.tid);
        info.sortIndex = thread.sortIndex.value_or(0);
        if (thread.first <= thread.last) {
            info.startNs = info.spawnNs = b.at(thread.first);
            info.endNs = b.at(thread.last);
        }
        for (const ChromeEvents::Worker& worker : in.workers) {
            if (worker.pid == thread.pid && worker.tid == thread.tid) {
                info.name = worker.name;
                info.role = worker.role;
                info.kind = worker.kind == "process" ? WorkerKind::Process : WorkerKind::Thread;
                info.fate = worker.fate == "returned"    ? WorkerFate::Returned
                            : worker.fate == "failed"    ? WorkerFate::Failed
                            : worker.fate == "cancelled" ? WorkerFate::Cancelled
                            : worker.fate == "crashed"   ? WorkerFate::Crashed
                                                         : WorkerFate::Unknown;
            }
        }
        b.trace.addLane(info);
        b.laneOfThread[order[position]] = std::uint32_t(position);
    }
}

/// Interleave's state spans come back as states, everything else as slices.
void fillLane(Build& b, std::uint32_t threadIndex)
{
    ChromeEvents::Thread& thread = b.in.threads[threadIndex];
    const auto lane = std::uint16_t(b.laneOfThread[threadIndex]);
    if (lane >= b.trace.laneCount())
        return;
    std::vector<ChromeEvents::Slice> slices;
    if (b.interleave) {
        const std::uint32_t stateCategory = b.in.strings.intern("state");
        std::vector<ChromeEvents::Slice> states;
        for (const auto& s : thread.slices)
            (s.category == stateCategory ? states : slices).push_back(s);
        std::sort(states.begin(), states.end(),
                  [](const auto& x, const auto& y) { return x.start < y.start; });
        std::uint64_t covered = 0; // a lane is in one state at a time: overlaps are clipped
        for (const auto& s : states) {
            const auto state = laneStateFromName(b.in.strings.text(s.name));
            if (!state)
                continue;
            StateSpan span{std::max(b.at(s.start), covered), b.at(s.end), *state, 0, kNoWorker};
            if (span.end <= span.start)
                continue;
            covered = span.end;
            const std::string& args = b.in.strings.text(s.args);
            // The export writes {"object":"NAME"} or {"joining":"NAME"}; read them back.
            auto argument = [&](std::string_view key) -> std::string {
                const std::string quoted = "\"" + std::string(key) + "\":\"";
                const auto at = args.find(quoted);
                if (at == std::string::npos)
                    return {};
                const auto from = at + quoted.size();
                return args.substr(from, args.find('"', from) - from);
            };
            if (const std::string object = argument("object"); !object.empty())
                span.object =
                    b.objectNamed(object, *state == LaneState::GilWait     ? ObjectKind::Gil
                                          : *state == LaneState::QueueWait ? ObjectKind::Queue
                                                                           : ObjectKind::Mutex);
            if (const std::string joined = argument("joining"); !joined.empty()) {
                for (std::size_t i = 0; i < b.trace.laneCount(); ++i) {
                    if (b.trace.lane(i).info.name == joined)
                        span.related = std::uint16_t(i);
                }
            }
            b.trace.lane(lane).spans.push_back(span);
        }
    } else {
        slices = std::move(thread.slices);
    }
    b.trace.lane(lane).slices.assign(thread.async ? pack(std::move(slices), b) : nest(slices, b));
    thread.slices = {};

    // Instants (and Interleave's printed lines) become the lane's events, in time order.
    std::stable_sort(thread.instants.begin(), thread.instants.end(),
                     [](const auto& x, const auto& y) { return x.t < y.t; });
    const std::uint32_t printCategory = b.interleave ? b.in.strings.intern("print") : ~0u;
    for (const auto& instant : thread.instants) {
        Event e{};
        e.tNs = b.at(instant.t);
        e.worker = lane;
        e.kind = instant.category == printCategory ? EventKind::Print : EventKind::Instant;
        e.a = instant.name;
        e.b = e.kind == EventKind::Instant ? instant.args : 0;
        b.trace.loadEvent(e);
    }
}

void buildCounters(Build& b)
{
    std::vector<CounterSeries> counters;
    for (ChromeEvents::Counter& in : b.in.counters) {
        CounterSeries series;
        series.kind = CounterKind::Custom;
        series.key = std::uint16_t(counters.size());
        double scale = 1.0;
        const std::string queuePrefix = "queue depth: ";
        const std::string utilisationSuffix = " utilisation %";
        if (b.interleave && in.name.rfind(queuePrefix, 0) == 0) {
            series.kind = CounterKind::QueueDepth;
            series.name = in.name.substr(queuePrefix.size());
            series.key = b.objectNamed(series.name, ObjectKind::Queue);
        } else if (b.interleave && in.name.size() > utilisationSuffix.size() &&
                   in.name.ends_with(utilisationSuffix)) {
            series.kind = CounterKind::CoreUtilisation;
            series.name = in.name.substr(0, in.name.size() - utilisationSuffix.size());
            unsigned core = 0;
            const auto space = series.name.rfind(' ');
            if (space != std::string::npos)
                std::from_chars(series.name.data() + space + 1,
                                series.name.data() + series.name.size(), core);
            series.key = std::uint16_t(core);
            scale = 0.01;
        } else {
            const auto process = b.in.processes.find(in.pid);
            const std::string owner =
                process != b.in.processes.end() && !process->second.name.empty()
                    ? process->second.name
                    : "pid " + readableId(in.pid);
            series.name = owner + ": " + in.name;
        }
        std::vector<std::size_t> order(in.times.size());
        std::iota(order.begin(), order.end(), 0u);
        std::stable_sort(order.begin(), order.end(),
                         [&](std::size_t x, std::size_t y) { return in.times[x] < in.times[y]; });
        for (std::size_t i : order)
            series.append(b.at(in.times[i]), in.values[i] * scale);
        series.sort();
        counters.push_back(std::move(series));
    }
    b.trace.loadCounters(std::move(counters));
}

/// s -> t -> ... -> f points of one id become arrows between consecutive points.
void buildFlows(Build& b)
{
    std::vector<ChromeEvents::FlowPoint>& points = b.in.flows;
    std::stable_sort(points.begin(), points.end(), [](const auto& x, const auto& y) {
        if (x.id != y.id)
            return x.id < y.id;
        return x.t != y.t ? x.t < y.t : x.step < y.step;
    });
    for (std::size_t i = 0; i + 1 < points.size(); ++i) {
        const auto& from = points[i];
        const auto& to = points[i + 1];
        if (from.id != to.id || from.step == 2)
            continue;
        const std::uint32_t fromLane = b.laneOfThread[from.thread];
        const std::uint32_t toLane = b.laneOfThread[to.thread];
        if (fromLane >= b.trace.laneCount() || toLane >= b.trace.laneCount())
            continue;
        b.trace.flows.push_back(Flow{b.at(from.t), b.at(to.t), std::uint16_t(fromLane),
                                     std::uint16_t(toLane), from.name ? from.name : to.name});
    }
}

void buildProcesses(Build& b)
{
    std::set<std::int64_t> pids;
    for (const ChromeEvents::Thread& thread : b.in.threads)
        pids.insert(thread.pid);
    for (const auto& [pid, process] : b.in.processes)
        pids.insert(pid);
    for (std::int64_t pid : pids) {
        const auto it = b.in.processes.find(pid);
        ProcessInfo info;
        info.pid = std::int32_t(std::clamp<std::int64_t>(pid, 0, INT32_MAX));
        if (it != b.in.processes.end()) {
            info.name = it->second.name;
            info.sortIndex = it->second.sortIndex.value_or(0);
        }
        if (info.name.empty())
            info.name = "Process " + readableId(pid);
        if (b.trace.process(info.pid) == nullptr)
            b.trace.processes.push_back(std::move(info));
    }
}

void buildRunInfo(Build& b, const std::string& title, std::uint64_t unclosed)
{
    RunInfo& run = b.trace.run;
    const ChromeEvents& in = b.in;
    run.title = title;
    run.startNs = 0;
    run.endNs = in.latest >= in.earliest ? b.at(in.latest) : 0;
    run.gil = false;
    if (b.interleave) {
        run.startNs = std::uint64_t(b.shift); // the export's time 0 is the run's start
        const std::string generator = in.other("generator");
        const std::string prefix = "Interleave ";
        run.version = generator.rfind(prefix, 0) == 0 ? generator.substr(prefix.size()) : "";
        run.scenario = in.other("scenario");
        if (!in.other("title").empty())
            run.title = in.other("title");
        run.outcome = in.other("outcome").empty() ? "completed" : in.other("outcome");
        b.trace.results.verdict = in.other("verdict");
        for (const auto& [key, value] : in.otherData) {
            if (key.rfind("parameter.", 0) == 0)
                run.parameters.emplace_back(key.substr(10), value);
        }
        const std::string cores = in.other("cores");
        std::from_chars(cores.data(), cores.data() + cores.size(), run.machine.cores);
    } else {
        run.importedFrom = "Chrome JSON";
        run.outcome = "imported";
    }
    // What was read, and what was not: unknown phases are reported, never fatal.
    std::string message = "imported " + std::to_string(in.events) + " events";
    if (!in.unknownPhases.empty()) {
        std::uint64_t skipped = 0;
        std::string kinds;
        for (const auto& [phase, count] : in.unknownPhases) {
            skipped += count;
            kinds += (kinds.empty() ? "" : ", ") + std::to_string(count) + " × \"" + phase + "\"";
        }
        message += "; skipped " + std::to_string(skipped) + (skipped == 1 ? " event" : " events") +
                   " of unsupported phases (" + kinds + ")";
    }
    std::uint64_t unmatchedEnds = 0;
    for (const ChromeEvents::Thread& thread : in.threads)
        unmatchedEnds += thread.orphanEnds;
    // In words: "5 e without a b" is no sentence for a lecturer.
    const auto count = [](std::uint64_t n, const char* one, const char* many) {
        return std::to_string(n) + " " + (n == 1 ? one : many);
    };
    if (unmatchedEnds > 0)
        message +=
            "; " + count(unmatchedEnds, "end (\"E\") had no begin", "ends (\"E\") had no begin");
    if (unclosed > 0)
        message +=
            "; " + count(unclosed, "begin (\"B\") never ended", "begins (\"B\") never ended");
    if (b.asyncUnmatched > 0)
        message += "; " + count(b.asyncUnmatched, "async end (\"e\") had no begin",
                                "async ends (\"e\") had no begin");
    if (b.asyncUnclosed > 0)
        message += "; " + count(b.asyncUnclosed, "async begin (\"b\") never ended",
                                "async begins (\"b\") never ended");
    run.message = message;
}

} // namespace

std::shared_ptr<TraceStore> buildChromeTrace(ChromeEvents&& events, const std::string& title,
                                             const Progress& progress)
{
    auto trace = std::make_shared<TraceStore>();
    Build b{events, *trace, 0, false, {}, {}};
    // Interleave's own recordings come back as runs; traces it once imported stay foreign.
    b.interleave = events.other("generator").rfind("Interleave", 0) == 0 &&
                   events.other("importedFrom").empty();
    if (events.earliest <= events.latest)
        b.shift = -events.earliest;
    if (b.interleave) // keep the run's time 0 at or after the earliest event
        b.shift = std::max<std::int64_t>(b.shift, 0);
    ObjectInfo none;
    trace->addObject(none);
    std::uint64_t unclosed = 0;
    foldAsync(events, b.asyncUnclosed, b.asyncUnmatched);
    buildLanes(b, unclosed);
    progress.report(0.1);
    for (std::uint32_t i = 0; i < events.threads.size(); ++i) {
        if (i % 64 == 0)
            progress.report(0.1 + 0.7 * double(i) / double(events.threads.size()));
        fillLane(b, i);
    }
    buildCounters(b);
    buildFlows(b);
    if (!b.interleave)
        buildProcesses(b);
    buildRunInfo(b, title, unclosed);
    trace->loadStrings(events.strings.take());
    trace->finishLoading(trace->eventCount(), trace->run.endNs);
    progress.report(1.0);
    return trace;
}

} // namespace interleave
