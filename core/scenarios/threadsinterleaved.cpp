#include "runtime/workercontext.h"
#include "scenario/scenario.h"
#include "scenarios/catalog.h"
#include "trace/analysis.h"
#include "trace/tracestore.h"

namespace interleave {

namespace {

/// Three threads count 0..9 with a short sleep between prints.
class ThreadsInterleaved final : public Scenario {
public:
    ThreadsInterleaved()
    {
        m_info.id = "threads-interleaved";
        m_info.title = "Worker threads taking turns";
        m_info.summary = "Threads print 0..9 with 50 ms sleeps; their lines interleave";
        m_info.group = ScenarioGroup::Threads;
        m_info.parameters = {
            ParameterSpec::integer("threads", "Threads", 3, 1, 16, "How many worker threads."),
            ParameterSpec::integer("count", "Numbers each", 10, 1, 1000,
                                   "Each thread prints 0 up to this number minus one."),
            ParameterSpec::real("sleep_ms", "Sleep after each print", 50.0, 0.0, 10'000.0,
                                "time.sleep() after each print, in milliseconds.", "ms"),
            timeScaleParameter(),
        };
        m_info.whatToLookFor =
            "Each thread spends almost all its time asleep (blue) and wakes for an instant to "
            "print. While one sleeps the others run, so the lanes interleave and the console "
            "shows 0 0 0 1 1 1 ...: the threads take turns, pseudo-parallel, without blocking "
            "each other. The order within a round can change from run to run.";
        m_info.pythonSource = R"(import threading
import time

class Worker(threading.Thread):
    def run(self):
        for i in range(10):
            print(i)
            time.sleep(0.05)

threads = [Worker() for _ in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
)";
    }

    const ScenarioInfo& info() const override { return m_info; }

    void runMain(WorkerContext& main) const override
    {
        std::vector<WorkerHandle> threads;
        for (std::int64_t i = 1; i <= main.integer("threads"); ++i)
            threads.push_back(main.startThread("Thread-" + std::to_string(i), "worker", i));
        for (const WorkerHandle& thread : threads)
            main.join(thread);
    }

    void runRole(std::string_view role, WorkerContext& worker) const override
    {
        if (role != "worker")
            unknownRole(*this, role);
        const double sleep = worker.real("sleep_ms") / 1000.0;
        for (std::int64_t i = 0; i < worker.integer("count"); ++i) {
            worker.print(std::to_string(i));
            worker.sleep(sleep);
        }
    }

    void evaluate(const TraceStore& trace, const ParameterValues& parameters,
                  Results& results) const override
    {
        const std::vector<OutputLine> lines = outputLines(trace);
        std::int64_t switches = 0;
        for (std::size_t i = 1; i < lines.size(); ++i)
            switches += lines[i].worker != lines[i - 1].worker;
        std::vector<std::vector<Interval>> sleeping;
        for (std::uint16_t lane : lanesWithRole(trace, "worker")) {
            std::vector<Interval> spans;
            for (const StateSpan& span : trace.lane(lane).spans) {
                if (span.state == LaneState::Sleeping)
                    spans.push_back(Interval{span.start, span.end});
            }
            sleeping.push_back(std::move(spans));
        }
        const std::int64_t expected = parameters.integer("threads") * parameters.integer("count");
        results.set("lines", std::int64_t(lines.size()));
        results.set("expected_lines", expected);
        results.set("thread_switches", switches);
        results.set("sleep_overlap_ns", std::int64_t(overlapTime(sleeping)));
        const bool several = parameters.integer("threads") > 1 && parameters.integer("count") > 1;
        results.lessonShown = std::int64_t(lines.size()) == expected &&
                              (!several || switches >= parameters.integer("count"));
        results.verdict = std::to_string(lines.size()) + " lines from " +
                          std::to_string(parameters.integer("threads")) +
                          " threads; the printing thread changed " + std::to_string(switches) +
                          " times: the threads took turns";
    }

private:
    ScenarioInfo m_info;
};

} // namespace

const Scenario& threadsInterleavedScenario()
{
    static const ThreadsInterleaved scenario;
    return scenario;
}

} // namespace interleave
