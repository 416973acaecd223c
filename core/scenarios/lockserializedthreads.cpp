#include "runtime/tracedmutex.h"
#include "runtime/workercontext.h"
#include "scenario/scenario.h"
#include "scenarios/catalog.h"
#include "scenarios/cpuwork.h"
#include "trace/analysis.h"
#include "trace/tracestore.h"

#include <cstdio>

namespace interleave {

namespace {

/// Two threads print the time five times each, the whole loop under one lock.
class LockSerializedThreads final : public Scenario {
public:
    LockSerializedThreads()
    {
        m_info.id = "lock-serialized-threads";
        m_info.title = "Threads serialised by a lock";
        m_info.summary = "Two threads print the time under one lock: the second waits for the "
                         "first's whole run";
        m_info.group = ScenarioGroup::LocksAndRaces;
        m_info.parameters = {
            ParameterSpec::real("delay_1", "Thread-1 delay", 0.2, 0.0, 10.0,
                                "Thread-1 sleeps this long before each print.", "s"),
            ParameterSpec::real("delay_2", "Thread-2 delay", 0.4, 0.0, 10.0,
                                "Thread-2 sleeps this long before each print.", "s"),
            ParameterSpec::integer("prints", "Prints each", 5, 1, 100,
                                   "How many times each thread prints the time."),
            timeScaleParameter(),
        };
        m_info.whatToLookFor =
            "Thread-1 takes the lock and keeps it for its whole loop of prints. Thread-2 starts "
            "at once, asks for the same lock and waits (vermillion) for all of it: one long "
            "lock-wait span whose holder is Thread-1, then Thread-2 runs its own loop. The lock "
            "turns two threads into one-after-the-other.";
        m_info.pythonSource = R"(import threading
import time

lock = threading.Lock()

class MyThread(threading.Thread):
    def __init__(self, name, delay):
        super().__init__(name=name)
        self.delay = delay

    def run(self):
        print('Starting ' + self.name)
        with lock:                 # held for the whole loop
            for _ in range(5):
                time.sleep(self.delay)
                print('%s: %s' % (self.name, time.ctime(time.time())))
            print('Exiting ' + self.name)

threads = [MyThread('Thread-1', 0.2), MyThread('Thread-2', 0.4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
)";
    }

    const ScenarioInfo& info() const override { return m_info; }

    void runMain(WorkerContext& main) const override
    {
        TracedMutex::create(main, "threadLock", false);
        const WorkerHandle first = main.startThread("Thread-1", "printer", 1);
        const WorkerHandle second = main.startThread("Thread-2", "printer", 2);
        main.join(first);
        main.join(second);
    }

    void runRole(std::string_view role, WorkerContext& worker) const override
    {
        if (role != "printer")
            unknownRole(*this, role);
        TracedMutex lock = TracedMutex::find(worker, "threadLock");
        const double delay = worker.real(worker.argument() == 1 ? "delay_1" : "delay_2");
        const std::uint64_t start = worker.slot().spawnNs;
        worker.print("Starting " + worker.name());
        ScopedLock guard(lock);
        for (std::int64_t i = 0; i < worker.integer("prints"); ++i) {
            worker.sleep(delay);
            char line[96];
            std::snprintf(line, sizeof line, "%s: %.2f s after start", worker.name().c_str(),
                          double(Clock::now() - start) / 1e9);
            worker.print(line);
        }
        worker.print("Exiting " + worker.name());
    }

    void evaluate(const TraceStore& trace, const ParameterValues&, Results& results) const override
    {
        std::uint16_t lock = 0;
        for (const ObjectInfo& object : trace.objects()) {
            if (object.kind == ObjectKind::Mutex && object.name == "threadLock")
                lock = object.id;
        }
        const std::vector<std::uint16_t> printers = lanesWithRole(trace, "printer");
        // The thread that got the lock second, and how long it waited for it.
        std::uint16_t waiter = kNoWorker, holder = kNoWorker;
        std::uint64_t waited = 0;
        for (std::uint16_t id : printers) {
            const Lane& lane = trace.lane(id);
            lane.events.forEach(0, lane.events.size(), id, [&](const Event& e) {
                if (e.kind == EventKind::LockAcquire && e.object == lock &&
                    (e.flags & LockContended) != 0) {
                    waiter = id;
                    holder = e.a > 0 ? std::uint16_t(e.a - 1) : kNoWorker;
                }
            });
            for (const StateSpan& span : lane.spans) {
                if (span.state == LaneState::LockWait && span.object == lock && id == waiter)
                    waited += span.duration();
            }
        }
        std::uint64_t held = 0;
        if (holder != kNoWorker && holder < trace.laneCount()) {
            for (const Interval& hold : lockHolds(trace.lane(holder), lock))
                held += hold.end - hold.start;
        }
        results.set("lock_wait_ns", std::int64_t(waited));
        results.set("holder_held_ns", std::int64_t(held));
        results.set("waiter", waiter != kNoWorker ? trace.lane(waiter).info.name : "");
        results.set("holder", holder != kNoWorker && holder < trace.laneCount()
                                  ? trace.lane(holder).info.name
                                  : "");
        results.lessonShown = waiter != kNoWorker && holder != kNoWorker && held > 0 &&
                              double(waited) >= 0.8 * double(held);
        if (waiter == kNoWorker) {
            results.verdict = "no thread had to wait for the lock";
        } else {
            results.verdict =
                trace.lane(waiter).info.name + " waited " + cpuwork::formatDuration(waited) +
                " for the lock that " + trace.lane(holder).info.name + " held for " +
                cpuwork::formatDuration(held) + ": the threads ran one after the other";
        }
    }

private:
    ScenarioInfo m_info;
};

} // namespace

const Scenario& lockSerializedThreadsScenario()
{
    static const LockSerializedThreads scenario;
    return scenario;
}

} // namespace interleave
