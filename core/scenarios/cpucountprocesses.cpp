#include "runtime/workercontext.h"
#include "scenario/scenario.h"
#include "scenarios/catalog.h"
#include "trace/analysis.h"
#include "trace/tracestore.h"

#include <set>
#include <unistd.h>

namespace interleave {

namespace {

/// One process per core computing, then ten threads doing the same under the GIL.
class CpuCountProcesses final : public Scenario {
public:
    CpuCountProcesses()
    {
        m_info.id = "cpu-count-processes";
        m_info.title = "One process per core, then ten threads";
        m_info.summary = "os.cpu_count() processes spread over every core; ten threads under "
                         "the GIL do not";
        m_info.group = ScenarioGroup::Processes;
        m_info.parameters = {
            ParameterSpec::integer("threads", "Threads", 10, 1, 64, "Threads in the second phase."),
            ParameterSpec::integer("iterations", "Iterations", 10, 1, 10'000,
                                   "Rounds of square_numbers."),
            ParameterSpec::integer("work_steps", "Work per round", 1'000'000, 0, 1'000'000'000,
                                   "Bytecodes computed per round (about 30 ns each)."),
            ParameterSpec::real("sleep_ms", "Sleep per round", 100.0, 0.0, 10'000.0,
                                "time.sleep() after each round.", "ms"),
            timeScaleParameter(),
        };
        m_info.whatToLookFor =
            "First phase: as many processes as the machine has cores, each with its own GIL; "
            "their compute bursts land on different cores at the same time, and the core lanes "
            "are all busy. Second phase: ten threads of one process doing the same work: under "
            "the GIL their bursts queue for it (amber) and only one core works at a time.";
        m_info.pythonSource = R"(import os
import time
from multiprocessing import Process
from threading import Thread

def square_numbers():
    for i in range(10):
        for j in range(30_000):    # some CPU work
            j * j
        time.sleep(0.1)

if __name__ == '__main__':
    processes = [Process(target=square_numbers) for _ in range(os.cpu_count())]
    for p in processes:
        p.start()
    for p in processes:
        p.join()
    threads = [Thread(target=square_numbers) for _ in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print('end main')
)";
    }

    const ScenarioInfo& info() const override { return m_info; }

    void runMain(WorkerContext& main) const override
    {
        const long cores = std::max(1L, sysconf(_SC_NPROCESSORS_ONLN));
        main.print(std::to_string(cores));
        main.mark("processes");
        std::vector<WorkerHandle> workers;
        for (long i = 1; i <= cores; ++i)
            workers.push_back(main.startProcess("Process-" + std::to_string(i), "square", i));
        for (const WorkerHandle& worker : workers)
            main.join(worker);
        main.mark("threads");
        workers.clear();
        for (std::int64_t i = 1; i <= main.integer("threads"); ++i)
            workers.push_back(main.startThread("Thread-" + std::to_string(i), "square-thread", i));
        for (const WorkerHandle& worker : workers)
            main.join(worker);
        main.print("end main");
    }

    void runRole(std::string_view role, WorkerContext& worker) const override
    {
        if (role != "square" && role != "square-thread")
            unknownRole(*this, role);
        for (std::int64_t i = 0; i < worker.integer("iterations"); ++i) {
            worker.bytecode(std::uint64_t(worker.integer("work_steps")));
            worker.sleep(worker.real("sleep_ms") / 1000.0);
        }
    }

    void evaluate(const TraceStore& trace, const ParameterValues&, Results& results) const override
    {
        const std::vector<std::uint16_t> processes = lanesWithRole(trace, "square");
        const std::vector<std::uint16_t> threads = lanesWithRole(trace, "square-thread");
        std::set<int> processCores;
        for (std::uint16_t id : processes) {
            for (int core : coresOfLane(trace.lane(id)))
                processCores.insert(core);
        }
        std::vector<std::vector<Interval>> threadRunning;
        for (std::uint16_t id : threads) {
            std::vector<Interval> running;
            for (const StateSpan& span : trace.lane(id).spans) {
                if (span.state == LaneState::Running)
                    running.push_back(Interval{span.start, span.end});
            }
            threadRunning.push_back(std::move(running));
        }
        const int cores = std::max(1, trace.run.machine.cores);
        const std::uint32_t busy = maxCoresBusyAtOnce(trace, processes);
        const std::uint32_t threadsAtOnce = maxOverlap(threadRunning);
        results.set("cores", std::int64_t(cores));
        results.set("processes", std::int64_t(processes.size()));
        results.set("cores_used_by_processes", std::int64_t(processCores.size()));
        results.set("max_cores_busy_processes", std::int64_t(busy));
        results.set("max_threads_running_at_once", std::int64_t(threadsAtOnce));
        results.lessonShown =
            int(processCores.size()) == cores && (cores < 2 || busy >= 2) && threadsAtOnce <= 1;
        results.verdict = std::to_string(processes.size()) + " processes used " +
                          std::to_string(processCores.size()) + " of " + std::to_string(cores) +
                          " cores (up to " + std::to_string(busy) + " at once); " +
                          std::to_string(threads.size()) + " threads under the GIL: at most " +
                          std::to_string(threadsAtOnce) + " running at a time";
    }

private:
    ScenarioInfo m_info;
};

} // namespace

const Scenario& cpuCountProcessesScenario()
{
    static const CpuCountProcesses scenario;
    return scenario;
}

} // namespace interleave
