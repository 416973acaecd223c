#include "trace/cpuusage.h"

#include "trace/tracestore.h"

#include <algorithm>
#include <cmath>

namespace interleave {

namespace {

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
    std::vector<Piece> run;
    for (std::size_t i = 0; i < trace.laneCount(); ++i) {
        const Lane& lane = trace.lane(i);
        // schedstat counts from the thread's creation, i.e. from about its spawn.
        WorkerSample previous{lane.info.spawnNs, 0, 0, 0};
        for (const WorkerSample& sample : lane.samples) {
            if (previous.t != 0 && sample.t > previous.t && sample.onCpuNs >= previous.onCpuNs)
                run.push_back(Piece{previous.t, sample.t,
                                    double(sample.onCpuNs - previous.onCpuNs) /
                                        double(sample.t - previous.t)});
            previous = sample;
        }
    }
    std::vector<Piece> machine;
    for (const Event& e : trace.samples()) {
        if (e.kind == EventKind::CoreSample && e.b > 0 && e.tNs > e.b)
            machine.push_back(Piece{e.tNs - e.b, e.tNs, std::min(1.0, double(e.a) / double(e.b))});
    }
    CpuUsage usage;
    usage.run = sumOf(run, CounterKind::CoreUtilisation, 0, "this run");
    usage.machine = sumOf(machine, CounterKind::CoreUtilisation, 1, "all programs");
    return usage;
}

} // namespace interleave
