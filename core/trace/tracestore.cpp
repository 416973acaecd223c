#include "trace/tracestore.h"

#include "base/pagepool.h"

#include <algorithm>

namespace interleave {

TraceStore::TraceStore()
{
    m_strings.emplace_back();
    m_stringIds.emplace(std::string(), 0);
}

TraceStore::~TraceStore()
{
    m_lanes.clear();
    PagePool::instance().trim(PagePool::kWarmReserveBytes);
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
        // Ended on request (stopped by the run, terminated by its program): not a crash.
        if (ExitKind(e.flags) == ExitKind::Killed && info.fate == WorkerFate::Unknown)
            info.fate = WorkerFate::Cancelled;
        if (info.fate == WorkerFate::Unknown ||
            (info.fate == WorkerFate::Returned && info.exitCode != 0))
            info.fate = WorkerFate::Crashed;
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

void TraceStore::finalize()
{
    if (m_finalized)
        return;
    const std::uint64_t end = std::max(run.endNs, m_lastEventNs);
    run.endNs = end;
    for (auto& lane : m_lanes)
        lane->tracker.close(end, lane->spans);
    sortCounters();
    reconstructScheduling();
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

} // namespace interleave
