/// What the kernel's scheduling samples add to a finished trace: where a lane waited for a core
/// (run-queue waits), and for an interpreter whose GIL is not read, where it waited for the GIL.
#include "trace/tracestore.h"

#include <algorithm>
#include <functional>
#include <map>

namespace interleave {

namespace {

/// Run-queue waits shorter than this per sample interval are scheduler noise, not a lesson.
constexpr std::uint64_t kMinRunnableNs = 50'000;

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

std::uint64_t totalLength(const std::vector<Interval>& pieces)
{
    std::uint64_t total = 0;
    for (const Interval& piece : pieces)
        total += piece.end - piece.start;
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

/// Time a lane spent not running within one sampler window, to be laid out on its running time;
/// its last `tail` ns go to the lane's run-queue waits instead (woken, waiting for a core).
struct Gap {
    Lane* lane;
    std::uint64_t from;
    std::uint64_t to;
    std::uint64_t length;
    std::uint64_t tail = 0;
};

/// Lays the gaps out back to back, wrapping around their common window (McNaughton's rule),
/// each cut to its lane's running pieces and appended to `(lane->*into)`. Back to back, what
/// is left running of the lanes never overlaps more than the sampled on-CPU totals allow.
void layOutBackToBack(const std::vector<Gap>& gaps, std::vector<Interval> Lane::*into,
                      std::vector<Interval>& pieces)
{
    std::uint64_t windowStart = ~0ull, windowEnd = 0;
    for (const Gap& gap : gaps) {
        windowStart = std::min(windowStart, gap.from);
        windowEnd = std::max(windowEnd, gap.to);
    }
    if (gaps.empty() || windowStart >= windowEnd)
        return;
    const std::uint64_t window = windowEnd - windowStart;
    // Appends [offset, offset + length) of the window, wrapped, cut to the running pieces.
    const auto place = [&](std::uint64_t offset, std::uint64_t length,
                           std::vector<Interval>& target) {
        Interval wanted[2];
        int count = 0;
        if (offset + length <= window) {
            wanted[count++] = Interval{windowStart + offset, windowStart + offset + length};
        } else {
            wanted[count++] = Interval{windowStart, windowStart + (offset + length - window)};
            wanted[count++] = Interval{windowStart + offset, windowEnd};
        }
        for (int w = 0; w < count; ++w) {
            for (const Interval& piece : pieces) {
                const Interval cut{std::max(piece.start, wanted[w].start),
                                   std::min(piece.end, wanted[w].end)};
                if (cut.end > cut.start)
                    target.push_back(cut);
            }
        }
    };
    std::uint64_t offset = 0;
    for (const Gap& gap : gaps) {
        const std::uint64_t length = std::min(gap.length, window);
        const std::uint64_t tail = std::min(gap.tail, length);
        runningWithin(gap.lane->spans, gap.from, gap.to, pieces);
        place(offset, length - tail, gap.lane->*into);
        if (tail > 0)
            place((offset + length - tail) % window, tail, gap.lane->runnable);
        offset = (offset + length) % window;
    }
}

} // namespace

/// One lane between two consecutive samples: what the kernel counted there.
struct TraceStore::SampleWindow {
    Lane* lane;
    std::uint64_t from;
    std::uint64_t to;
    std::uint64_t onCpuNs;
    std::uint64_t runQueueNs;
};

/// The sampler reads every worker at one instant: per pass, each sampled lane's window since
/// its previous sample (from its spawn for the first; schedstat counts from creation).
std::vector<std::vector<TraceStore::SampleWindow>> TraceStore::sampleWindows()
{
    std::vector<std::vector<SampleWindow>> passes;
    std::vector<std::size_t> cursor(m_lanes.size(), 0); // next sample per lane
    std::size_t group = 0;
    while (group < m_samples.size()) {
        // One sampler pass: consecutive worker samples sharing a pass number.
        const std::uint16_t pass = m_samples[group].object;
        const bool isWorkerPass = m_samples[group].kind == EventKind::WorkerSample;
        std::size_t next = group;
        std::vector<SampleWindow> windows;
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
            const WorkerSample created{lane.info.spawnNs, 0, 0, 0};
            const WorkerSample& previous = index > 0 ? lane.samples[index - 1] : created;
            const WorkerSample& current = lane.samples[index];
            if (previous.t == 0 || previous.t >= current.t)
                continue;
            const auto grew = [](std::uint64_t now, std::uint64_t before) {
                return now > before ? now - before : 0;
            };
            windows.push_back(SampleWindow{&lane, previous.t, current.t,
                                           grew(current.onCpuNs, previous.onCpuNs),
                                           grew(current.waitNs, previous.waitNs)});
        }
        if (next == group)
            ++next; // a core sample
        group = next;
        if (!windows.empty())
            passes.push_back(std::move(windows));
    }
    return passes;
}

/// An interpreter whose GIL is not read: a thread that was in no traced blocking call, not on a
/// CPU and not waiting for one, was waiting for the GIL — the only other thing a Python thread
/// blocks on. Per process and sampler window, those waits are laid out back to back, so the
/// threads' remaining running time does not overlap where the on-CPU totals say they took
/// turns. An approximation, said so in the legend and the verdict ("gil_source": "inferred").
void TraceStore::inferGilWaits(const std::vector<std::vector<SampleWindow>>& passes)
{
    std::vector<Interval> pieces;
    bool any = false;
    for (const auto& lane : m_lanes)
        any = any || lane->tracker.gilInferred();
    if (!any)
        return;
    for (const auto& windows : passes) {
        std::map<std::int32_t, std::vector<Gap>> byProcess;
        for (const SampleWindow& w : windows) {
            if (!w.lane->tracker.gilInferred())
                continue;
            runningWithin(w.lane->spans, w.from, w.to, pieces);
            // Everything off CPU is laid out, so that the lanes' running time never overlaps
            // more than their on-CPU times; its last run-queue-wait ns become runnable time.
            const std::uint64_t running = totalLength(pieces);
            if (running > w.onCpuNs + kMinRunnableNs)
                byProcess[w.lane->info.pid].push_back(
                    Gap{w.lane, w.from, w.to, running - w.onCpuNs, w.runQueueNs});
        }
        for (const auto& [pid, gaps] : byProcess)
            layOutBackToBack(gaps, &Lane::gilWaits, pieces);
    }
    for (auto& lane : m_lanes) {
        if (lane->gilWaits.empty())
            continue;
        lane->gilWaits = unite(std::move(lane->gilWaits));
        lane->spans = splitRunning(lane->spans, lane->gilWaits, LaneState::GilWait,
                                   lane->tracker.gilObject());
        lane->runnable = unite(std::move(lane->runnable));
        lane->spans = mergeRunnable(lane->spans, lane->runnable);
    }
    // The kernel brings a running thread's CPU time up to date only at its scheduler ticks,
    // so one window's totals can overlap threads that took turns: one GIL, one runs Python.
    for (auto& lane : m_lanes)
        lane->gilWaits.clear();
    capRunning(
        1, [](const Lane& lane) { return lane.tracker.gilInferred() ? lane.info.pid : -1; },
        &Lane::gilWaits);
    for (auto& lane : m_lanes) {
        if (lane->gilWaits.empty())
            continue;
        lane->spans = splitRunning(lane->spans, lane->gilWaits, LaneState::GilWait,
                                   lane->tracker.gilObject());
    }
}

/// For the window since the sampler's previous pass we know exactly how long each worker was
/// on a CPU, but not when. A lane's running time beyond that is time it wanted a core and did
/// not have one; laid out back to back, no instant shows more lanes running than the on-CPU
/// totals allow — never more than there are cores.
void TraceStore::placeRunQueueWaits(const std::vector<std::vector<SampleWindow>>& passes)
{
    std::vector<Interval> pieces;
    for (const auto& windows : passes) {
        std::vector<Gap> gaps;
        for (const SampleWindow& w : windows) {
            if (w.lane->tracker.gilInferred())
                continue; // its run-queue waits were placed with its GIL waits
            const std::uint64_t running = runningWithin(w.lane->spans, w.from, w.to, pieces);
            if (running > w.onCpuNs + kMinRunnableNs)
                gaps.push_back(Gap{w.lane, w.from, w.to, running - w.onCpuNs});
        }
        layOutBackToBack(gaps, &Lane::runnable, pieces);
    }
    for (auto& lane : m_lanes)
        lane->runnable = unite(std::move(lane->runnable));
}

void TraceStore::reconstructScheduling()
{
    const auto passes = sampleWindows();
    inferGilWaits(passes);
    std::vector<SpanList> logical;
    for (auto& lane : m_lanes)
        logical.push_back(lane->spans);
    placeRunQueueWaits(passes);
    for (auto& lane : m_lanes)
        lane->spans = mergeRunnable(lane->spans, lane->runnable);
    if (run.machine.cores > 0) {
        capRunning(
            std::size_t(run.machine.cores), [](const Lane&) { return std::int64_t(0); },
            &Lane::runnable);
        for (std::size_t i = 0; i < m_lanes.size(); ++i)
            m_lanes[i]->spans = mergeRunnable(logical[i], m_lanes[i]->runnable);
    }
}

/// At most `cap` of the lanes `group` puts in one group (-1: none) run at once. Where the
/// reconstruction shows more, the lanes that started running most recently are moved to
/// `(lane->*into)` instead.
void TraceStore::capRunning(std::size_t cap, const std::function<std::int64_t(const Lane&)>& group,
                            std::vector<Interval> Lane::*into)
{
    struct Edge {
        std::uint64_t t;
        bool start;
        std::uint16_t lane;
        std::uint64_t since;
    };
    std::map<std::int64_t, std::vector<Edge>> groups;
    for (auto& lane : m_lanes) {
        const std::int64_t key = group(*lane);
        if (key < 0)
            continue;
        std::vector<Edge>& edges = groups[key];
        for (const StateSpan& span : lane->spans) {
            if (span.state == LaneState::Running) {
                edges.push_back(Edge{span.start, true, lane->info.id, span.start});
                edges.push_back(Edge{span.end, false, lane->info.id, span.start});
            }
        }
    }
    std::vector<std::vector<Interval>> demoted(m_lanes.size());
    for (auto& [key, edges] : groups) {
        std::sort(edges.begin(), edges.end(), [](const Edge& x, const Edge& y) {
            return x.t != y.t ? x.t < y.t : (!x.start && y.start);
        });
        std::vector<std::pair<std::uint64_t, std::uint16_t>> active; // (running since, lane)
        std::uint64_t previous = 0;
        for (const Edge& edge : edges) {
            if (active.size() > cap && edge.t > previous) {
                std::sort(active.begin(), active.end());
                for (std::size_t k = cap; k < active.size(); ++k)
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
    }
    for (std::size_t i = 0; i < m_lanes.size(); ++i) {
        if (demoted[i].empty())
            continue;
        Lane& lane = *m_lanes[i];
        demoted[i].insert(demoted[i].end(), (lane.*into).begin(), (lane.*into).end());
        lane.*into = unite(std::move(demoted[i]));
    }
}

SpanList mergeRunnable(const SpanList& spans, const std::vector<Interval>& runnable)
{
    return splitRunning(spans, runnable, LaneState::Runnable, kNoWorker);
}

SpanList splitRunning(const SpanList& spans, const std::vector<Interval>& intervals,
                      LaneState state, std::uint16_t object)
{
    if (intervals.empty())
        return spans;
    SpanList out;
    std::size_t r = 0;
    for (const StateSpan& span : spans) {
        if (span.state != LaneState::Running) {
            out.push_back(span);
            continue;
        }
        // Runnable keeps the running span's object; a wait is on its own object.
        const std::uint16_t on = object == kNoWorker ? span.object : object;
        const std::uint16_t related = object == kNoWorker ? span.related : kNoWorker;
        while (r < intervals.size() && intervals[r].end <= span.start)
            ++r;
        std::uint64_t cursor = span.start;
        for (std::size_t k = r; k < intervals.size() && intervals[k].start < span.end; ++k) {
            const std::uint64_t from = std::max(intervals[k].start, cursor);
            const std::uint64_t to = std::min(intervals[k].end, span.end);
            if (from >= to)
                continue;
            if (from > cursor)
                out.push_back(
                    StateSpan{cursor, from, LaneState::Running, span.object, span.related});
            out.push_back(StateSpan{from, to, state, on, related});
            cursor = to;
        }
        if (cursor < span.end)
            out.push_back(
                StateSpan{cursor, span.end, LaneState::Running, span.object, span.related});
    }
    return out;
}

} // namespace interleave
