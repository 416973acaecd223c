#include "runtime/workercontext.h"
#include "scenarios/catalog.h"
#include "scenarios/cpuwork.h"
#include "trace/tracestore.h"

#include <algorithm>
#include <cstdio>
#include <unistd.h>

namespace interleave {

namespace {

/// N worker processes computing at once: one GIL each, so they really run in parallel.
class CpuProcesses final : public Scenario {
public:
    CpuProcesses()
    {
        m_info.id = "cpu-processes";
        m_info.title = "CPU-bound work in processes";
        m_info.summary = "N processes each compute a factorial; every process has its own GIL";
        m_info.group = ScenarioGroup::Processes;
        m_info.parameters = cpuwork::parameters(false, false);
        m_info.otherSides = {{{}, "gil-cpu-threads"}};
        m_info.whatToLookFor =
            "Each worker is a separate process with its own interpreter and its own GIL, so the "
            "compute spans overlap and every core is busy. Wall time is about N × one call "
            "divided by the number of cores; with more processes than cores, lanes take turns "
            "and show runnable time. Note the start latency of each process (the grey span "
            "before it runs): starting a process costs far more than starting a thread.";
        m_info.pythonSource = R"(import math
import multiprocessing
import os

def worker(num):
    print('Worker:', num, os.getpid())
    math.factorial(1_500_000)
    print('Worker:', num, 'finished')

if __name__ == '__main__':
    worker(0)                      # baseline: one call alone
    jobs = [multiprocessing.Process(target=worker, args=(i,)) for i in range(1, 4)]
    for p in jobs:
        p.start()
    for p in jobs:
        p.join()                   # ~3/cores x the baseline
)";
    }

    const ScenarioInfo& info() const override { return m_info; }

    void runMain(WorkerContext& main) const override
    {
        cpuwork::baseline(main);
        const auto count = main.integer("workers");
        main.mark(std::to_string(count) + " processes");
        std::vector<WorkerHandle> processes;
        for (std::int64_t i = 1; i <= count; ++i)
            processes.push_back(main.startProcess("Process-" + std::to_string(i), "worker", i));
        for (const WorkerHandle& process : processes)
            main.join(process);
    }

    void runRole(std::string_view role, WorkerContext& worker) const override
    {
        if (role != "worker")
            unknownRole(*this, role);
        const std::string number = std::to_string(worker.argument());
        worker.print("Worker: " + number + " " + std::to_string(getpid()));
        cpuwork::work(worker);
        worker.print("Worker: " + number + " finished");
    }

    void evaluate(const TraceStore& trace, const ParameterValues& parameters,
                  Results& results) const override
    {
        const cpuwork::Measurement m = cpuwork::measure(trace);
        const auto n = double(parameters.integer("workers"));
        const double cores = std::max(1, trace.run.machine.cores);
        cpuwork::report(m, n / std::min(n, cores), results);
        char ratio[64];
        std::snprintf(ratio, sizeof ratio, "%.2f ×", m.ratio);
        const bool parallel = m.workers < 2 || cores < 2 || m.overlapNs > 0;
        results.lessonShown = parallel;
        results.verdict = "processes ran in parallel: up to " + std::to_string(m.maxRunning) +
                          " at once on " + std::to_string(m.maxCoresBusy) + " cores; " +
                          std::to_string(m.workers) + " processes took " + ratio + " one call (" +
                          cpuwork::formatDuration(m.parallelNs) + " vs " +
                          cpuwork::formatDuration(m.singleNs) + ")";
        if (!parallel)
            results.verdict = "processes did not overlap: " + results.verdict;
    }

private:
    ScenarioInfo m_info;
};

} // namespace

const Scenario& cpuProcessesScenario()
{
    static const CpuProcesses scenario;
    return scenario;
}

} // namespace interleave
