#include "runtime/workercontext.h"
#include "runtime/workerpool.h"
#include "scenario/scenario.h"
#include "scenarios/catalog.h"
#include "trace/analysis.h"
#include "trace/tracestore.h"

#include <set>

namespace interleave {

namespace {

std::string listText(const std::vector<std::int64_t>& values)
{
    std::string text = "[";
    for (std::size_t i = 0; i < values.size(); ++i)
        text += (i ? ", " : "") + std::to_string(values[i]);
    return text + "]";
}

/// The i-th input: 5, 10, 20, 30, 40, ...
std::int64_t input(std::int64_t i)
{
    return i == 0 ? 5 : 10 * i;
}

/// Pool(3).map(doubler, numbers) on real worker processes.
class PoolMap final : public Scenario {
public:
    PoolMap()
    {
        m_info.id = "pool-map";
        m_info.title = "Pool.map over worker processes";
        m_info.summary = "A pool of 3 processes doubles a list of numbers; results come back in "
                         "input order";
        m_info.group = ScenarioGroup::Pools;
        m_info.parameters = {
            ParameterSpec::integer("processes", "Pool size", 3, 1, 16, "Pool(processes=...)."),
            ParameterSpec::integer("numbers", "Numbers", 3, 1, 1000,
                                   "How many numbers to double (5, 10, 20, 30, ...)."),
            ParameterSpec::integer("work_steps", "Work per task", 3'000'000, 0, 1'000'000'000,
                                   "Bytecodes each task computes before returning (about 30 ns "
                                   "each)."),
            timeScaleParameter(),
        };
        m_info.otherSides = {{"processes", {}}};
        m_info.whatToLookFor =
            "The pool starts its worker processes once and keeps them. map() puts every number "
            "on the pool's task queue; idle workers take them, so the task bars spread over the "
            "pool's lanes and run in parallel. Results come back on a result queue in whatever "
            "order the workers finish, yet map() returns them in input order: [10, 20, 40].";
        m_info.pythonSource = R"(from multiprocessing import Pool

def doubler(number):
    return number * 2

if __name__ == '__main__':
    numbers = [5, 10, 20]
    with Pool(processes=3) as pool:
        print(pool.map(doubler, numbers))   # [10, 20, 40], in input order
)";
    }

    const ScenarioInfo& info() const override { return m_info; }

    void runMain(WorkerContext& main) const override
    {
        WorkerPool pool(main, "pool", int(main.integer("processes")), WorkerPool::Kind::Processes,
                        "pool-worker");
        std::vector<std::int64_t> numbers;
        for (std::int64_t i = 0; i < main.integer("numbers"); ++i)
            numbers.push_back(input(i));
        main.print(listText(pool.map(numbers)));
        pool.close();
    }

    void runRole(std::string_view role, WorkerContext& worker) const override
    {
        if (role != "pool-worker")
            unknownRole(*this, role);
        const auto steps = std::uint64_t(worker.integer("work_steps"));
        WorkerPool::serve(worker, "pool", [steps](WorkerContext& w, std::int64_t n) {
            w.bytecode(steps);
            return n * 2;
        });
    }

    void evaluate(const TraceStore& trace, const ParameterValues& parameters,
                  Results& results) const override
    {
        std::vector<std::int64_t> expected;
        for (std::int64_t i = 0; i < parameters.integer("numbers"); ++i)
            expected.push_back(input(i) * 2);
        std::string printed;
        for (const OutputLine& line : outputLines(trace)) {
            if (line.worker == 0)
                printed = line.text;
        }
        std::set<std::uint16_t> workers;
        for (const TaskRun& run : taskRuns(trace))
            workers.insert(run.worker);
        const bool inOrder = printed == listText(expected);
        const auto tasks = std::int64_t(expected.size());
        const std::int64_t pool = parameters.integer("processes");
        results.set("result", printed);
        results.set("in_input_order", inOrder);
        results.set("tasks", tasks);
        results.set("workers_used", std::int64_t(workers.size()));
        results.lessonShown = inOrder && (std::min(tasks, pool) < 2 || workers.size() >= 2);
        results.verdict = "map returned " + printed + " in input order; the " +
                          std::to_string(tasks) + " tasks ran on " +
                          std::to_string(workers.size()) + " of " + std::to_string(pool) +
                          " pool processes";
        if (!inOrder)
            results.verdict = "map returned " + printed + ", expected " + listText(expected);
    }

private:
    ScenarioInfo m_info;
};

} // namespace

const Scenario& poolMapScenario()
{
    static const PoolMap scenario;
    return scenario;
}

} // namespace interleave
