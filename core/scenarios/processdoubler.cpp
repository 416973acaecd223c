#include "runtime/workercontext.h"
#include "scenario/scenario.h"
#include "scenarios/catalog.h"
#include "trace/analysis.h"
#include "trace/tracestore.h"

#include <map>
#include <set>
#include <unistd.h>

namespace interleave {

namespace {

/// Five processes each double a number and print their pid; the parent joins each.
class ProcessDoubler final : public Scenario {
public:
    ProcessDoubler()
    {
        m_info.id = "process-doubler";
        m_info.title = "Processes, their pids, and join";
        m_info.summary = "Five processes each double a number and print their own pid; the "
                         "parent joins each";
        m_info.group = ScenarioGroup::Processes;
        m_info.parameters = {
            ParameterSpec::integer("processes", "Processes", 5, 1, 32,
                                   "How many numbers, one process each (5, 10, 15, ...)."),
            ParameterSpec::integer("work_steps", "Work per process", 2'000'000, 0, 1'000'000'000,
                                   "Bytecodes of work before doubling (makes the joins visible)."),
            timeScaleParameter(),
        };
        m_info.whatToLookFor =
            "Every Process lane is a separate process with its own pid, printed by the child "
            "itself. Each lane starts with a grey start-up span: creating a process takes "
            "milliseconds. The main thread then joins the children in order; its joining "
            "spans end only when the child it waits for has ended, so join() is where the "
            "parent blocks.";
        m_info.pythonSource = R"(import os
from multiprocessing import Process

def doubler(number):
    result = number * 2
    print('{0} doubled to {1} by process id: {2}'.format(number, result, os.getpid()))

if __name__ == '__main__':
    numbers = [5, 10, 15, 20, 25]
    procs = [Process(target=doubler, args=(n,)) for n in numbers]
    for proc in procs:
        proc.start()
    for proc in procs:
        proc.join()                # blocks until that child has ended
)";
    }

    const ScenarioInfo& info() const override { return m_info; }

    void runMain(WorkerContext& main) const override
    {
        std::vector<WorkerHandle> procs;
        for (std::int64_t i = 1; i <= main.integer("processes"); ++i)
            procs.push_back(main.startProcess("Process-" + std::to_string(i), "doubler", 5 * i));
        for (const WorkerHandle& proc : procs)
            main.join(proc);
    }

    void runRole(std::string_view role, WorkerContext& worker) const override
    {
        if (role != "doubler")
            unknownRole(*this, role);
        worker.interpret(std::uint64_t(worker.integer("work_steps")));
        const std::int64_t number = worker.argument();
        worker.print(std::to_string(number) + " doubled to " + std::to_string(number * 2) +
                     " by process id: " + std::to_string(getpid()));
    }

    void evaluate(const TraceStore& trace, const ParameterValues& parameters,
                  Results& results) const override
    {
        // Each child's own line must name its own pid.
        std::int64_t ownPid = 0;
        std::set<std::int32_t> pids;
        for (const OutputLine& line : outputLines(trace)) {
            const Lane& lane = trace.lane(line.worker);
            const auto at = line.text.rfind(": ");
            if (at != std::string::npos &&
                line.text.substr(at + 2) == std::to_string(lane.info.pid)) {
                ++ownPid;
                pids.insert(lane.info.pid);
            }
        }
        // The parent's joins end after the child they wait for has ended.
        std::int64_t joinsAfterEnd = 0, joins = 0;
        const Lane& main = trace.lane(0);
        main.events.forEach(0, main.events.size(), 0, [&](const Event& e) {
            if (e.kind != EventKind::JoinEnd || e.a >= trace.laneCount())
                return;
            ++joins;
            const WorkerInfo& child = trace.lane(std::size_t(e.a)).info;
            joinsAfterEnd += child.endNs > 0 && e.tNs >= child.endNs;
        });
        const std::int64_t children = parameters.integer("processes");
        results.set("children", children);
        results.set("printed_own_pid", ownPid);
        results.set("distinct_pids", std::int64_t(pids.size()));
        results.set("joins", joins);
        results.set("joins_after_child_ended", joinsAfterEnd);
        results.lessonShown = ownPid == children && std::int64_t(pids.size()) == children &&
                              joinsAfterEnd == children;
        results.verdict = std::to_string(ownPid) + " of " + std::to_string(children) +
                          " processes printed their own pid; the parent's " +
                          std::to_string(joins) + " joins each returned after the child had ended";
    }

private:
    ScenarioInfo m_info;
};

} // namespace

const Scenario& processDoublerScenario()
{
    static const ProcessDoubler scenario;
    return scenario;
}

} // namespace interleave
