#include "trace/analysis.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

namespace interleave {

namespace {

/// +1 at each start, -1 at each end; ends sort before starts at the same instant so that
/// back-to-back intervals do not count as overlapping.
std::vector<std::pair<std::uint64_t, int>> edges(const std::vector<std::vector<Interval>>& lists)
{
    std::vector<std::pair<std::uint64_t, int>> out;
    for (const auto& list : lists) {
        for (const Interval& i : list) {
            if (i.end > i.start) {
                out.emplace_back(i.start, +1);
                out.emplace_back(i.end, -1);
            }
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace

std::vector<Interval> computeIntervals(const Lane& lane)
{
    std::vector<Interval> out;
    std::uint64_t begin = 0;
    bool open = false;
    lane.events.forEach(0, lane.events.size(), lane.info.id, [&](const Event& e) {
        if (e.kind == EventKind::ComputeBegin) {
            begin = e.tNs;
            open = true;
        } else if (e.kind == EventKind::ComputeEnd && open) {
            out.push_back(Interval{begin, e.tNs});
            open = false;
        }
    });
    return out;
}

std::uint32_t maxOverlap(const std::vector<std::vector<Interval>>& intervalsPerLane)
{
    int current = 0, best = 0;
    for (const auto& [t, delta] : edges(intervalsPerLane)) {
        current += delta;
        best = std::max(best, current);
    }
    return std::uint32_t(best);
}

std::uint64_t overlapTime(const std::vector<std::vector<Interval>>& intervalsPerLane)
{
    int current = 0;
    std::uint64_t total = 0, since = 0;
    for (const auto& [t, delta] : edges(intervalsPerLane)) {
        const int before = current;
        current += delta;
        if (before < 2 && current >= 2)
            since = t;
        else if (before >= 2 && current < 2)
            total += t - since;
    }
    return total;
}

std::uint32_t maxParallelRunning(const TraceStore& trace)
{
    std::vector<std::vector<Interval>> running;
    for (std::size_t i = 0; i < trace.laneCount(); ++i) {
        std::vector<Interval> lane;
        for (const StateSpan& span : trace.lane(i).spans) {
            if (span.state == LaneState::Running)
                lane.push_back(Interval{span.start, span.end});
        }
        running.push_back(std::move(lane));
    }
    return maxOverlap(running);
}

Interval envelope(const std::vector<std::vector<Interval>>& intervalsPerLane)
{
    Interval out{~0ull, 0};
    for (const auto& list : intervalsPerLane) {
        for (const Interval& i : list) {
            out.start = std::min(out.start, i.start);
            out.end = std::max(out.end, i.end);
        }
    }
    if (out.end == 0)
        return Interval{0, 0};
    return out;
}

std::vector<int> coresUsed(const TraceStore& trace)
{
    std::set<int> cores;
    for (std::size_t i = 0; i < trace.laneCount(); ++i) {
        for (int core : coresOfLane(trace.lane(i)))
            cores.insert(core);
    }
    return {cores.begin(), cores.end()};
}

std::uint32_t maxCoresBusyAtOnce(const TraceStore& trace, const std::vector<std::uint16_t>& lanes)
{
    // A worker counts as busy on a core over a sample interval when it ran at least half of it.
    constexpr std::uint64_t kBucketNs = 4'000'000;
    std::map<std::uint64_t, std::set<int>> busy;
    for (std::size_t i = 0; i < trace.laneCount(); ++i) {
        if (!lanes.empty() && std::find(lanes.begin(), lanes.end(), i) == lanes.end())
            continue;
        const auto& samples = trace.lane(i).samples;
        for (std::size_t s = 1; s < samples.size(); ++s) {
            const std::uint64_t dt = samples[s].t - samples[s - 1].t;
            const std::uint64_t ran = samples[s].onCpuNs - samples[s - 1].onCpuNs;
            if (dt > 0 && ran * 2 >= dt)
                busy[samples[s].t / kBucketNs].insert(samples[s].cpu);
        }
    }
    std::size_t best = 0;
    for (const auto& [bucket, cores] : busy)
        best = std::max(best, cores.size());
    return std::uint32_t(best);
}

std::vector<int> coresOfLane(const Lane& lane)
{
    std::set<int> cores;
    lane.events.forEach(0, lane.events.size(), lane.info.id,
                        [&](const Event& e) { cores.insert(e.cpu); });
    for (std::size_t s = 1; s < lane.samples.size(); ++s) {
        if (lane.samples[s].onCpuNs > lane.samples[s - 1].onCpuNs)
            cores.insert(lane.samples[s].cpu);
    }
    return {cores.begin(), cores.end()};
}

std::vector<Interval> lockHolds(const Lane& lane, std::uint16_t object)
{
    std::vector<Interval> holds;
    std::uint64_t since = 0;
    bool held = false;
    lane.events.forEach(0, lane.events.size(), lane.info.id, [&](const Event& e) {
        if (e.object != object)
            return;
        if (e.kind == EventKind::LockAcquire) {
            since = e.tNs;
            held = true;
        } else if (e.kind == EventKind::LockRelease && held) {
            holds.push_back(Interval{since, e.tNs});
            held = false;
        }
    });
    return holds;
}

std::vector<TaskRun> taskRuns(const TraceStore& trace)
{
    std::vector<TaskRun> runs;
    for (std::size_t i = 0; i < trace.laneCount(); ++i) {
        const Lane& lane = trace.lane(i);
        TaskRun open;
        bool running = false;
        lane.events.forEach(0, lane.events.size(), lane.info.id, [&](const Event& e) {
            if (e.kind == EventKind::TaskBegin) {
                open = TaskRun{e.worker, std::int64_t(e.a), 0, Interval{e.tNs, e.tNs}};
                running = true;
            } else if (e.kind == EventKind::TaskEnd && running) {
                open.result = std::int64_t(e.b);
                open.when.end = e.tNs;
                runs.push_back(open);
                running = false;
            }
        });
    }
    std::sort(runs.begin(), runs.end(),
              [](const TaskRun& x, const TaskRun& y) { return x.when.start < y.when.start; });
    return runs;
}

std::vector<std::uint64_t> marks(const TraceStore& trace, const Lane& lane, std::string_view label)
{
    std::vector<std::uint64_t> times;
    lane.events.forEach(0, lane.events.size(), lane.info.id, [&](const Event& e) {
        if (e.kind == EventKind::Mark && trace.string(std::uint32_t(e.a)) == label)
            times.push_back(e.tNs);
    });
    return times;
}

std::uint64_t median(std::vector<std::uint64_t> values)
{
    if (values.empty())
        return 0;
    const auto middle = values.begin() + std::ptrdiff_t(values.size() / 2);
    std::nth_element(values.begin(), middle, values.end());
    return *middle;
}

std::vector<std::uint16_t> lanesWithRole(const TraceStore& trace, std::string_view role)
{
    std::vector<std::uint16_t> lanes;
    for (std::size_t i = 0; i < trace.laneCount(); ++i) {
        if (trace.lane(i).info.role == role)
            lanes.push_back(std::uint16_t(i));
    }
    return lanes;
}

std::vector<OutputLine> outputLines(const TraceStore& trace)
{
    std::vector<OutputLine> lines;
    for (std::size_t i = 0; i < trace.laneCount(); ++i) {
        const Lane& lane = trace.lane(i);
        lane.events.forEach(0, lane.events.size(), lane.info.id, [&](const Event& e) {
            if (e.kind == EventKind::Print)
                lines.push_back(
                    OutputLine{e.tNs, e.worker, trace.string(std::uint32_t(e.a)), e.flags != 0});
        });
    }
    std::stable_sort(lines.begin(), lines.end(),
                     [](const OutputLine& x, const OutputLine& y) { return x.t < y.t; });
    return lines;
}

namespace {

/// Per value, the writes that stored it so far: the latest, and the latest by a worker other
/// than the latest's. Whatever worker asks, one of the two is the latest write by another.
struct WritersOfValue {
    const ValueWrite* last = nullptr;
    const ValueWrite* lastByAnother = nullptr;

    void add(const ValueWrite& write)
    {
        if (last != nullptr && last->worker != write.worker)
            lastByAnother = last;
        last = &write;
    }
    const ValueWrite* latestNotBy(std::uint16_t worker) const
    {
        return last != nullptr && last->worker != worker ? last : lastByAnother;
    }
};

/// When `write`'s store had certainly landed: by its worker's next event (none: never known).
std::uint64_t landedBy(const TraceStore& trace, const ValueWrite& write)
{
    if (write.worker < trace.laneCount()) {
        const EventColumns& events = trace.lane(write.worker).events;
        if (write.eventIndex + 1 < events.size())
            return events.time(write.eventIndex + 1);
    }
    return ~std::uint64_t(0);
}

/// The write by another worker that stored what `writes[i]` overwrote (none destroys its own
/// update): the nearest stamped before it, else the nearest stamped after it that can still
/// have landed first (a writer preempted between stamp and store lands later than its stamp,
/// but before its own next event). Several workers storing one value leave it a best guess;
/// the write itself when the trace has none.
const ValueWrite& victimOf(const TraceStore& trace, const std::vector<ValueWrite>& writes,
                           const std::unordered_map<std::int64_t, WritersOfValue>& before,
                           std::size_t i)
{
    const ValueWrite& write = writes[i];
    if (const auto found = before.find(*write.overwrote); found != before.end()) {
        if (const ValueWrite* victim = found->second.latestNotBy(write.worker))
            return *victim;
    }
    const std::uint64_t limit = landedBy(trace, write);
    for (std::size_t j = i + 1; j < writes.size() && writes[j].t <= limit; ++j) {
        if (writes[j].value == *write.overwrote && writes[j].worker != write.worker)
            return writes[j];
    }
    return write;
}

} // namespace

LostUpdateReport analyseLostUpdates(const TraceStore& trace, std::uint16_t object)
{
    LostUpdateReport report;
    bool haveFirstRead = false;
    std::uint64_t firstReadTime = 0;
    std::int64_t firstReadValue = 0;
    for (std::size_t i = 0; i < trace.laneCount(); ++i) {
        const Lane& lane = trace.lane(i);
        std::int64_t lastRead = 0;
        std::size_t index = 0;
        lane.events.forEach(0, lane.events.size(), lane.info.id, [&](const Event& e) {
            if (e.object == object && e.kind == EventKind::ValueRead) {
                lastRead = std::int64_t(e.b);
                if (!haveFirstRead || e.tNs < firstReadTime) {
                    haveFirstRead = true;
                    firstReadTime = e.tNs;
                    firstReadValue = lastRead;
                }
            } else if (e.object == object && e.kind == EventKind::ValueWrite) {
                ValueWrite write{e.tNs, e.worker, index, std::int64_t(e.b), lastRead, {}};
                if (e.flags & ValueKnowsOverwritten)
                    write.overwrote = std::int64_t(e.a);
                report.writes.push_back(write);
            }
            ++index;
        });
    }
    std::stable_sort(report.writes.begin(), report.writes.end(),
                     [](const ValueWrite& x, const ValueWrite& y) { return x.t < y.t; });
    if (report.writes.empty())
        return report;

    const bool exact = std::all_of(report.writes.begin(), report.writes.end(),
                                   [](const ValueWrite& w) { return w.overwrote.has_value(); });
    if (exact) {
        // Each write took memory from what it overwrote to basedOn + 1: the increments it
        // destroyed are the difference. Its victim is the write that put that value there.
        std::unordered_map<std::int64_t, WritersOfValue> before;
        for (std::size_t i = 0; i < report.writes.size(); ++i) {
            const ValueWrite& write = report.writes[i];
            const std::int64_t destroyed = *write.overwrote - write.basedOn;
            report.totalLost += destroyed;
            if (destroyed > 0)
                report.lost.push_back(
                    LostUpdate{victimOf(trace, report.writes, before, i), write, destroyed});
            before[write.value].add(write);
        }
        return report;
    }

    // Replay the writes in the order they landed: a write based on anything but the value in
    // memory just before it was computed from a stale read.
    std::int64_t current = haveFirstRead ? firstReadValue : report.writes.front().basedOn;
    const ValueWrite* previous = nullptr;
    for (const ValueWrite& write : report.writes) {
        if (previous != nullptr && write.basedOn != current) {
            const std::int64_t lost = std::max<std::int64_t>(current - write.basedOn, 1);
            report.lost.push_back(LostUpdate{*previous, write, lost});
            report.totalLost += lost;
        }
        current = write.value;
        previous = &write;
    }
    return report;
}

std::vector<std::uint64_t> stateTotals(const Lane& lane)
{
    std::vector<std::uint64_t> totals(kLaneStateCount, 0);
    for (const StateSpan& span : lane.spans)
        totals[std::size_t(span.state)] += span.duration();
    return totals;
}

} // namespace interleave
