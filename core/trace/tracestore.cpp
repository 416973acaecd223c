#include "trace/tracestore.h"

#include <algorithm>

namespace interleave {

namespace {
/// Run-queue waits shorter than this per sample interval are scheduler noise, not a lesson.
constexpr std::uint64_t kMinRunnableNs = 50'000;
} // namespace

TraceStore::TraceStore()
{
    m_strings.emplace_back();
    m_stringIds.emplace(std::string(), 0);
}

Lane& TraceStore::ensureLane(std::uint16_t id)
{
    while (m_lanes.size() <= id) {
        auto lane = std::make_unique<Lane>();
        lane->info.id = std::uint16_t(m_lanes.size());
        lane->info.name = "worker " + std::to_string(lane->info.id);
        m_lanes.push_back(std::move(lane));
    }
    return *m_lanes[id];
}

Lane& TraceStore::registerWorker(const WorkerInfo& identity)
{
    Lane& lane = ensureLane(identity.id);
    WorkerInfo& info = lane.info;
    if (!identity.name.empty())
        info.name = identity.name;
    info.role = identity.role;
    info.kind = identity.kind;
    info.parent = identity.parent;
    info.gil = identity.gil;
    if (identity.spawnNs != 0)
        info.spawnNs = identity.spawnNs;
    return lane;
}

Lane& TraceStore::addLane(const WorkerInfo& info)
{
    Lane& lane = registerWorker(info);
    lane.info = info;
    return lane;
}

void TraceStore::addObject(const ObjectInfo& object)
{
    while (m_objects.size() <= object.id) {
        ObjectInfo placeholder;
        placeholder.id = std::uint16_t(m_objects.size());
        m_objects.push_back(placeholder);
    }
    m_objects[object.id] = object;
}

const ObjectInfo* TraceStore::object(std::uint16_t id) const
{
    return id < m_objects.size() ? &m_objects[id] : nullptr;
}

std::uint32_t TraceStore::addString(std::string_view text)
{
    const auto found = m_stringIds.find(std::string(text));
    if (found != m_stringIds.end())
        return found->second;
    const auto id = std::uint32_t(m_strings.size());
    m_strings.emplace_back(text);
    m_stringIds.emplace(m_strings.back(), id);
    return id;
}

void TraceStore::loadStrings(std::vector<std::string> strings)
{
    m_strings = std::move(strings);
    if (m_strings.empty())
        m_strings.emplace_back();
    m_stringIds.clear();
    for (std::size_t i = 0; i < m_strings.size(); ++i)
        m_stringIds.emplace(m_strings[i], std::uint32_t(i));
}

const std::string& TraceStore::string(std::uint32_t id) const
{
    return id < m_strings.size() ? m_strings[id] : m_strings[0];
}

CounterSeries& TraceStore::counterFor(CounterKind kind, std::uint16_t key, const std::string& name)
{
    for (CounterSeries& series : m_counters) {
        if (series.kind == kind && series.key == key)
            return series;
    }
    CounterSeries series;
    series.kind = kind;
    series.key = key;
    series.name = name;
    m_counters.push_back(std::move(series));
    return m_counters.back();
}

const ProcessInfo* TraceStore::process(std::int32_t pid) const
{
    for (const ProcessInfo& info : processes) {
        if (info.pid == pid)
            return &info;
    }
    return nullptr;
}

const CounterSeries* TraceStore::counter(CounterKind kind, std::uint16_t key) const
{
    for (const CounterSeries& series : m_counters) {
        if (series.kind == kind && series.key == key)
            return &series;
    }
    return nullptr;
}

void TraceStore::noteLifecycle(Lane& lane, const Event& e)
{
    WorkerInfo& info = lane.info;
    switch (e.kind) {
    case EventKind::WorkerStart:
        info.startNs = e.tNs;
        info.pid = std::int32_t(e.b >> 32);
        info.tid = std::int32_t(e.b & 0xFFFFFFFFu);
        info.gil = (e.flags & StartNeedsGil) != 0;
        if (e.a != 0)
            info.spawnNs = e.a;
        break;
    case EventKind::WorkerEnd:
        info.endNs = e.tNs;
        switch (EndReason(e.flags)) {
        case EndReason::Returned: info.fate = WorkerFate::Returned; break;
        case EndReason::Failed: info.fate = WorkerFate::Failed; break;
        case EndReason::Cancelled: info.fate = WorkerFate::Cancelled; break;
        }
        break;
    case EventKind::WorkerExit:
        if (info.pid == 0 && e.b != 0)
            info.pid = std::int32_t(std::uint32_t(e.b));
        info.exitCode =
            ExitKind(e.flags) == ExitKind::Exited ? std::int32_t(e.a) : -std::int32_t(e.a);
        if (info.endNs == 0)
            info.endNs = e.tNs;
        if (info.fate == WorkerFate::Unknown ||
            (info.fate == WorkerFate::Returned && info.exitCode != 0))
            info.fate = WorkerFate::Crashed;
        if (ExitKind(e.flags) == ExitKind::Killed && info.fate == WorkerFate::Unknown)
            info.fate = WorkerFate::Cancelled;
        break;
    default: break;
    }
}

void TraceStore::appendEvent(const Event& recorded)
{
    if (recorded.worker == kNoWorker)
        return;
    ensureLane(recorded.worker);
    Lane& lane = *m_lanes[recorded.worker];
    // A lane's times never go back, whatever a producer stamped: the file stores deltas, and
    // what was recorded must always save and load again.
    Event e = recorded;
    if (!lane.events.empty())
        e.tNs = std::max(e.tNs, lane.events.time(lane.events.size() - 1));
    noteLifecycle(lane, e);
    lane.events.append(e);
    lane.tracker.onEvent(e, lane.spans);
    ++m_eventCount;
    m_lastEventNs = std::max(m_lastEventNs, e.tNs);

    if (e.kind == EventKind::QueuePut || e.kind == EventKind::QueueGet) {
        const ObjectInfo* queue = object(e.object);
        CounterSeries& depth =
            counterFor(CounterKind::QueueDepth, e.object,
                       queue ? queue->name : "queue " + std::to_string(e.object));
        // Puts and gets arrive lane by lane, so not always in order: sortCounters() fixes that.
        depth.append(e.tNs, double(queueDepth(e.a)));
    }
}

void TraceStore::loadEvent(const Event& e)
{
    if (e.worker == kNoWorker)
        return;
    ensureLane(e.worker).events.append(e);
    ++m_eventCount;
    m_lastEventNs = std::max(m_lastEventNs, e.tNs);
}

void TraceStore::appendSample(const Event& e)
{
    m_samples.push_back(e);
    if (e.kind == EventKind::CoreSample && e.b > 0) {
        CounterSeries& series =
            counterFor(CounterKind::CoreUtilisation, e.object, "CPU " + std::to_string(e.object));
        // The figure is the interval's that ends now: it holds from the interval's start.
        series.append(e.tNs > e.b ? e.tNs - e.b : 0, std::min(1.0, double(e.a) / double(e.b)));
    } else if (e.kind == EventKind::WorkerSample && e.worker != kNoWorker) {
        Lane& lane = ensureLane(e.worker);
        lane.samples.push_back(WorkerSample{e.tNs, e.a, e.b, e.cpu});
    }
}

namespace {

/// Running pieces of `spans` within [from, to). Returns the time the lane used or wanted a CPU
/// there: running, plus starting (a new process burns CPU loading itself).
std::uint64_t runningWithin(const SpanList& spans, std::uint64_t from, std::uint64_t to,
                            std::vector<Interval>& pieces)
{
    pieces.clear();
    std::uint64_t total = 0;
    auto it = std::lower_bound(spans.begin(), spans.end(), from,
                               [](const StateSpan& s, std::uint64_t t) { return s.end <= t; });
    for (; it != spans.end() && it->start < to; ++it) {
        if (it->state != LaneState::Running && it->state != LaneState::Starting)
            continue;
        const Interval piece{std::max(it->start, from), std::min(it->end, to)};
        if (piece.end <= piece.start)
            continue;
        total += piece.end - piece.start;
        if (it->state == LaneState::Running)
            pieces.push_back(piece);
    }
    return total;
}

/// Sorts and coalesces intervals.
std::vector<Interval> unite(std::vector<Interval> intervals)
{
    std::sort(intervals.begin(), intervals.end(),
              [](const Interval& x, const Interval& y) { return x.start < y.start; });
    std::vector<Interval> out;
    for (const Interval& i : intervals) {
        if (!out.empty() && i.start <= out.back().end)
            out.back().end = std::max(out.back().end, i.end);
        else
            out.push_back(i);
    }
    return out;
}

} // namespace

/// The sampler reads every worker at one instant, so for the window since its previous pass we
/// know exactly how long each worker was on a CPU, but not when. A lane's running time beyond
/// that is time it wanted a core and did not have one. Those gaps are laid out back to back,
/// wrapping around the window (McNaughton's rule), so that no instant shows more lanes running
/// than the on-CPU totals allow — never more than there are cores.
void TraceStore::placeRunQueueWaits()
{
    struct Gap {
        Lane* lane;
        std::uint64_t from;
        std::uint64_t to;
        std::uint64_t length;
    };
    std::vector<std::size_t> cursor(m_lanes.size(), 0); // next sample per lane
    std::vector<Interval> pieces;
    std::size_t group = 0;
    while (group < m_samples.size()) {
        // One sampler pass: consecutive worker samples sharing a pass number.
        const std::uint16_t pass = m_samples[group].object;
        const bool isWorkerPass = m_samples[group].kind == EventKind::WorkerSample;
        std::size_t next = group;
        std::vector<Gap> gaps;
        std::uint64_t windowStart = ~0ull, windowEnd = 0;
        for (; next < m_samples.size(); ++next) {
            const Event& e = m_samples[next];
            if (!isWorkerPass || e.kind != EventKind::WorkerSample || e.object != pass)
                break;
            if (e.worker >= m_lanes.size())
                continue;
            Lane& lane = *m_lanes[e.worker];
            std::size_t& index = cursor[e.worker];
            while (index < lane.samples.size() && lane.samples[index].t < e.tNs)
                ++index;
            if (index >= lane.samples.size())
                continue;
            // schedstat counts from the thread's creation, i.e. from about its spawn.
            const WorkerSample created{lane.info.spawnNs, 0, 0, 0};
            const WorkerSample& previous = index > 0 ? lane.samples[index - 1] : created;
            const WorkerSample& current = lane.samples[index];
            if (previous.t == 0 || previous.t >= current.t)
                continue;
            const std::uint64_t onCpu =
                current.onCpuNs > previous.onCpuNs ? current.onCpuNs - previous.onCpuNs : 0;
            const std::uint64_t running = runningWithin(lane.spans, previous.t, current.t, pieces);
            if (running > onCpu + kMinRunnableNs) {
                gaps.push_back(Gap{&lane, previous.t, current.t, running - onCpu});
                windowStart = std::min(windowStart, previous.t);
                windowEnd = std::max(windowEnd, current.t);
            }
        }
        if (next == group)
            ++next; // a core sample
        group = next;
        if (gaps.empty() || windowStart >= windowEnd)
            continue;

        const std::uint64_t window = windowEnd - windowStart;
        std::uint64_t offset = 0;
        for (const Gap& gap : gaps) {
            const std::uint64_t length = std::min(gap.length, window);
            Interval wanted[2];
            int count = 0;
            if (offset + length <= window) {
                wanted[count++] = Interval{windowStart + offset, windowStart + offset + length};
            } else {
                wanted[count++] = Interval{windowStart, windowStart + (offset + length - window)};
                wanted[count++] = Interval{windowStart + offset, windowEnd};
            }
            offset = (offset + length) % window;
            // Only the lane's running time can become runnable time.
            runningWithin(gap.lane->spans, gap.from, gap.to, pieces);
            for (int w = 0; w < count; ++w) {
                for (const Interval& piece : pieces) {
                    const Interval cut{std::max(piece.start, wanted[w].start),
                                       std::min(piece.end, wanted[w].end)};
                    if (cut.end > cut.start)
                        gap.lane->runnable.push_back(cut);
                }
            }
        }
    }
    for (auto& lane : m_lanes)
        lane->runnable = unite(std::move(lane->runnable));
}

/// Whatever the sampling could not pin down, no more workers can run at once than there are
/// cores. Where the reconstruction shows more, the lanes that started running most recently
/// are shown waiting for a core instead.
void TraceStore::capRunningAtCores(int cores)
{
    struct Edge {
        std::uint64_t t;
        bool start;
        std::uint16_t lane;
        std::uint64_t since;
    };
    std::vector<Edge> edges;
    for (auto& lane : m_lanes) {
        for (const StateSpan& span : lane->spans) {
            if (span.state == LaneState::Running) {
                edges.push_back(Edge{span.start, true, lane->info.id, span.start});
                edges.push_back(Edge{span.end, false, lane->info.id, span.start});
            }
        }
    }
    std::sort(edges.begin(), edges.end(), [](const Edge& x, const Edge& y) {
        return x.t != y.t ? x.t < y.t : (!x.start && y.start);
    });
    std::vector<std::vector<Interval>> demoted(m_lanes.size());
    std::vector<std::pair<std::uint64_t, std::uint16_t>> active; // (running since, lane)
    std::uint64_t previous = 0;
    for (const Edge& edge : edges) {
        if (active.size() > std::size_t(cores) && edge.t > previous) {
            std::sort(active.begin(), active.end());
            for (std::size_t k = std::size_t(cores); k < active.size(); ++k)
                demoted[active[k].second].push_back(Interval{previous, edge.t});
        }
        previous = edge.t;
        if (edge.start) {
            active.emplace_back(edge.since, edge.lane);
        } else {
            const auto it =
                std::find(active.begin(), active.end(), std::make_pair(edge.since, edge.lane));
            if (it != active.end())
                active.erase(it);
        }
    }
    for (std::size_t i = 0; i < m_lanes.size(); ++i) {
        if (demoted[i].empty())
            continue;
        Lane& lane = *m_lanes[i];
        demoted[i].insert(demoted[i].end(), lane.runnable.begin(), lane.runnable.end());
        lane.runnable = unite(std::move(demoted[i]));
    }
}

void TraceStore::finalize()
{
    if (m_finalized)
        return;
    const std::uint64_t end = std::max(run.endNs, m_lastEventNs);
    run.endNs = end;
    std::vector<SpanList> logical;
    for (auto& lane : m_lanes) {
        lane->tracker.close(end, lane->spans);
        logical.push_back(lane->spans);
    }
    sortCounters();
    placeRunQueueWaits();
    for (auto& lane : m_lanes)
        lane->spans = mergeRunnable(lane->spans, lane->runnable);
    if (run.machine.cores > 0) {
        capRunningAtCores(run.machine.cores);
        for (std::size_t i = 0; i < m_lanes.size(); ++i)
            m_lanes[i]->spans = mergeRunnable(logical[i], m_lanes[i]->runnable);
    }
    m_finalized = true;
}

void TraceStore::loadSample(const Event& e)
{
    m_samples.push_back(e);
    if (e.kind == EventKind::WorkerSample && e.worker != kNoWorker)
        ensureLane(e.worker).samples.push_back(WorkerSample{e.tNs, e.a, e.b, e.cpu});
}

void TraceStore::loadCounters(std::vector<CounterSeries> counters)
{
    m_counters = std::move(counters);
    for (CounterSeries& series : m_counters) {
        series.highest = 0;
        for (double value : series.values)
            series.highest = std::max(series.highest, value);
    }
}

void TraceStore::finishLoading(std::uint64_t eventCount, std::uint64_t lastEventNs)
{
    m_eventCount = eventCount;
    m_lastEventNs = lastEventNs;
    m_finalized = true;
}

void TraceStore::sortCounters()
{
    for (CounterSeries& series : m_counters)
        series.sort();
}

std::size_t TraceStore::eventBytes() const
{
    std::size_t bytes = 0;
    for (const auto& lane : m_lanes)
        bytes += lane->events.bytesAllocated();
    return bytes;
}

std::size_t TraceStore::spanBytes() const
{
    std::size_t bytes = 0;
    for (const auto& lane : m_lanes)
        bytes += lane->spans.bytesAllocated();
    return bytes;
}

SpanList mergeRunnable(const SpanList& spans, const std::vector<Interval>& runnable)
{
    if (runnable.empty())
        return spans;
    SpanList out;
    std::size_t r = 0;
    for (const StateSpan& span : spans) {
        if (span.state != LaneState::Running) {
            out.push_back(span);
            continue;
        }
        while (r < runnable.size() && runnable[r].end <= span.start)
            ++r;
        std::uint64_t cursor = span.start;
        for (std::size_t k = r; k < runnable.size() && runnable[k].start < span.end; ++k) {
            const std::uint64_t from = std::max(runnable[k].start, cursor);
            const std::uint64_t to = std::min(runnable[k].end, span.end);
            if (from >= to)
                continue;
            if (from > cursor)
                out.push_back(
                    StateSpan{cursor, from, LaneState::Running, span.object, span.related});
            out.push_back(StateSpan{from, to, LaneState::Runnable, span.object, span.related});
            cursor = to;
        }
        if (cursor < span.end)
            out.push_back(
                StateSpan{cursor, span.end, LaneState::Running, span.object, span.related});
    }
    return out;
}

} // namespace interleave
