#include "python/pythonlessons.h"

#include "python/programverdict.h"
#include "python/pythonprogram.h"
#include "runtime/workercontext.h"

#include <fstream>
#include <functional>
#include <map>
#include <sstream>

namespace interleave {

namespace {

/// One lesson program: its file, its parameters, and how they become the script's arguments.
class PythonLesson : public Scenario {
public:
    using ArgumentsOf = std::function<std::vector<std::string>(const ParameterValues&)>;

    PythonLesson(ScenarioInfo info, std::string file, ArgumentsOf arguments)
        : m_info(std::move(info))
        , m_file(std::move(file))
        , m_arguments(std::move(arguments))
    {
        m_info.group = ScenarioGroup::Python;
        m_info.pythonSource = readLesson();
    }

    const ScenarioInfo& info() const override { return m_info; }
    bool usesGil(const ParameterValues&) const override { return false; }
    std::string mainLaneName() const override { return "interleave"; }
    void adjustSegment(const ParameterValues& parameters, SegmentConfig& segment) const override
    {
        program(parameters).adjustSegment(parameters, segment);
    }
    bool explainsFailedRuns() const override { return true; }
    void runMain(WorkerContext& main) const override { program(main.parameters()).runMain(main); }
    void runRole(std::string_view role, WorkerContext&) const override { unknownRole(*this, role); }
    void evaluate(const TraceStore& trace, const ParameterValues&, Results& results) const override
    {
        evaluateProgram(trace, m_file, results);
    }

private:
    /// The lesson as a program to trace; throws UsageError when the tracer is not installed.
    PythonProgram program(const ParameterValues& parameters) const
    {
        PythonProgramSpec spec;
        spec.script = findTracerDir() + "/lessons/" + m_file;
        spec.arguments = m_arguments ? m_arguments(parameters) : std::vector<std::string>{};
        spec.stdinFromNull = true;
        spec.outputToNull = true;
        spec.id = m_info.id;
        spec.title = m_info.title;
        return PythonProgram(spec);
    }

    std::string readLesson() const
    {
        try {
            std::ifstream in(findTracerDir() + "/lessons/" + m_file);
            std::ostringstream text;
            text << in.rdbuf();
            if (!text.str().empty())
                return text.str();
        } catch (const std::exception&) {
        }
        return "# " + m_file + " is not installed beside interleave (rebuild with .ci/dev build)\n";
    }

