#include "runtime/tracedpipe.h"
#include "runtime/workercontext.h"
#include "scenario/scenario.h"
#include "scenarios/catalog.h"
#include "scenarios/cpuwork.h"
#include "trace/analysis.h"
#include "trace/tracestore.h"

#include <map>

namespace interleave {

namespace {

/// One process sends messages down a pipe, another receives and prints them.
class PipeScenario final : public Scenario {
public:
    PipeScenario()
    {
        m_info.id = "pipe";
        m_info.title = "A pipe between two processes";
        m_info.summary = "One process sends messages through a pipe, another receives them";
        m_info.group = ScenarioGroup::QueuesAndPipes;
        m_info.parameters = {
            ParameterSpec::integer("messages", "Messages", 3, 1, 10'000, "How many to send."),
            ParameterSpec::real("interval_ms", "Pause between sends", 200.0, 0.0, 10'000.0,
                                "The sender waits this long before each message.", "ms"),
            timeScaleParameter(),
        };
        m_info.whatToLookFor =
            "The receiver blocks in recv() (the pipe wait) until the sender writes. Each send is "
            "joined to the recv that took it; the gap between them is the pipe's latency, a few "
            "microseconds, tiny next to starting the processes. Messages arrive in the order "
            "they were sent.";
        m_info.pythonSource = R"(import time
from multiprocessing import Pipe, Process

def sender(conn):
    for i in range(3):
        time.sleep(0.2)
        conn.send('Hello labex %d' % i)

def receiver(conn):
    for _ in range(3):
        print(conn.recv())         # blocks until a message arrives

if __name__ == '__main__':
    receive_end, send_end = Pipe(duplex=False)
    p1 = Process(target=sender, args=(send_end,))
    p2 = Process(target=receiver, args=(receive_end,))
    p1.start()
    p2.start()
    p1.join()
    p2.join()
)";
    }

    const ScenarioInfo& info() const override { return m_info; }

    void runMain(WorkerContext& main) const override
    {
        TracedPipe::create(main, "pipe");
        const WorkerHandle sender = main.startProcess("sender", "sender");
        const WorkerHandle receiver = main.startProcess("receiver", "receiver");
        main.join(sender);
        main.join(receiver);
    }

    void runRole(std::string_view role, WorkerContext& worker) const override
    {
        TracedPipe pipe = TracedPipe::find(worker, "pipe");
        const std::int64_t messages = worker.integer("messages");
        if (role == "sender") {
            for (std::int64_t i = 0; i < messages; ++i) {
                worker.sleep(worker.real("interval_ms") / 1000.0);
                pipe.send("Hello labex " + std::to_string(i));
            }
        } else if (role == "receiver") {
            for (std::int64_t i = 0; i < messages; ++i)
                worker.print(pipe.recv());
        } else {
            unknownRole(*this, role);
        }
    }

    void evaluate(const TraceStore& trace, const ParameterValues& parameters,
                  Results& results) const override
    {
        std::map<std::uint64_t, std::uint64_t> sent;     // sequence -> time
        std::map<std::uint64_t, std::uint64_t> received; // sequence -> time
        std::vector<std::uint64_t> order;
        for (std::size_t i = 0; i < trace.laneCount(); ++i) {
            const Lane& lane = trace.lane(i);
            lane.events.forEach(0, lane.events.size(), lane.info.id, [&](const Event& e) {
                if (e.kind == EventKind::PipeSend)
                    sent[e.a] = e.tNs;
                if (e.kind == EventKind::PipeRecv) {
                    received[e.a] = e.tNs;
                    order.push_back(e.a);
                }
            });
        }
        std::int64_t matched = 0;
        std::vector<std::uint64_t> latencies;
        for (const auto& [sequence, at] : received) {
            const auto send = sent.find(sequence);
            if (send != sent.end() && send->second <= at) {
                ++matched;
                latencies.push_back(at - send->second);
            }
        }
        const bool inOrder = std::is_sorted(order.begin(), order.end());
        const std::int64_t messages = parameters.integer("messages");
        results.set("sent", std::int64_t(sent.size()));
        results.set("received", std::int64_t(received.size()));
        results.set("matched", matched);
        results.set("in_order", inOrder);
        results.set("median_latency_ns", std::int64_t(median(latencies)));
        results.lessonShown = matched == messages && inOrder;
        results.verdict = std::to_string(matched) + " of " + std::to_string(messages) +
                          " messages sent and received in order; median pipe latency " +
                          cpuwork::formatDuration(median(latencies));
    }

private:
    ScenarioInfo m_info;
};

} // namespace

const Scenario& pipeScenario()
{
    static const PipeScenario scenario;
    return scenario;
}

} // namespace interleave
