#include "trace/moments.h"

#include "base/durationformat.h"
#include "trace/analysis.h"
#include "trace/tracestore.h"

#include <algorithm>
#include <map>
#include <unordered_map>

namespace interleave {

namespace {

const std::string& laneName(const TraceStore& trace, std::uint16_t lane)
{
    static const std::string unknown = "a worker";
    return lane < trace.laneCount() ? trace.lane(lane).info.name : unknown;
}

const std::string& objectName(const TraceStore& trace, std::uint16_t id)
{
    static const std::string unknown = "an object";
    const ObjectInfo* object = trace.object(id);
    return object ? object->name : unknown;
}

/// The last event of `kind` on `object` on a lane before its event `index`, looking back a
/// little way only (a read and its write are close together).
std::optional<Event> eventBefore(const Lane& lane, std::size_t index, EventKind kind,
                                 std::uint16_t object)
{
    constexpr std::size_t kLookBack = 4096;
    const std::size_t stop = index > kLookBack ? index - kLookBack : 0;
    for (std::size_t i = index; i-- > stop;) {
        const Event e = lane.events.at(i, lane.info.id);
        if (e.kind == kind && e.object == object)
            return e;
    }
    return std::nullopt;
}

std::size_t indexAtOrAfter(const Lane& lane, std::uint64_t t)
{
    return lane.events.lowerBound(t);
}

void lostUpdates(const TraceStore& trace, std::vector<Moment>& out)
{
    std::size_t found = 0;
    for (const ObjectInfo& object : trace.objects()) {
        if (object.kind != ObjectKind::Value)
            continue;
        const LostUpdateReport report = analyseLostUpdates(trace, object.id);
        for (const LostUpdate& lost : report.lost) {
            if (found++ >= kMaxMomentsPerKind)
                return;
            const ValueWrite& first = lost.overwritten;
            const ValueWrite& second = lost.overwriting;
            Moment m;
            m.t = second.t;
            m.lane = second.worker;
            m.kind = MomentKind::LostUpdate;
            m.text = laneName(trace, second.worker) + " read " + std::to_string(second.basedOn) +
                     ", " + laneName(trace, first.worker) + " wrote " +
                     std::to_string(first.value) + ", then " + laneName(trace, second.worker) +
                     " wrote " + std::to_string(second.value) +
                     " over it: " + std::to_string(lost.updatesLost) +
                     (lost.updatesLost == 1 ? " update" : " updates") + " lost on " + object.name;
            for (const ValueWrite* write : {&first, &second}) {
                if (write->worker >= trace.laneCount())
                    continue;
                const Lane& lane = trace.lane(write->worker);
                if (auto read =
                        eventBefore(lane, write->eventIndex, EventKind::ValueRead, object.id))
                    m.points.push_back({write->worker, read->tNs});
                m.points.push_back({write->worker, write->t});
            }
            out.push_back(std::move(m));
        }
    }
}

/// One GIL or lock event, gathered over all lanes to be walked in time order.
struct Step {
    std::uint64_t t;
    std::uint16_t lane;
    EventKind kind;
    std::uint16_t object;
    std::uint64_t a;
    std::uint8_t flags;
};

std::vector<Step> gatherSteps(const TraceStore& trace)
{
    std::vector<Step> steps;
    for (std::size_t i = 0; i < trace.laneCount(); ++i) {
        const Lane& lane = trace.lane(i);
        lane.events.forEach(0, lane.events.size(), lane.info.id, [&](const Event& e) {
            switch (e.kind) {
            case EventKind::GilRequest:
            case EventKind::GilDropRequest:
            case EventKind::GilAcquire:
            case EventKind::GilRelease:
            case EventKind::LockRequest:
            case EventKind::LockAcquire:
            case EventKind::LockRelease:
                steps.push_back(Step{e.tNs, e.worker, e.kind, e.object, e.a, e.flags});
                break;
            default: break;
            }
        });
    }
    std::stable_sort(steps.begin(), steps.end(),
                     [](const Step& x, const Step& y) { return x.t < y.t; });
    return steps;
}

void gilHandOvers(const TraceStore& trace, const std::vector<Step>& steps, std::vector<Moment>& out)
{
    // Per lane: when it began to wait, when it asked for the drop; per holder: its release.
    std::unordered_map<std::uint16_t, std::uint64_t> waitingSince, askedAt, droppedAt;
    std::size_t found = 0;
    for (const Step& s : steps) {
        switch (s.kind) {
        case EventKind::GilRequest: waitingSince[s.lane] = s.t; break;
        case EventKind::GilDropRequest: askedAt[s.lane] = s.t; break;
        case EventKind::GilRelease:
            if (s.flags == std::uint8_t(GilReleaseReason::DropRequest))
                droppedAt[s.lane] = s.t;
            break;
        case EventKind::GilAcquire: {
            const std::uint16_t holder = s.a > 0 ? std::uint16_t(s.a - 1) : kNoWorker;
            const auto dropped = droppedAt.find(holder);
            const auto asked = askedAt.find(s.lane);
            if (holder != s.lane && dropped != droppedAt.end() && asked != askedAt.end() &&
                found++ < kMaxMomentsPerKind) {
                const auto since = waitingSince.find(s.lane);
                const std::uint64_t start =
                    since != waitingSince.end() ? since->second : asked->second;
                Moment m;
                m.t = s.t;
                m.lane = s.lane;
                m.kind = MomentKind::GilHandOver;
                m.text = laneName(trace, s.lane) + " waited " + formatPrecise(s.t - start) +
                         " for the GIL and asked " + laneName(trace, holder) + " to drop it; " +
                         laneName(trace, holder) + " let go and " + laneName(trace, s.lane) +
                         " took it";
                m.points = {{s.lane, start},
                            {s.lane, asked->second},
                            {holder, dropped->second},
                            {s.lane, s.t}};
                out.push_back(std::move(m));
            }
            if (dropped != droppedAt.end())
                droppedAt.erase(dropped);
            askedAt.erase(s.lane);
            waitingSince.erase(s.lane);
            break;
        }
        default: break;
        }
    }
}

void firstLockWaits(const TraceStore& trace, const std::vector<Step>& steps,
                    std::vector<Moment>& out)
{
    // Per (lane, lock): the request a contended acquire ends; per lock: its last release.
    std::map<std::pair<std::uint16_t, std::uint16_t>, std::uint64_t> requested;
    std::unordered_map<std::uint16_t, std::pair<std::uint16_t, std::uint64_t>> released;
    std::unordered_map<std::uint16_t, bool> done;
    for (const Step& s : steps) {
        if (s.kind == EventKind::LockRequest) {
            requested[{s.lane, s.object}] = s.t;
        } else if (s.kind == EventKind::LockRelease) {
            released[s.object] = {s.lane, s.t};
        } else if (s.kind == EventKind::LockAcquire && (s.flags & LockContended) &&
                   !done[s.object]) {
            done[s.object] = true;
            const auto request = requested.find({s.lane, s.object});
            const std::uint64_t start = request != requested.end() ? request->second : s.t;
            Moment m;
            m.lane = s.lane;
            m.kind = MomentKind::FirstLockWait;
            m.points.push_back({s.lane, start});
            const auto release = released.find(s.object);
            const std::uint16_t holder = s.a > 0 ? std::uint16_t(s.a - 1) : kNoWorker;
            if (release != released.end() && release->second.second >= start) {
                m.points.push_back({release->second.first, release->second.second});
                m.text = "First wait for " + objectName(trace, s.object) + ": " +
                         laneName(trace, s.lane) + " waited " + formatPrecise(s.t - start) +
                         " while " + laneName(trace, release->second.first) +
                         " held it, and took it when it was released";
            } else {
                m.text = "First wait for " + objectName(trace, s.object) + ": " +
                         laneName(trace, s.lane) + " waited " + formatPrecise(s.t - start) +
                         (holder != kNoWorker ? " for " + laneName(trace, holder) : "");
            }
            m.points.push_back({s.lane, s.t});
            m.t = m.points.size() == 3 ? m.points[1].t : s.t;
            out.push_back(std::move(m));
        }
    }
}

/// The lane that recorded the `kind` event on `object` at exactly `t`, if any.
std::uint16_t laneWithEventAt(const TraceStore& trace, std::uint64_t t, EventKind kind,
                              std::uint16_t object)
{
    for (std::size_t i = 0; i < trace.laneCount(); ++i) {
        const Lane& lane = trace.lane(i);
        for (std::size_t k = indexAtOrAfter(lane, t); k < lane.events.size(); ++k) {
            const Event e = lane.events.at(k, lane.info.id);
            if (e.tNs != t)
                break;
            if (e.kind == kind && e.object == object)
                return lane.info.id;
        }
    }
    return kNoWorker;
}

void deepestQueues(const TraceStore& trace, std::vector<Moment>& out)
{
    for (const CounterSeries& series : trace.counters()) {
        if (series.kind != CounterKind::QueueDepth || series.highest < 2)
            continue;
        const auto deepest = std::find(series.values.begin(), series.values.end(), series.highest);
        if (deepest == series.values.end())
            continue;
        Moment m;
        m.t = series.times[std::size_t(deepest - series.values.begin())];
        m.lane = laneWithEventAt(trace, m.t, EventKind::QueuePut, series.key);
        m.kind = MomentKind::DeepestQueue;
        const auto items = std::int64_t(series.highest);
        m.text = objectName(trace, series.key) + " at its deepest: " + std::to_string(items) +
                 " items waiting to be taken";
        m.points.push_back({m.lane, m.t});
        out.push_back(std::move(m));
    }
}

void sentinels(const TraceStore& trace, std::vector<Moment>& out)
{
    std::size_t found = 0;
    for (std::size_t i = 0; i < trace.laneCount() && found < kMaxMomentsPerKind; ++i) {
        const Lane& lane = trace.lane(i);
        if (lane.info.fate != WorkerFate::Returned)
            continue;
        // Per queue: how many items this lane took, and the last one.
        std::map<std::uint16_t, std::pair<std::size_t, Event>> taken;
        lane.events.forEach(0, lane.events.size(), lane.info.id, [&](const Event& e) {
            if (e.kind == EventKind::QueueGet) {
                auto& entry = taken[e.object];
                ++entry.first;
                entry.second = e;
            }
        });
        for (const auto& [queue, entry] : taken) {
            const Event& last = entry.second;
            // A sentinel is a value no real item has: -1, or Python's None (recorded as 0).
            if (entry.first < 2 || std::int64_t(last.b) > 0)
                continue;
            Moment m;
            m.t = last.tNs;
            m.lane = lane.info.id;
            m.kind = MomentKind::Sentinel;
            m.text = lane.info.name + " takes its last item from " + objectName(trace, queue) +
                     " (" + std::to_string(std::int64_t(last.b)) +
                     ") and stops: the sentinel that ends its loop, after " +
                     std::to_string(entry.first - 1) + " items";
            m.points.push_back({m.lane, m.t});
            out.push_back(std::move(m));
            ++found;
        }
    }
}

void poolBusy(const TraceStore& trace, std::vector<Moment>& out)
{
    const std::vector<TaskRun> runs = taskRuns(trace);
    std::vector<std::uint16_t> workers;
    for (const TaskRun& run : runs)
        workers.push_back(run.worker);
    std::sort(workers.begin(), workers.end());
    workers.erase(std::unique(workers.begin(), workers.end()), workers.end());
    if (workers.size() < 2)
        return;
    // Sweep the task starts and ends: the first time the most tasks run at once.
    std::vector<std::pair<std::uint64_t, int>> edges;
    for (const TaskRun& run : runs) {
        edges.emplace_back(run.when.start, +1);
        edges.emplace_back(run.when.end, -1);
    }
    std::sort(edges.begin(), edges.end()); // ends (-1) before starts at the same time
    int running = 0, most = 0;
    std::uint64_t when = 0;
    for (const auto& [t, change] : edges) {
        running += change;
        if (running > most) {
            most = running;
            when = t;
        }
    }
    if (most < 2)
        return;
    Moment m;
    m.t = when;
    m.kind = MomentKind::PoolBusy;
    m.text = most == int(workers.size())
                 ? "The pool is busy: all " + std::to_string(most) + " workers run a task at once"
                 : "The pool at its busiest: " + std::to_string(most) + " of " +
                       std::to_string(workers.size()) + " workers run a task at once";
    for (const TaskRun& run : runs) {
        if (run.when.start <= when && run.when.end > when) {
            m.points.push_back({run.worker, run.when.start});
            if (run.when.start == when)
                m.lane = run.worker;
        }
    }
    out.push_back(std::move(m));
}

} // namespace

std::vector<Moment> findMoments(const TraceStore& trace)
{
    std::vector<Moment> moments;
    lostUpdates(trace, moments);
    const std::vector<Step> steps = gatherSteps(trace);
    gilHandOvers(trace, steps, moments);
    firstLockWaits(trace, steps, moments);
    deepestQueues(trace, moments);
    sentinels(trace, moments);
    poolBusy(trace, moments);
    std::stable_sort(moments.begin(), moments.end(),
                     [](const Moment& x, const Moment& y) { return x.t < y.t; });
    return moments;
}

std::ptrdiff_t momentAfter(const std::vector<Moment>& moments, std::uint64_t t)
{
    const auto next = std::upper_bound(moments.begin(), moments.end(), t,
                                       [](std::uint64_t at, const Moment& m) { return at < m.t; });
    return next - moments.begin();
}

std::ptrdiff_t momentBefore(const std::vector<Moment>& moments, std::uint64_t t)
{
    const auto next = std::lower_bound(moments.begin(), moments.end(), t,
                                       [](const Moment& m, std::uint64_t at) { return m.t < at; });
    return (next - moments.begin()) - 1;
}

Interval momentExtent(const Moment& moment)
{
    Interval extent{moment.t, moment.t};
    for (const MomentPoint& point : moment.points) {
        extent.start = std::min(extent.start, point.t);
        extent.end = std::max(extent.end, point.t);
    }
    return extent;
}

} // namespace interleave