    ScenarioInfo m_info;
    std::string m_file;
    ArgumentsOf m_arguments;
};

ScenarioInfo lessonInfo(std::string id, std::string title, std::string summary,
                        std::string whatToLookFor, std::vector<ParameterSpec> parameters = {})
{
    ScenarioInfo info;
    info.id = std::move(id);
    info.title = std::move(title);
    info.summary = std::move(summary);
    info.whatToLookFor = std::move(whatToLookFor);
    info.parameters = std::move(parameters);
    // The parameter whose other value shows the other side of the lesson.
    static const std::map<std::string, std::string> otherSide = {
        {"python-lost-update", "lock"},   {"python-value-race", "lock"},
        {"python-cpu-processes", "kind"}, {"python-thread-pool", "workers"},
        {"python-pool-tasks", "workers"},
    };
    if (const auto it = otherSide.find(info.id); it != otherSide.end())
        info.otherSides = {OtherSide{it->second, {}}};
    return info;
}

} // namespace

const Scenario& pythonGilThreadsLesson()
{
    static const PythonLesson lesson(
        lessonInfo(
            "python-gil-cpu-threads", "CPU-bound threads on CPython's own GIL",
            "the real interpreter: 3 CPU-bound threads take turns holding the GIL",
            "The interpreter's own GIL, read from CPython as it runs: only one thread "
            "runs Python at any moment. With a pure-Python loop the holder is asked to "
            "drop the GIL after the switch interval (5 ms) and hands it over; the others "
            "wait (orange). math.factorial is one C call: it keeps the GIL until it "
            "returns. Click a wait to see who held the GIL.",
            {ParameterSpec::choice("work", "Work", "loop", {"loop", "factorial"},
                                   "A pure-Python loop, or one long math.factorial call."),
             ParameterSpec::integer("threads", "Threads", 3, 1, 8, "How many CPU-bound threads.")}),
        "gil_cpu_threads.py", [](const ParameterValues& p) {
            return std::vector<std::string>{p.choice("work"), std::to_string(p.integer("threads"))};
        });
    return lesson;
}

const Scenario& pythonSleepingThreadsLesson()
{
    static const PythonLesson lesson(
        lessonInfo("python-sleeping-threads", "time.sleep releases the real GIL",
                   "the real interpreter: three sleeping threads overlap",
                   "time.sleep lets go of the GIL: the three sleepers wait at the same time, so "
                   "the program takes one sleep (0.3 s), not three."),
        "sleeping_threads.py", nullptr);
    return lesson;
}

const Scenario& pythonLostUpdateLesson()
{
    static const PythonLesson lesson(
        lessonInfo("python-lost-update", "Read, sleep, write: a lost update in real Python",
                   "the real interpreter: two threads update one global, with or without a Lock",
                   "Each teller reads the balance, sleeps, and writes what it read plus one. "
                   "Without a lock both read the same value and one deposit is lost (the printed "
                   "balance is short); with the Lock the second teller waits (lock wait) until "
                   "the first has written, and every deposit counts.",
                   {ParameterSpec::boolean("lock", "Use a Lock", false,
                                           "Guard read-sleep-write with threading.Lock."),
                    ParameterSpec::integer("rounds", "Deposits per teller", 5, 1, 50,
                                           "How many deposits each of the two threads makes.")}),
        "lost_update.py", [](const ParameterValues& p) {
            std::vector<std::string> arguments;
            if (p.boolean("lock"))
                arguments.push_back("--lock");
            arguments.push_back(std::to_string(p.integer("rounds")));
            return arguments;
        });
    return lesson;
}

const Scenario& pythonLockHolderLesson()
{
    static const PythonLesson lesson(
        lessonInfo("python-lock-holder", "Who holds the lock I wait for?",
                   "the real interpreter: a thread blocked on a Lock and its holder",
                   "`waiter` asks for the lock while `holder` keeps it for 0.2 s: the wait is "
                   "red, and clicking it draws the hand-over from the holder's release."),
        "lock_holder.py", nullptr);
    return lesson;
}

const Scenario& pythonQueueWorkersLesson()
{
    static const PythonLesson lesson(
        lessonInfo("python-queue-workers", "Ten daemon workers on a queue.Queue",
                   "the real interpreter: task_done / join over ten daemon worker threads",
                   "The main thread fills the queue at once (the depth chart jumps), ten daemon "
                   "workers drain it, each job exactly once; join() returns when every job was "
                   "marked done, and the daemons end with the program.",
                   {ParameterSpec::integer("jobs", "Jobs", 100, 10, 1000,
                                           "How many jobs go into the queue.")}),
        "queue_workers.py", [](const ParameterValues& p) {
            return std::vector<std::string>{std::to_string(p.integer("jobs"))};
        });
    return lesson;
}

const Scenario& pythonThreadPoolLesson()
{
    static const PythonLesson lesson(
        lessonInfo("python-thread-pool", "ThreadPoolExecutor over waiting tasks",
                   "the real interpreter: ten 0.1 s tasks on 1 to 16 pool workers",
                   "Each submit is a put on the pool's work queue, each task runs from start to "
                   "done on a worker lane. More workers finish sooner — until there are more "
                   "workers than tasks to share.",
                   {ParameterSpec::integer("workers", "Workers", 4, 1, 16,
                                           "max_workers of the ThreadPoolExecutor.")}),
        "pool_sleep.py", [](const ParameterValues& p) {
            return std::vector<std::string>{std::to_string(p.integer("workers"))};
        });
    return lesson;
}

const Scenario& pythonCpuProcessesLesson()
{
    static const PythonLesson lesson(
        lessonInfo("python-cpu-processes", "CPU-bound processes vs threads, for real",
                   "the real interpreter: the same loop in 2 processes or in 2 threads",
                   "Each process is an interpreter with a GIL of its own: the processes run "
                   "Python at the same time on different cores and take about as long as one "
                   "call. As threads of one interpreter they take turns under its GIL (orange "
                   "waits) and take about twice as long. The printed ratio says it.",
                   {ParameterSpec::choice("kind", "Run in", "processes", {"processes", "threads"},
                                          "multiprocessing.Process or threading.Thread."),
                    ParameterSpec::integer("workers", "Workers", 2, 1, 8,
                                           "How many loops run side by side.")}),
        "cpu_processes.py", [](const ParameterValues& p) {
            return std::vector<std::string>{p.choice("kind"), std::to_string(p.integer("workers"))};
        });
    return lesson;
}

const Scenario& pythonValueRaceLesson()
{
    static const PythonLesson lesson(
        lessonInfo("python-value-race", "A shared Value loses updates between processes",
                   "the real interpreter: processes do val.value += 1 with a 10 ms sleep between",
                   "Each process reads the Value, sleeps, and writes what it read plus one. "
                   "Without the lock another process reads the same value meanwhile: its write "
                   "wipes out the first one (each x points at the write it overwrote) and the "
                   "total comes out short. With val.get_lock() the processes wait for each other "
                   "(lock waits) and every update counts.",
                   {ParameterSpec::boolean("lock", "Use get_lock()", false,
                                           "Guard read-sleep-write with the Value's own lock."),
                    ParameterSpec::integer("processes", "Processes", 4, 2, 10,
                                           "How many processes add to the Value."),
                    ParameterSpec::integer("increments", "Increments each", 10, 1, 50,
                                           "How many times each process adds one.")}),
        "value_race.py", [](const ParameterValues& p) {
            return std::vector<std::string>{p.boolean("lock") ? "lock" : "nolock",
                                            std::to_string(p.integer("processes")),
                                            std::to_string(p.integer("increments"))};
        });
    return lesson;
}

const Scenario& pythonQueueSentinelLesson()
{
    static const PythonLesson lesson(
        lessonInfo("python-queue-sentinel", "Creator and consumer processes over a Queue",
                   "the real interpreter: a multiprocessing.Queue ended by a None sentinel",
                   "The creator puts faster than the consumer takes, so the queue fills (depth "
                   "chart); the consumer stops at the sentinel, having taken every item once.",
                   {ParameterSpec::integer("items", "Items", 40, 5, 500, "How many items.")}),
        "queue_sentinel.py", [](const ParameterValues& p) {
            return std::vector<std::string>{std::to_string(p.integer("items"))};
        });
    return lesson;
}

const Scenario& pythonPipeLesson()
{
    static const PythonLesson lesson(
        lessonInfo("python-pipe", "A message through a Pipe",
                   "the real interpreter: a child process sends one message to its parent",
                   "The parent blocks in recv() (queue / pipe wait) until the child's send: the "
                   "message is received once, after it was sent."),
        "pipe_message.py", nullptr);
    return lesson;
}

const Scenario& pythonPoolTasksLesson()
{
    static const PythonLesson lesson(
        lessonInfo("python-pool-tasks", "Pool.map vs Pool.apply on worker processes",
                   "the real interpreter: twelve 20 ms tasks on a Pool of worker processes",
                   "map hands the tasks to every worker at once (task bars side by side on the "
                   "ForkPoolWorker lanes) and returns the results in order; apply in a loop "
                   "waits for each result, so one task runs at a time.",
                   {ParameterSpec::choice("mode", "Call", "map", {"map", "apply"},
                                          "pool.map over all tasks, or pool.apply in a loop."),
                    ParameterSpec::integer("workers", "Workers", 3, 1, 8, "Pool size.")}),
        "pool_tasks.py", [](const ParameterValues& p) {
            return std::vector<std::string>{p.choice("mode"), std::to_string(p.integer("workers"))};
        });
    return lesson;
}

const Scenario& pythonKilledChildLesson()
{
    static const PythonLesson lesson(
        lessonInfo("python-killed-child", "A child process killed with kill -9",
                   "the real interpreter: SIGKILL in the middle of a child's work",
                   "The child prints a line every 10 ms until the parent kills it: its lane ends "
                   "crashed (signal 9), everything it printed before stays, and the parent's "
                   "join() returns with exit code -9."),
        "killed_child.py", nullptr);
    return lesson;
}

} // namespace interleave
