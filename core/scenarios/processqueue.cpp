#include "runtime/tracedqueue.h"
#include "runtime/workercontext.h"
#include "scenario/scenario.h"
#include "scenarios/catalog.h"
#include "scenarios/cpuwork.h"
#include "trace/analysis.h"
#include "trace/tracestore.h"

#include <map>

namespace interleave {

namespace {

/// One process puts messages on a multiprocessing.Queue, another gets them.
class ProcessQueue final : public Scenario {
public:
    ProcessQueue()
    {
        m_info.id = "process-queue";
        m_info.title = "A queue between two processes";
        m_info.summary = "One process puts messages on a multiprocessing.Queue, another gets them";
        m_info.group = ScenarioGroup::QueuesAndPipes;
        m_info.parameters = {
            ParameterSpec::integer("messages", "Messages", 3, 1, 10'000, "How many to put."),
            ParameterSpec::real("interval_ms", "Pause between puts", 200.0, 0.0, 10'000.0,
                                "The producer waits this long before each put.", "ms"),
            timeScaleParameter(),
        };
        m_info.whatToLookFor =
            "The queue lives in shared memory between the two processes. The getter blocks on "
            "the empty queue (queue wait) until the putter puts; each put in one process is "
            "joined to the get of the same item in the other, and the queue-depth chart goes "
            "0 → 1 → 0 for every message.";
        m_info.pythonSource = R"(import time
from multiprocessing import Process, Queue

def f1(queue):
    for i in range(3):
        time.sleep(0.2)
        queue.put('Hello labex %d' % i)

def f2(queue):
    for _ in range(3):
        print(queue.get())         # blocks while the queue is empty

if __name__ == '__main__':
    queue = Queue()
    p1 = Process(target=f1, args=(queue,))
    p2 = Process(target=f2, args=(queue,))
    p1.start()
    p2.start()
    p1.join()
    p2.join()
)";
    }

    const ScenarioInfo& info() const override { return m_info; }

    void runMain(WorkerContext& main) const override
    {
        TracedQueue::create(main, "queue", 1024, true);
        const WorkerHandle putter = main.startProcess("f1", "putter");
        const WorkerHandle getter = main.startProcess("f2", "getter");
        main.join(putter);
        main.join(getter);
    }

    void runRole(std::string_view role, WorkerContext& worker) const override
    {
        TracedQueue queue = TracedQueue::find(worker, "queue");
        const std::int64_t messages = worker.integer("messages");
        if (role == "putter") {
            for (std::int64_t i = 0; i < messages; ++i) {
                worker.sleep(worker.real("interval_ms") / 1000.0);
                queue.put(i, "Hello labex " + std::to_string(i));
            }
        } else if (role == "getter") {
            for (std::int64_t i = 0; i < messages; ++i)
                worker.print(queue.get().text);
        } else {
            unknownRole(*this, role);
        }
    }

    void evaluate(const TraceStore& trace, const ParameterValues& parameters,
                  Results& results) const override
    {
        struct Side {
            std::uint16_t lane;
            std::int32_t pid;
            std::uint64_t t;
        };
        std::map<std::uint32_t, Side> puts, gets; // by item sequence
        for (std::size_t i = 0; i < trace.laneCount(); ++i) {
            const Lane& lane = trace.lane(i);
            lane.events.forEach(0, lane.events.size(), lane.info.id, [&](const Event& e) {
                if (e.kind == EventKind::QueuePut)
                    puts[queueSequence(e.a)] = Side{e.worker, lane.info.pid, e.tNs};
                if (e.kind == EventKind::QueueGet)
                    gets[queueSequence(e.a)] = Side{e.worker, lane.info.pid, e.tNs};
            });
        }
        std::int64_t crossed = 0;
        std::vector<std::uint64_t> latencies;
        for (const auto& [sequence, got] : gets) {
            const auto put = puts.find(sequence);
            if (put != puts.end() && put->second.pid != got.pid && put->second.t <= got.t) {
                ++crossed;
                latencies.push_back(got.t - put->second.t);
            }
        }
        const std::int64_t messages = parameters.integer("messages");
        results.set("puts", std::int64_t(puts.size()));
        results.set("gets", std::int64_t(gets.size()));
        results.set("crossed_processes", crossed);
        results.set("median_latency_ns", std::int64_t(median(latencies)));
        results.lessonShown = crossed == messages;
        results.verdict = std::to_string(crossed) + " of " + std::to_string(messages) +
                          " items put in one process were got in the other; median put-to-get " +
                          cpuwork::formatDuration(median(latencies));
    }

private:
    ScenarioInfo m_info;
};

} // namespace

const Scenario& processQueueScenario()
{
    static const ProcessQueue scenario;
    return scenario;
}

} // namespace interleave
