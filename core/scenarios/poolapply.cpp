#include "runtime/workercontext.h"
#include "runtime/workerpool.h"
#include "scenario/scenario.h"
#include "scenarios/catalog.h"
#include "trace/analysis.h"
#include "trace/tracestore.h"

#include <set>

namespace interleave {

namespace {

/// Thirty pool.apply() calls on a pool of three processes.
class PoolApply final : public Scenario {
public:
    PoolApply()
    {
        m_info.id = "pool-apply";
        m_info.title = "Pool.apply blocks";
        m_info.summary = "30 tasks through pool.apply on 3 processes run one at a time";
        m_info.group = ScenarioGroup::Pools;
        m_info.parameters = {
            ParameterSpec::integer("processes", "Pool size", 3, 1, 16, "Pool(processes=...)."),
            ParameterSpec::integer("tasks", "Tasks", 30, 1, 1000, "How many apply() calls."),
            ParameterSpec::integer("work_steps", "Work per task", 1'000'000, 0, 1'000'000'000,
                                   "Bytecodes each task computes (about 30 ns each)."),
            timeScaleParameter(),
        };
        m_info.otherSides = {{"processes", {}}};
        m_info.whatToLookFor =
            "apply() hands one task to the pool and then waits for its result before the loop "
            "can call it again. So although three worker processes exist, only one task bar "
            "is ever active: the main thread's queue waits alternate with exactly one busy "
            "worker. This is apply's real behaviour, not a delay: use map() or apply_async() "
            "to keep the pool busy.";
        m_info.pythonSource = R"(from multiprocessing import Pool

def f(i):
    print(i, end=' ')

if __name__ == '__main__':
    with Pool(processes=3) as pool:
        for i in range(30):
            pool.apply(f, (i,))    # waits for the result: one task at a time
)";
    }

    const ScenarioInfo& info() const override { return m_info; }

    void runMain(WorkerContext& main) const override
    {
        WorkerPool pool(main, "pool", int(main.integer("processes")), WorkerPool::Kind::Processes,
                        "pool-worker");
        for (std::int64_t i = 0; i < main.integer("tasks"); ++i)
            pool.apply(i);
        pool.close();
    }

    void runRole(std::string_view role, WorkerContext& worker) const override
    {
        if (role != "pool-worker")
            unknownRole(*this, role);
        const auto steps = std::uint64_t(worker.integer("work_steps"));
        WorkerPool::serve(worker, "pool", [steps](WorkerContext& w, std::int64_t i) {
            w.print(std::to_string(i));
            w.bytecode(steps);
            return i;
        });
    }

    void evaluate(const TraceStore& trace, const ParameterValues& parameters,
                  Results& results) const override
    {
        const std::vector<TaskRun> runs = taskRuns(trace);
        std::vector<std::vector<Interval>> perWorker(trace.laneCount());
        std::set<std::uint16_t> workers;
        for (const TaskRun& run : runs) {
            perWorker[run.worker].push_back(run.when);
            workers.insert(run.worker);
        }
        const std::uint32_t concurrent = maxOverlap(perWorker);
        const std::int64_t tasks = parameters.integer("tasks");
        results.set("tasks", tasks);
        results.set("tasks_run", std::int64_t(runs.size()));
        results.set("max_concurrent_tasks", std::int64_t(concurrent));
        results.set("workers_used", std::int64_t(workers.size()));
        results.lessonShown = std::int64_t(runs.size()) == tasks && concurrent <= 1;
        results.verdict = std::to_string(runs.size()) + " tasks ran one at a time (at most " +
                          std::to_string(concurrent) + " at once) although the pool has " +
                          std::to_string(parameters.integer("processes")) + " processes";
    }

private:
    ScenarioInfo m_info;
};

} // namespace

const Scenario& poolApplyScenario()
{
    static const PoolApply scenario;
    return scenario;
}

} // namespace interleave
