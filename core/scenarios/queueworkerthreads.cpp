#include "runtime/tracedmutex.h"
#include "runtime/tracedqueue.h"
#include "runtime/workercontext.h"
#include "scenario/scenario.h"
#include "scenarios/catalog.h"
#include "trace/analysis.h"
#include "trace/tracestore.h"

#include <algorithm>
#include <map>
#include <set>

namespace interleave {

namespace {

/// Ten daemon worker threads take 20 items from a queue; the main thread waits with q.join().
class QueueWorkerThreads final : public Scenario {
public:
    QueueWorkerThreads()
    {
        m_info.id = "queue-worker-threads";
        m_info.title = "Worker threads draining a queue";
        m_info.summary = "Ten daemon threads handle 20 queued items; q.join() returns when all "
                         "are done";
        m_info.group = ScenarioGroup::QueuesAndPipes;
        m_info.parameters = {
            ParameterSpec::integer("threads", "Threads", 10, 1, 64, "How many worker threads."),
            ParameterSpec::integer("items", "Items", 20, 1, 10'000, "How many items to queue."),
            ParameterSpec::real("work_ms", "Work per item", 50.0, 0.0, 10'000.0,
                                "How long a worker spends on each item.", "ms"),
            timeScaleParameter(),
        };
        m_info.otherSides = {{"threads", {}}};
        m_info.whatToLookFor =
            "The main thread puts all the items at once, so the queue-depth chart jumps up and "
            "then steps down as the workers take them. Each item is taken exactly once and "
            "marked done with task_done(); the main thread's q.join() (a queue wait) returns "
            "right after the last task_done(). The workers are daemon threads stuck in get() "
            "forever: they end only because the program ends.";
        m_info.pythonSource = R"(import time
from queue import Queue
from threading import Lock, Thread, current_thread

def worker(q, lock):
    while True:
        value = q.get()
        time.sleep(0.05)           # process the item
        with lock:
            print(f'In {current_thread().name} got {value}')
        q.task_done()

q = Queue()
lock = Lock()
for i in range(10):
    Thread(target=worker, args=(q, lock), daemon=True).start()
for i in range(1, 21):
    q.put(i)
q.join()                           # returns once every item is task_done()
print('end main')
)";
    }

    const ScenarioInfo& info() const override { return m_info; }

    void runMain(WorkerContext& main) const override
    {
        TracedQueue queue = TracedQueue::create(main, "q", 65535, false);
        TracedMutex::create(main, "lock", false);
        for (std::int64_t i = 1; i <= main.integer("threads"); ++i)
            main.startThread("Thread-" + std::to_string(i), "worker", i, true);
        for (std::int64_t i = 1; i <= main.integer("items"); ++i)
            queue.put(i);
        queue.join();
        main.print("end main");
    }

    void runRole(std::string_view role, WorkerContext& worker) const override
    {
        if (role != "worker")
            unknownRole(*this, role);
        TracedQueue queue = TracedQueue::find(worker, "q");
        TracedMutex lock = TracedMutex::find(worker, "lock");
        for (;;) {
            const QueueMessage item = queue.get();
            worker.sleep(worker.real("work_ms") / 1000.0);
            {
                ScopedLock guard(lock);
                worker.print("In " + worker.name() + " got " + std::to_string(item.value));
            }
            queue.taskDone();
        }
    }

    void evaluate(const TraceStore& trace, const ParameterValues& parameters,
                  Results& results) const override
    {
        std::map<std::int64_t, int> taken;
        std::set<std::uint16_t> workers;
        std::uint64_t lastDone = 0, joined = 0;
        std::uint32_t maxDepth = 0;
        for (std::size_t i = 0; i < trace.laneCount(); ++i) {
            const Lane& lane = trace.lane(i);
            lane.events.forEach(0, lane.events.size(), lane.info.id, [&](const Event& e) {
                if (e.kind == EventKind::QueueGet) {
                    ++taken[std::int64_t(e.b)];
                    workers.insert(e.worker);
                }
                if (e.kind == EventKind::QueuePut || e.kind == EventKind::QueueGet)
                    maxDepth = std::max(maxDepth, queueDepth(e.a));
                if (e.kind == EventKind::QueueTaskDone)
                    lastDone = std::max(lastDone, e.tNs);
                if (e.kind == EventKind::QueueJoinEnd)
                    joined = e.tNs;
            });
        }
        const std::int64_t items = parameters.integer("items");
        bool eachOnce = std::int64_t(taken.size()) == items;
        for (const auto& [value, times] : taken)
            eachOnce = eachOnce && times == 1 && value >= 1 && value <= items;
        const bool joinAfterAll = joined > 0 && joined >= lastDone;
        results.set("items", items);
        results.set("taken", std::int64_t(taken.size()));
        results.set("each_once", eachOnce);
        results.set("join_after_last_done", joinAfterAll);
        results.set("workers_used", std::int64_t(workers.size()));
        results.set("max_depth", std::int64_t(maxDepth));
        results.lessonShown = eachOnce && joinAfterAll;
        results.verdict = std::to_string(taken.size()) + " of " + std::to_string(items) +
                          " items handled exactly once by " + std::to_string(workers.size()) +
                          " threads; q.join() returned after the last task_done()";
    }

private:
    ScenarioInfo m_info;
};

} // namespace

const Scenario& queueWorkerThreadsScenario()
{
    static const QueueWorkerThreads scenario;
    return scenario;
}

} // namespace interleave
