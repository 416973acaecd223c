#include "runtime/workercontext.h"
#include "scenario/scenario.h"
#include "scenarios/catalog.h"
#include "scenarios/cpuwork.h"
#include "trace/analysis.h"
#include "trace/tracestore.h"

#include <cstdio>

namespace interleave {

namespace {

/// Starts a thread, then a process, several times, and compares how long each took to start.
class StartCost final : public Scenario {
public:
    StartCost()
    {
        m_info.id = "start-cost";
        m_info.title = "Starting a thread vs starting a process";
        m_info.summary = "A thread and a process are started in turn; the process takes far "
                         "longer to start";
        m_info.group = ScenarioGroup::Processes;
        m_info.parameters = {
            ParameterSpec::integer("starts", "Rounds", 5, 1, 100,
                                   "How many times to start each (the median is reported)."),
            timeScaleParameter(),
        };
        m_info.whatToLookFor =
            "Each lane begins with a grey starting span: from the moment start() was called to "
            "the worker's first instruction. A thread shares its parent's memory and starts in "
            "tens of microseconds; a process must be created, load an executable and map the "
            "shared memory, which takes milliseconds. Zoom into the starting spans to compare.";
        m_info.pythonSource = R"(import time
from multiprocessing import Process
from threading import Thread

def hello():
    print('hello')

if __name__ == '__main__':
    for _ in range(5):
        for kind in (Thread, Process):
            start = time.perf_counter()
            worker = kind(target=hello)
            worker.start()
            worker.join()
            print(kind.__name__, time.perf_counter() - start)
)";
    }

    const ScenarioInfo& info() const override { return m_info; }

    void runMain(WorkerContext& main) const override
    {
        for (std::int64_t i = 1; i <= main.integer("starts"); ++i) {
            main.join(main.startThread("Thread-" + std::to_string(i), "hello", i));
            main.join(main.startProcess("Process-" + std::to_string(i), "hello", i));
        }
    }

    void runRole(std::string_view role, WorkerContext& worker) const override
    {
        if (role != "hello")
            unknownRole(*this, role);
        worker.print("hello from " + worker.name());
    }

    void evaluate(const TraceStore& trace, const ParameterValues&, Results& results) const override
    {
        std::vector<std::uint64_t> threads, processes;
        for (std::size_t i = 1; i < trace.laneCount(); ++i) {
            const WorkerInfo& info = trace.lane(i).info;
            if (info.startNs <= info.spawnNs || info.spawnNs == 0)
                continue;
            (info.kind == WorkerKind::Process ? processes : threads)
                .push_back(info.startNs - info.spawnNs);
        }
        const std::uint64_t thread = median(threads);
        const std::uint64_t process = median(processes);
        const double ratio = thread > 0 ? double(process) / double(thread) : 0.0;
        results.set("thread_start_ns", std::int64_t(thread));
        results.set("process_start_ns", std::int64_t(process));
        results.set("ratio", ratio);
        results.lessonShown = !threads.empty() && !processes.empty() && process > thread;
        char times[64];
        std::snprintf(times, sizeof times, "%.0f ×", ratio);
        results.verdict = "starting a process took " + cpuwork::formatDuration(process) +
                          ", a thread " + cpuwork::formatDuration(thread) + " (medians of " +
                          std::to_string(threads.size()) + "): a process is " + times +
                          " slower to start";
    }

private:
    ScenarioInfo m_info;
};

} // namespace

const Scenario& startCostScenario()
{
    static const StartCost scenario;
    return scenario;
}

} // namespace interleave
