#include "runtime/tracedmutex.h"
#include "runtime/workercontext.h"
#include "scenario/scenario.h"
#include "scenarios/catalog.h"
#include "trace/analysis.h"
#include "trace/tracestore.h"

namespace interleave {

namespace {

/// Ten processes print "hello world i", each under a shared multiprocessing.Lock.
class ProcessLockPrint final : public Scenario {
public:
    ProcessLockPrint()
    {
        m_info.id = "process-lock-print";
        m_info.title = "A lock shared by processes";
        m_info.summary = "Ten processes print under one multiprocessing.Lock; the print "
                         "sections never overlap";
        m_info.group = ScenarioGroup::LocksAndRaces;
        m_info.parameters = {
            ParameterSpec::integer("processes", "Processes", 10, 1, 32, "How many processes."),
            ParameterSpec::real("hold_ms", "Time inside the lock", 30.0, 0.0, 10'000.0,
                                "How long each process keeps the lock while printing (a slow "
                                "terminal).",
                                "ms"),
            timeScaleParameter(),
        };
        m_info.whatToLookFor =
            "The lock lives in shared memory (a robust process-shared mutex), so it works across "
            "processes. The processes start almost together and queue for it: the held sections "
            "follow each other without ever overlapping, and the order is whoever got there "
            "first, not 0, 1, 2 ... Click a lock wait to see who held the lock.";
        m_info.pythonSource = R"(from multiprocessing import Lock, Process

def f(lock, i):
    with lock:                     # one process at a time in here
        print('hello world', i)

if __name__ == '__main__':
    lock = Lock()
    for num in range(10):
        Process(target=f, args=(lock, num)).start()
)";
    }

    const ScenarioInfo& info() const override { return m_info; }

    void runMain(WorkerContext& main) const override
    {
        TracedMutex::create(main, "lock", true);
        std::vector<WorkerHandle> processes;
        for (std::int64_t i = 0; i < main.integer("processes"); ++i)
            processes.push_back(main.startProcess("Process-" + std::to_string(i), "printer", i));
        for (const WorkerHandle& process : processes)
            main.join(process);
    }

    void runRole(std::string_view role, WorkerContext& worker) const override
    {
        if (role != "printer")
            unknownRole(*this, role);
        TracedMutex lock = TracedMutex::find(worker, "lock");
        ScopedLock guard(lock);
        worker.print("hello world " + std::to_string(worker.argument()));
        worker.sleep(worker.real("hold_ms") / 1000.0);
    }

    void evaluate(const TraceStore& trace, const ParameterValues& parameters,
                  Results& results) const override
    {
        std::uint16_t lock = 0;
        for (const ObjectInfo& object : trace.objects()) {
            if (object.kind == ObjectKind::Mutex && object.name == "lock")
                lock = object.id;
        }
        std::vector<std::vector<Interval>> sections;
        std::int64_t contended = 0;
        for (std::uint16_t id : lanesWithRole(trace, "printer")) {
            const Lane& lane = trace.lane(id);
            sections.push_back(lockHolds(lane, lock));
            lane.events.forEach(0, lane.events.size(), id, [&](const Event& e) {
                contended += e.kind == EventKind::LockAcquire && e.object == lock &&
                             (e.flags & LockContended) != 0;
            });
        }
        std::int64_t printed = 0;
        for (const OutputLine& line : outputLines(trace))
            printed += line.text.rfind("hello world", 0) == 0;
        const std::uint64_t overlap = overlapTime(sections);
        const std::int64_t processes = parameters.integer("processes");
        results.set("printed", printed);
        results.set("sections_overlap_ns", std::int64_t(overlap));
        results.set("waited_for_lock", contended);
        results.lessonShown = printed == processes && overlap == 0;
        results.verdict = std::to_string(printed) + " print sections, never overlapping; " +
                          std::to_string(contended) + " processes had to wait for the lock";
    }

private:
    ScenarioInfo m_info;
};

} // namespace

const Scenario& processLockPrintScenario()
{
    static const ProcessLockPrint scenario;
    return scenario;
}

} // namespace interleave
