#include "runtime/workercontext.h"
#include "scenarios/catalog.h"
#include "scenarios/cpuwork.h"
#include "trace/tracestore.h"

#include <algorithm>
#include <cstdio>

namespace interleave {

namespace {

/// N threads computing at once, with or without the emulated GIL.
class CpuThreads final : public Scenario {
public:
    explicit CpuThreads(bool gil)
        : m_gil(gil)
    {
        m_info.parameters = cpuwork::parameters(true, gil);
        // The GIL's lesson has two other sides: no GIL at all, or a process per worker.
        if (gil)
            m_info.otherSides = {{{}, "free-threaded-cpu-threads"}, {{}, "cpu-processes"}};
        else
            m_info.otherSides = {{{}, "gil-cpu-threads"}};
        if (gil) {
            m_info.id = "gil-cpu-threads";
            m_info.title = "CPU-bound threads under the GIL";
            m_info.summary = "N threads each run a CPU-bound loop; the GIL lets only one run at a "
                             "time";
            m_info.group = ScenarioGroup::Gil;
            m_info.whatToLookFor =
                "Only one lane is green (running) at any moment: the others wait for the GIL "
                "(amber). Every 5 ms (the switch interval) a waiting thread asks for the GIL "
                "and the running one hands it over, so the green moves from lane to lane — "
                "click an amber span to see who handed the GIL over. The threads together take "
                "about N times one loop, and only one core is busy at a time: threads do not "
                "speed up CPU-bound Python code. With the factorial workload (one long C call, "
                "math.factorial) a thread keeps the GIL for the whole call, so the threads "
                "run strictly one after another.";
            m_info.pythonSource = R"(import threading

def work():
    total = 0
    for i in range(10_000_000):    # pure Python: the GIL changes hands every 5 ms
        total += i

work()                             # baseline: one loop alone

threads = [threading.Thread(target=work) for _ in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()                       # ~3x the baseline: the GIL serialises them
)";
        } else {
            m_info.id = "free-threaded-cpu-threads";
            m_info.title = "CPU-bound threads, free-threaded (no GIL)";
            m_info.summary = "The same threads without a GIL (PEP 703): they compute in parallel";
            m_info.group = ScenarioGroup::Gil;
            m_info.whatToLookFor =
                "The same program as gil-cpu-threads on a free-threaded interpreter (Python "
                "3.13t, PEP 703): there is no GIL, so compute spans overlap and several cores "
                "are busy at once. Wall time is about N × one call divided by the number of "
                "cores used; with more threads than cores some lanes show runnable time "
                "(waiting for a core).";
            m_info.pythonSource = R"(# Run with a free-threaded build: python3.13t -X gil=0
import math
import threading

def work():
    math.factorial(1_500_000)

work()                             # baseline: one call alone

threads = [threading.Thread(target=work) for _ in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()                       # ~3/cores x the baseline
)";
        }
    }

    const ScenarioInfo& info() const override { return m_info; }
    bool usesGil(const ParameterValues&) const override { return m_gil; }

    void runMain(WorkerContext& main) const override
    {
        cpuwork::baseline(main);
        const auto count = main.integer("workers");
        main.mark(std::to_string(count) + " threads");
        std::vector<WorkerHandle> threads;
        for (std::int64_t i = 1; i <= count; ++i)
            threads.push_back(main.startThread("Thread-" + std::to_string(i), "worker", i));
        for (const WorkerHandle& thread : threads)
            main.join(thread);
    }

    void runRole(std::string_view role, WorkerContext& worker) const override
    {
        if (role != "worker")
            unknownRole(*this, role);
        cpuwork::work(worker);
        worker.print(worker.name() + " finished");
    }

    void evaluate(const TraceStore& trace, const ParameterValues& parameters,
                  Results& results) const override
    {
        const cpuwork::Measurement m = cpuwork::measure(trace);
        const auto n = double(parameters.integer("workers"));
        const double cores = std::max(1, trace.run.machine.cores);
        const double expected = m_gil ? n : n / std::min(n, cores);
        cpuwork::report(m, expected, results);
        char ratio[64];
        std::snprintf(ratio, sizeof ratio, "%.2f ×", m.ratio);
        const std::string timing = std::to_string(m.workers) + " threads took " + ratio +
                                   " one call (" + cpuwork::formatDuration(m.parallelNs) + " vs " +
                                   cpuwork::formatDuration(m.singleNs) + ")";
        if (m_gil) {
            const bool serialised =
                m.maxRunning <= 1 &&
                (parameters.choice("workload") != "factorial" || m.overlapNs == 0);
            results.lessonShown = serialised;
            results.verdict =
                serialised ? "the GIL serialised the threads: at most 1 ran at a time; " + timing
                           : "threads ran in parallel despite the GIL (max " +
                                 std::to_string(m.maxRunning) + " running); " + timing;
        } else {
            const bool parallel = m.workers < 2 || cores < 2 || m.overlapNs > 0;
            results.lessonShown = parallel;
            results.verdict = "no GIL: up to " + std::to_string(m.maxRunning) +
                              " threads ran at once on " + std::to_string(m.maxCoresBusy) +
                              " cores; " + timing;
        }
    }

private:
    bool m_gil;
    ScenarioInfo m_info;
};

} // namespace

const Scenario& gilCpuThreadsScenario()
{
    static const CpuThreads scenario(true);
    return scenario;
}

const Scenario& freeThreadedCpuThreadsScenario()
{
    static const CpuThreads scenario(false);
    return scenario;
}

} // namespace interleave
