#include "base/clock.h"
#include "runtime/sharedvalue.h"
#include "runtime/tracedmutex.h"
#include "runtime/workercontext.h"
#include "scenario/scenario.h"
#include "scenarios/catalog.h"
#include "trace/analysis.h"
#include "trace/tracestore.h"

#include <algorithm>
#include <random>

namespace interleave {

namespace {

/// Ten processes increment a shared multiprocessing.Value, with or without a Lock.
class SharedValueRace final : public Scenario {
public:
    SharedValueRace()
    {
        m_info.id = "shared-value-race";
        m_info.title = "Race on a shared Value between processes";
        m_info.summary = "Processes do val.value += 1 on a shared counter; without a lock "
                         "updates are lost";
        m_info.group = ScenarioGroup::LocksAndRaces;
        m_info.parameters = {
            ParameterSpec::integer("processes", "Processes", 10, 1, 32,
                                   "How many processes increment the counter."),
            ParameterSpec::integer("increments", "Increments each", 50, 1, 10'000,
                                   "How many times each process adds 1."),
            ParameterSpec::real("sleep_ms", "Sleep before each increment", 10.0, 0.0, 1000.0,
                                "time.sleep() before each increment, in milliseconds.", "ms"),
            ParameterSpec::real("sleep_jitter_ms", "Sleep jitter", 1.0, 0.0, 100.0,
                                "How much each sleep varies either way, as on a busy machine "
                                "(0: exact sleeps, which can keep the processes out of each "
                                "other's way for a whole run).",
                                "ms"),
            ParameterSpec::boolean("lock", "Use a lock", false,
                                   "Wrap each increment in `with lock:`."),
            // With the sleeps' jitter, wide enough that the race shows in practically every
            // run; still a real, unforced race.
            ParameterSpec::integer("rmw_bytecodes", "Bytecodes between read and write", 5'000, 0,
                                   1'000'000,
                                   "Interpreter work between reading and writing the value "
                                   "(the window in which another process can slip in)."),
            timeScaleParameter(),
        };
        m_info.otherSides = {{"lock", {}}};
        m_info.whatToLookFor =
            "val.value += 1 is a read, an addition and a write. Without the lock two processes "
            "can read the same value and both write value + 1: one increment is lost. Each "
            "read and write is on the timeline with its value; a lost update is marked on the "
            "write that overwrote another one. The final value falls short of processes × "
            "increments in most runs. With the lock every increment happens inside `with "
            "lock:`, the lock-wait spans show processes queueing for it, and the total is "
            "always exact.";
        m_info.pythonSource = R"(import time
from multiprocessing import Lock, Process, Value

def func(val, lock, use_lock):
    for _ in range(50):
        time.sleep(0.01)
        if use_lock:
            with lock:
                val.value += 1
        else:
            val.value += 1         # read, add, write: not atomic

if __name__ == '__main__':
    v = Value('i', 0)
    lock = Lock()
    procs = [Process(target=func, args=(v, lock, False)) for _ in range(10)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    print(v.value)                 # often less than 500
)";
    }

    const ScenarioInfo& info() const override { return m_info; }

    void runMain(WorkerContext& main) const override
    {
        SharedValue value = SharedValue::create(main, "val", 0);
        TracedMutex::create(main, "lock", true);
        std::vector<WorkerHandle> processes;
        const auto count = main.integer("processes");
        for (std::int64_t i = 1; i <= count; ++i)
            processes.push_back(main.startProcess("Process-" + std::to_string(i), "increment", i));
        for (const WorkerHandle& process : processes)
            main.join(process);
        main.print(std::to_string(value.load()));
    }

    void runRole(std::string_view role, WorkerContext& worker) const override
    {
        if (role != "increment")
            unknownRole(*this, role);
        SharedValue value = SharedValue::find(worker, "val");
        TracedMutex lock = TracedMutex::find(worker, "lock");
        const bool useLock = worker.boolean("lock");
        const auto increments = worker.integer("increments");
        const double sleep = worker.real("sleep_ms") / 1000.0;
        const double jitter = worker.real("sleep_jitter_ms") / 1000.0;
        // Exact 10 ms sleeps keep processes that started 1 ms apart 1 ms apart for the whole
        // run: they never meet. Real sleeps wander; so do these.
        std::mt19937_64 random(Clock::now() ^
                               std::uint64_t(worker.argument()) * 0x9E3779B97F4A7C15ull);
        std::uniform_real_distribution<double> wander(-jitter, jitter);
        const auto window = std::uint64_t(worker.integer("rmw_bytecodes"));
        auto increment = [&] {
            const std::int64_t read = value.load();
            worker.interpret(window);
            value.store(read + 1);
        };
        for (std::int64_t i = 0; i < increments; ++i) {
            worker.sleep(std::max(0.0, sleep + (jitter > 0 ? wander(random) : 0.0)));
            if (useLock) {
                ScopedLock guard(lock);
                increment();
            } else {
                increment();
            }
        }
    }

    void evaluate(const TraceStore& trace, const ParameterValues& parameters,
                  Results& results) const override
    {
        const std::int64_t expected =
            parameters.integer("processes") * parameters.integer("increments");
        std::uint16_t valueId = 0;
        for (const ObjectInfo& object : trace.objects()) {
            if (object.kind == ObjectKind::Value && object.name == "val")
                valueId = object.id;
        }
        const LostUpdateReport report = analyseLostUpdates(trace, valueId);
        const std::int64_t final = report.writes.empty() ? 0 : finalValue(trace, valueId);
        const std::int64_t lost = expected - final;
        results.set("final_value", final);
        results.set("expected", expected);
        results.set("lost_updates", lost);
        results.set("overwrites_found", std::int64_t(report.lost.size()));
        results.set("lock", parameters.boolean("lock"));
        if (lost == 0) {
            results.verdict = "no update lost: final value " + std::to_string(final) + " of " +
                              std::to_string(expected);
        } else {
            // What the timeline draws: one ✕ per stale write, each undoing one or more updates.
            const std::size_t stale = report.lost.size();
            results.verdict =
                "lost " + std::to_string(lost) + " of " + std::to_string(expected) +
                " updates: final value " + std::to_string(final) + "; " + std::to_string(stale) +
                (stale == 1 ? " stale write" : " stale writes") + " (each marked ✕) overwrote " +
                (report.totalLost == 1
                     ? "another process's update"
                     : std::to_string(report.totalLost) + " updates of other processes");
        }
        results.lessonShown = parameters.boolean("lock") ? lost == 0 : lost > 0;
    }

private:
    /// The value the main thread printed at the end (its last read).
    static std::int64_t finalValue(const TraceStore& trace, std::uint16_t valueId)
    {
        std::int64_t value = 0;
        const Lane& main = trace.lane(0);
        main.events.forEach(0, main.events.size(), 0, [&](const Event& e) {
            if (e.kind == EventKind::ValueRead && e.object == valueId)
                value = std::int64_t(e.b);
        });
        return value;
    }

    ScenarioInfo m_info;
};

} // namespace

const Scenario& sharedValueRaceScenario()
{
    static const SharedValueRace scenario;
    return scenario;
}

} // namespace interleave
