#include "runtime/tracedqueue.h"
#include "runtime/workercontext.h"
#include "scenario/scenario.h"
#include "scenarios/catalog.h"
#include "trace/tracestore.h"

#include <algorithm>

namespace interleave {

namespace {

constexpr std::int64_t kSentinel = -1;

/// A creator process fills a multiprocessing.Queue; a consumer drains it until a sentinel.
class QueueSentinel final : public Scenario {
public:
    QueueSentinel()
    {
        m_info.id = "queue-sentinel";
        m_info.title = "Producer and consumer processes with a sentinel";
        m_info.summary = "A creator process puts items on a queue, a consumer takes them until "
                         "the sentinel -1";
        m_info.group = ScenarioGroup::QueuesAndPipes;
        m_info.parameters = {
            ParameterSpec::integer("items", "Items", 6, 1, 1000,
                                   "Data items the creator puts before the sentinel."),
            ParameterSpec::real("put_interval_ms", "Creator pause", 100.0, 0.0, 10'000.0,
                                "Time the creator takes to make each item.", "ms"),
            ParameterSpec::real("work_ms", "Consumer work per item", 250.0, 0.0, 10'000.0,
                                "Time the consumer spends processing each item.", "ms"),
            ParameterSpec::integer("capacity", "Queue capacity", 100, 1, 65535,
                                   "Queue(maxsize); a full queue blocks the creator."),
            timeScaleParameter(),
        };
        m_info.whatToLookFor =
            "The creator is faster than the consumer, so the queue-depth chart climbs while "
            "both run and falls back to zero once the creator is done. Each put is paired "
            "with the get that took the same item. The consumer blocks (queue wait) whenever "
            "the queue is empty, and stops when it gets the sentinel -1: every item arrives, "
            "in order, none lost.";
        m_info.pythonSource = R"(import time
from multiprocessing import Process, Queue

sentinel = -1

def creator(data, q):
    print('Creating data and putting it on the queue')
    for item in data:
        time.sleep(0.1)
        q.put(item)
    q.put(sentinel)

def consumer(q):
    while True:
        data = q.get()
        print('data found to be processed: {}'.format(data))
        if data == sentinel:
            break
        time.sleep(0.25)           # processing
        print(data * 2)

if __name__ == '__main__':
    q = Queue()
    data = [5, 10, 13, 18, 21, 26]
    p1 = Process(target=creator, args=(data, q))
    p2 = Process(target=consumer, args=(q,))
    p1.start()
    p2.start()
    p1.join()
    p2.join()
)";
    }

    const ScenarioInfo& info() const override { return m_info; }

    /// The i-th data item (0-based): 5, 10, 13, 18, 21, 26, ... like the lesson's list.
    static std::int64_t item(std::int64_t i) { return 5 + 8 * (i / 2) + (i % 2 == 0 ? 0 : 5); }

    void runMain(WorkerContext& main) const override
    {
        TracedQueue::create(main, "q", std::uint32_t(main.integer("capacity")), true);
        const WorkerHandle creator = main.startProcess("creator", "creator");
        const WorkerHandle consumer = main.startProcess("consumer", "consumer");
        main.join(creator);
        main.join(consumer);
    }

    void runRole(std::string_view role, WorkerContext& worker) const override
    {
        TracedQueue queue = TracedQueue::find(worker, "q");
        if (role == "creator") {
            worker.print("Creating data and putting it on the queue");
            const auto items = worker.integer("items");
            const double pause = worker.real("put_interval_ms") / 1000.0;
            for (std::int64_t i = 0; i < items; ++i) {
                worker.sleep(pause);
                queue.put(item(i));
            }
            queue.put(kSentinel);
        } else if (role == "consumer") {
            const double work = worker.real("work_ms") / 1000.0;
            for (;;) {
                const QueueMessage message = queue.get();
                worker.print("data found to be processed: " + std::to_string(message.value));
                if (message.value == kSentinel)
                    break;
                worker.sleep(work);
                worker.print(std::to_string(message.value * 2));
            }
        } else {
            unknownRole(*this, role);
        }
    }

    void evaluate(const TraceStore& trace, const ParameterValues& parameters,
                  Results& results) const override
    {
        std::vector<std::int64_t> put, got;
        std::uint32_t maxDepth = 0, lastDepth = 0;
        std::uint64_t lastTime = 0;
        bool consumerStoppedAtSentinel = false;
        for (std::size_t i = 0; i < trace.laneCount(); ++i) {
            const Lane& lane = trace.lane(i);
            bool sawSentinel = false;
            bool getAfterSentinel = false;
            lane.events.forEach(0, lane.events.size(), lane.info.id, [&](const Event& e) {
                if (e.kind != EventKind::QueuePut && e.kind != EventKind::QueueGet)
                    return;
                const auto value = std::int64_t(e.b);
                (e.kind == EventKind::QueuePut ? put : got).push_back(value);
                maxDepth = std::max(maxDepth, queueDepth(e.a));
                if (e.tNs >= lastTime) {
                    lastTime = e.tNs;
                    lastDepth = queueDepth(e.a);
                }
                if (e.kind == EventKind::QueueGet) {
                    if (sawSentinel)
                        getAfterSentinel = true;
                    if (value == kSentinel)
                        sawSentinel = true;
                }
            });
            if (lane.info.role == "consumer")
                consumerStoppedAtSentinel =
                    sawSentinel && !getAfterSentinel && lane.info.fate == WorkerFate::Returned;
        }
        const auto items = parameters.integer("items");
        std::vector<std::int64_t> expected;
        for (std::int64_t i = 0; i < items; ++i)
            expected.push_back(item(i));
        expected.push_back(kSentinel);
        const bool inOrder = got == expected && put == expected;

        results.set("puts", std::int64_t(put.size()));
        results.set("gets", std::int64_t(got.size()));
        results.set("max_depth", std::int64_t(maxDepth));
        results.set("final_depth", std::int64_t(lastDepth));
        results.set("in_order", inOrder);
        results.set("stopped_at_sentinel", consumerStoppedAtSentinel);
        results.set("lost_items", std::int64_t(put.size()) - std::int64_t(got.size()));
        results.lessonShown = inOrder && consumerStoppedAtSentinel && lastDepth == 0;
        if (results.lessonShown) {
            results.verdict = "queue depth rose to " + std::to_string(maxDepth) +
                              " and fell to 0; the consumer got all " + std::to_string(items) +
                              " items in order and stopped at the sentinel";
        } else {
            results.verdict =
                "the queue did not deliver as expected: " + std::to_string(got.size()) + " of " +
                std::to_string(put.size()) + " items taken" + (inOrder ? "" : ", out of order") +
                (consumerStoppedAtSentinel ? ""
                                           : ", consumer did not stop at the "
                                             "sentinel");
        }
    }

private:
    ScenarioInfo m_info;
};

} // namespace

const Scenario& queueSentinelScenario()
{
    static const QueueSentinel scenario;
    return scenario;
}

} // namespace interleave
