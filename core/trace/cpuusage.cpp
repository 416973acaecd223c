#include "trace/cpuusage.h"

#include "trace/tracestore.h"

#include <algorithm>
#include <cmath>

namespace interleave {

namespace {

/// Readings are pooled over at least this long (a 10 ms pass jumps by a scheduler tick).
constexpr std::uint64_t kPool = 40'000'000;

/// A rate of CPU use (cores) that holds over [from, to).
struct Piece {
    std::uint64_t from;
    std::uint64_t to;
    double cores;
};

/// Sums overlapping pieces into one step line: the total at each moment a piece starts or ends.
CounterSeries sumOf(std::vector<Piece>& pieces, CounterKind kind, std::uint16_t key,
                    const char* name)
{
    CounterSeries series;
    series.kind = kind;
    series.key = key;
    series.name = name;
    std::vector<std::pair<std::uint64_t, double>> changes;
    changes.reserve(pieces.size() * 2);
    for (const Piece& piece : pieces) {
        if (piece.to <= piece.from || !std::isfinite(piece.cores))
            continue;
        changes.emplace_back(piece.from, piece.cores);
        changes.emplace_back(piece.to, -piece.cores);
    }
    std::sort(changes.begin(), changes.end(),
              [](const auto& x, const auto& y) { return x.first < y.first; });
    double total = 0;
    for (std::size_t i = 0; i < changes.size();) {
        const std::uint64_t t = changes[i].first;
        for (; i < changes.size() && changes[i].first == t; ++i)
            total += changes[i].second;
        // Rounding leaves crumbs where the sum should be 0.
        const double value = std::abs(total) < 1e-9 ? 0.0 : std::max(0.0, total);
        if (!series.values.empty() && series.values.back() == value)
            continue;
        series.append(t, value);
    }
    return series;
}

} // namespace

CpuUsage cpuUsage(const TraceStore& trace)
{
    // The machine's cores, or as many as it reported readings for.
    double cores = double(std::max(1, trace.run.machine.cores));
    for (const Event& e : trace.samples())
        if (e.kind == EventKind::CoreSample)
            cores = std::max(cores, double(e.object) + 1);
    // The run: per sampler pass, the on-CPU time every worker gained since the pass before,
    // over the time between the passes. Summing per pass (not per worker) keeps a GIL run at
    // one core, instead of spikes where workers' readings interleave.
    std::vector<Piece> run;
    std::vector<std::uint64_t> lastOnCpu(trace.laneCount(), 0);
    std::vector<bool> seen(trace.laneCount(), false);
    const std::vector<Event>& samples = trace.samples();
    // The first pass covers the time from the run's start (or the first spawn).
    std::uint64_t previousPass = trace.run.startNs;
    std::uint64_t pending = 0;
    for (std::size_t i = 0; previousPass == 0 && i < trace.laneCount(); ++i)
        previousPass = trace.lane(i).info.spawnNs;
    std::size_t lastWorkerSample = 0;
    for (std::size_t i = 0; i < samples.size(); ++i)
        if (samples[i].kind == EventKind::WorkerSample)
            lastWorkerSample = i;
    for (std::size_t i = 0; i < samples.size();) {
        if (samples[i].kind != EventKind::WorkerSample) {
            ++i;
            continue;
        }
        const std::uint16_t pass = samples[i].object;
        const std::uint64_t at = samples[i].tNs;
        std::uint64_t gained = 0;
        for (; i < samples.size() && samples[i].kind == EventKind::WorkerSample &&
               samples[i].object == pass;
             ++i) {
            const Event& e = samples[i];
            if (e.worker >= trace.laneCount())
                continue;
            // schedstat counts from the thread's creation, i.e. from about its spawn.
            const std::uint64_t before = seen[e.worker] ? lastOnCpu[e.worker] : 0;
            if (e.a > before)
                gained += e.a - before;
            lastOnCpu[e.worker] = e.a;
            seen[e.worker] = true;
        }
        pending += gained;
        // The kernel accounts CPU time in scheduler ticks: over one 10 ms pass the figure
        // jumps by a tick either way. Passes are pooled to about 40 ms before a step is drawn.
        const bool last = i > lastWorkerSample;
        if (previousPass != 0 && at > previousPass && (at - previousPass >= kPool || last)) {
            run.push_back(Piece{previousPass, at,
                                std::min(cores, double(pending) / double(at - previousPass))});
            previousPass = at;
            pending = 0;
        } else if (previousPass == 0) {
            previousPass = at;
            pending = 0;
        }
    }
    // The machine: per /proc/stat reading (all cores read at one instant), the cores' busy
    // shares added up, over the interval they cover.
    std::vector<Piece> machine;
    std::uint64_t machineFrom = 0;
    double machineBusy = 0, machineLength = 0;
    for (std::size_t i = 0; i < samples.size();) {
        if (samples[i].kind != EventKind::CoreSample || samples[i].b == 0) {
            ++i;
            continue;
        }
        const std::uint64_t at = samples[i].tNs;
        double busy = 0;
        std::uint64_t interval = samples[i].b;
        for (;
             i < samples.size() && samples[i].kind == EventKind::CoreSample && samples[i].tNs == at;
             ++i) {
            if (samples[i].b > 0)
                busy += std::min(1.0, double(samples[i].a) / double(samples[i].b));
            interval = std::max(interval, samples[i].b);
        }
        if (at <= interval)
            continue;
        // Pooled like the run's, from readings whose busy share is weighted by their length.
        if (machineFrom == 0)
            machineFrom = at - interval;
        machineBusy += std::min(cores, busy) * double(interval);
        machineLength += double(interval);
        if (at - machineFrom >= kPool) {
            machine.push_back(Piece{machineFrom, at, machineBusy / machineLength});
            machineFrom = at;
            machineBusy = machineLength = 0;
        }
    }
    if (machineLength > 0 && !samples.empty())
        machine.push_back(Piece{machineFrom, machineFrom + std::uint64_t(machineLength),
                                machineBusy / machineLength});
    CpuUsage usage;
    usage.run = sumOf(run, CounterKind::CoreUtilisation, 0, "this run");
    usage.machine = sumOf(machine, CounterKind::CoreUtilisation, 1, "all programs");
    return usage;
}

} // namespace interleave
