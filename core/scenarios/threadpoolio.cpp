#include "runtime/workercontext.h"
#include "runtime/workerpool.h"
#include "scenario/scenario.h"
#include "scenarios/catalog.h"
#include "scenarios/cpuwork.h"
#include "trace/analysis.h"
#include "trace/tracestore.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace interleave {

namespace {

/// splitmix64: a tiny, well-mixed generator whose output is the same on every platform.
std::uint64_t mix(std::uint64_t x)
{
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

/// Download time of task `index`: log-normal around `meanMs`, fixed by `seed`, so every run and
/// every pool size of a sweep sees the same latencies.
double latencySeconds(std::int64_t seed, std::int64_t index, double meanMs)
{
    constexpr double kSigma = 0.8;
    const std::uint64_t a = mix(std::uint64_t(seed) * 0x100000001B3ull + std::uint64_t(index));
    const std::uint64_t b = mix(a);
    const double u1 = (double(a >> 11) + 0.5) / 9007199254740992.0;
    const double u2 = (double(b >> 11) + 0.5) / 9007199254740992.0;
    const double z = std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2);
    const double mu = std::log(meanMs) - kSigma * kSigma / 2.0;
    return std::clamp(std::exp(mu + kSigma * z), 0.02 * meanMs, 5.0 * meanMs) / 1000.0;
}

/// A thread pool fetching 13 "URLs": simulated I/O with seeded latencies.
class ThreadPoolIo final : public Scenario {
public:
    ThreadPoolIo()
    {
        m_info.id = "thread-pool-io";
        m_info.title = "A thread pool for I/O-bound work";
        m_info.summary = "A ThreadPool fetches 13 URLs (simulated I/O); bigger pools finish "
                         "sooner, then it flattens";
        m_info.group = ScenarioGroup::Pools;
        m_info.parameters = {
            ParameterSpec::integer("pool_size", "Pool size", 4, 1, 64, "ThreadPool(pool_size)."),
            ParameterSpec::integer("tasks", "URLs", 13, 1, 1000, "How many downloads."),
            ParameterSpec::real("mean_latency_ms", "Mean download time", 280.0, 1.0, 60'000.0,
                                "Average simulated download time (log-normal spread).", "ms"),
            ParameterSpec::integer("seed", "Seed", 2652, 0, 1'000'000,
                                   "Fixes every download's time, so runs are comparable. The "
                                   "default gives times like the lesson's own measurements."),
            timeScaleParameter(),
        };
        m_info.otherSides = {{"pool_size", {}}};
        m_info.whatToLookFor =
            "Each download is a wait for I/O (blue) during which the thread has released the "
            "GIL, so other pool threads can start theirs: the GIL does not get in the way of "
            "I/O-bound threads. With one thread the downloads run back to back; with more they "
            "overlap and the whole map finishes sooner, until the slowest single download is "
            "all that is left and more threads stop helping. Sweep pool_size to see the curve.";
        m_info.pythonSource = R"(import time
import urllib.request
from multiprocessing.dummy import Pool as ThreadPool

urls = ['http://www.python.org', 'http://www.python.org/about/', ...]  # 13 URLs

start = time.time()
pool = ThreadPool(4)               # try 1, 4, 8, 16
results = pool.map(urllib.request.urlopen, urls)
pool.close()
pool.join()
print('Time :', time.time() - start)
)";
    }

    const ScenarioInfo& info() const override { return m_info; }

    void runMain(WorkerContext& main) const override
    {
        WorkerPool pool(main, "pool", int(main.integer("pool_size")), WorkerPool::Kind::Threads,
                        "fetch");
        std::vector<std::int64_t> urls;
        for (std::int64_t i = 0; i < main.integer("tasks"); ++i)
            urls.push_back(i);
        main.mark("map");
        const std::uint64_t start = Clock::now();
        pool.map(urls);
        const double elapsed = double(Clock::now() - start) / 1e9;
        main.mark("done");
        pool.close();
        char line[64];
        std::snprintf(line, sizeof line, "Time : %.3f", elapsed);
        main.print(line);
    }

    void runRole(std::string_view role, WorkerContext& worker) const override
    {
        if (role != "fetch")
            unknownRole(*this, role);
        const std::int64_t seed = worker.integer("seed");
        const double mean = worker.real("mean_latency_ms");
        WorkerPool::serve(worker, "pool", [seed, mean](WorkerContext& w, std::int64_t url) {
            w.simulatedIo(latencySeconds(seed, url, mean));
            return url;
        });
    }

    void evaluate(const TraceStore& trace, const ParameterValues& parameters,
                  Results& results) const override
    {
        const std::vector<std::uint64_t> started = marks(trace, trace.lane(0), "map");
        const std::vector<std::uint64_t> done = marks(trace, trace.lane(0), "done");
        const std::uint64_t elapsed =
            !started.empty() && !done.empty() && done.front() > started.front()
                ? done.front() - started.front()
                : 0;
        double serial = 0, longest = 0;
        for (std::int64_t i = 0; i < parameters.integer("tasks"); ++i) {
            const double latency =
                latencySeconds(parameters.integer("seed"), i, parameters.real("mean_latency_ms"));
            serial += latency;
            longest = std::max(longest, latency);
        }
        const double scale = parameters.real("time_scale");
        const auto serialNs = std::int64_t(serial * scale * 1e9);
        const auto longestNs = std::int64_t(longest * scale * 1e9);
        const std::vector<TaskRun> runs = taskRuns(trace);
        results.set("elapsed_ns", std::int64_t(elapsed));
        results.set("serial_ns", serialNs);
        results.set("longest_task_ns", longestNs);
        results.set("tasks_run", std::int64_t(runs.size()));
        results.set("speedup_vs_serial", elapsed > 0 ? double(serialNs) / double(elapsed) : 0.0);
        results.lessonShown = std::int64_t(runs.size()) == parameters.integer("tasks") &&
                              elapsed > 0 && std::int64_t(elapsed) >= longestNs;
        results.verdict =
            std::to_string(runs.size()) + " downloads with a pool of " +
            std::to_string(parameters.integer("pool_size")) + " took " +
            cpuwork::formatDuration(elapsed) +
            " (one after another: " + cpuwork::formatDuration(std::uint64_t(serialNs)) +
            ", the slowest alone: " + cpuwork::formatDuration(std::uint64_t(longestNs)) + ")";
    }

private:
    ScenarioInfo m_info;
};

} // namespace

const Scenario& threadPoolIoScenario()
{
    static const ThreadPoolIo scenario;
    return scenario;
}

} // namespace interleave
