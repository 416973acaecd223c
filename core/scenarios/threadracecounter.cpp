#include "runtime/sharedvalue.h"
#include "runtime/tracedmutex.h"
#include "runtime/workercontext.h"
#include "scenario/scenario.h"
#include "scenarios/catalog.h"
#include "trace/analysis.h"
#include "trace/tracestore.h"

namespace interleave {

namespace {

/// Two threads each add one to a shared "database value" through a local copy and a sleep.
class ThreadRaceCounter final : public Scenario {
public:
    ThreadRaceCounter()
    {
        m_info.id = "thread-race-counter";
        m_info.title = "Race between threads on a shared variable";
        m_info.summary = "Two threads read, copy, sleep and write back a shared value: without "
                         "a lock the end value is 1";
        m_info.group = ScenarioGroup::LocksAndRaces;
        m_info.parameters = {
            ParameterSpec::integer("threads", "Threads", 2, 1, 16, "How many threads add one."),
            ParameterSpec::boolean("lock", "Use a lock", false,
                                   "Do the read-copy-sleep-write under `with lock:`."),
            ParameterSpec::real("sleep_ms", "Sleep between read and write", 100.0, 0.0, 10'000.0,
                                "time.sleep() between copying the value and writing it back.",
                                "ms"),
            timeScaleParameter(),
        };
        m_info.otherSides = {{"lock", {}}};
        m_info.whatToLookFor =
            "Threads share memory. Each thread reads database_value into a local copy, adds "
            "one, sleeps and writes the copy back. The sleep lets the other thread read the "
            "same old value, so both write 1: the end value is 1, not 2, and the timeline points "
            "at the write that overwrote the other thread's update. With the lock, the second "
            "thread waits for the first's whole read-sleep-write and the end value is 2.";
        m_info.pythonSource = R"(import threading
import time

database_value = 0
lock = threading.Lock()

def increase():
    global database_value
    local_copy = database_value    # read
    local_copy += 1                # modify
    time.sleep(0.1)                # the other thread reads the old value now
    database_value = local_copy    # write: one update is lost

print('Start value', database_value)
threads = [threading.Thread(target=increase) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print('End value', database_value)  # 1 (with `with lock:` around the body: 2)
)";
    }

    const ScenarioInfo& info() const override { return m_info; }

    void runMain(WorkerContext& main) const override
    {
        SharedValue value = SharedValue::create(main, "database_value", 0);
        TracedMutex::create(main, "lock", false);
        main.print("Start value " + std::to_string(value.load()));
        std::vector<WorkerHandle> threads;
        for (std::int64_t i = 1; i <= main.integer("threads"); ++i)
            threads.push_back(main.startThread("Thread-" + std::to_string(i), "increase", i));
        for (const WorkerHandle& thread : threads)
            main.join(thread);
        main.print("End value " + std::to_string(value.load()));
    }

    void runRole(std::string_view role, WorkerContext& worker) const override
    {
        if (role != "increase")
            unknownRole(*this, role);
        SharedValue value = SharedValue::find(worker, "database_value");
        TracedMutex lock = TracedMutex::find(worker, "lock");
        auto increase = [&] {
            std::int64_t local = value.load();
            local += 1;
            worker.sleep(worker.real("sleep_ms") / 1000.0);
            value.store(local);
        };
        if (worker.boolean("lock")) {
            ScopedLock guard(lock);
            increase();
        } else {
            increase();
        }
    }

    void evaluate(const TraceStore& trace, const ParameterValues& parameters,
                  Results& results) const override
    {
        std::uint16_t valueId = 0;
        for (const ObjectInfo& object : trace.objects()) {
            if (object.kind == ObjectKind::Value)
                valueId = object.id;
        }
        std::int64_t final = 0;
        const Lane& main = trace.lane(0);
        main.events.forEach(0, main.events.size(), 0, [&](const Event& e) {
            if (e.kind == EventKind::ValueRead && e.object == valueId)
                final = std::int64_t(e.b);
        });
        const LostUpdateReport report = analyseLostUpdates(trace, valueId);
        const std::int64_t expected = parameters.integer("threads");
        results.set("final_value", final);
        results.set("expected", expected);
        results.set("lost_updates", expected - final);
        results.set("overwrites_found", std::int64_t(report.lost.size()));
        results.set("lock", parameters.boolean("lock"));
        results.lessonShown = parameters.boolean("lock") ? final == expected : final < expected;
        results.verdict = "end value " + std::to_string(final) + " of " + std::to_string(expected) +
                          (final < expected ? ": " + std::to_string(expected - final) + " update" +
                                                  (expected - final == 1 ? " was" : "s were") +
                                                  " overwritten by a stale write"
                                            : ": every update counted");
    }

private:
    ScenarioInfo m_info;
};

} // namespace

const Scenario& threadRaceCounterScenario()
{
    static const ThreadRaceCounter scenario;
    return scenario;
}

} // namespace interleave
