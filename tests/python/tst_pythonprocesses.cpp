/// Lessons of multiprocessing from real code: the project's programs (tests/data/python) run
/// through `interleave trace`, every child process traced on its own lanes with its own GIL.
#include "trace/analysis.h"
#include "tracedprogram.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <regex>

namespace interleave::test {
namespace {

std::int64_t resultInteger(const TraceStore& trace, const std::string& name)
{
    const auto* value = trace.results.find(name);
    return value ? std::get<std::int64_t>(*value) : -1;
}

double printedRatio(const TracedProgram& run)
{
    std::smatch match;
    const std::regex ratio("ratio ([0-9.]+)");
    return std::regex_search(run.out, match, ratio) ? std::stod(match[1]) : -1.0;
}

std::vector<const Lane*> processLanes(const TraceStore& trace, const std::string& prefix)
{
    std::vector<const Lane*> lanes;
    for (const Lane* lane : programLanes(trace)) {
        if (lane->info.kind == WorkerKind::Process && lane->info.name.rfind(prefix, 0) == 0)
            lanes.push_back(lane);
    }
    return lanes;
}

/// Time two lanes spent running at the same moment.
std::uint64_t runningTogether(const Lane& first, const Lane& second)
{
    std::uint64_t together = 0;
    for (std::size_t i = 0; i < first.spans.size(); ++i) {
        const StateSpan& a = first.spans[i];
        if (a.state != LaneState::Running)
            continue;
        for (std::size_t j = 0; j < second.spans.size(); ++j) {
            const StateSpan& b = second.spans[j];
            if (b.state == LaneState::Running && b.start < a.end && a.start < b.end)
                together += std::min(a.end, b.end) - std::max(a.start, b.start);
        }
    }
    return together;
}

std::uint64_t runningTime(const Lane& lane)
{
    std::uint64_t total = 0;
    for (std::size_t i = 0; i < lane.spans.size(); ++i)
        total += lane.spans[i].state == LaneState::Running ? lane.spans[i].duration() : 0;
    return total;
}

// What the trace shows, whatever the machine's speed: two processes run Python at the same
// time for most of their work, two threads never do. (How long each takes against one call is
// compared with the re-enactment, measured back to back, in tst_pythonfidelity.)
TEST(PythonProcesses, ProcessesComputeAtOnceWhileThreadsTakeTurns)
{
    const TracedProgram processes =
        traceProgram("cpu_processes.py", {"processes", "2", "10000000"});
    ASSERT_EQ(processes.exitStatus, 0) << processes.err;
    ASSERT_TRUE(processes.trace);
    const auto children = processLanes(*processes.trace, "process-");
    ASSERT_EQ(children.size(), 2u);
    // Each its own interpreter: a GIL of its own, and both run Python at the same time.
    EXPECT_NE(children[0]->info.pid, children[1]->info.pid);
    EXPECT_EQ(mostAtOnce(children, LaneState::Running), 2u);
    EXPECT_EQ(resultInteger(*processes.trace, "processes"), 3);
    const std::uint64_t shorter = std::min(runningTime(*children[0]), runningTime(*children[1]));
    EXPECT_GT(runningTogether(*children[0], *children[1]), shorter / 2) << processes.out;

    const TracedProgram threads = traceProgram("cpu_processes.py", {"threads", "2", "10000000"});
    ASSERT_EQ(threads.exitStatus, 0) << threads.err;
    EXPECT_EQ(mostAtOnce(programLanes(*threads.trace), LaneState::Running), 1u);
    const Lane* first = laneCalled(*threads.trace, "thread-1");
    const Lane* second = laneCalled(*threads.trace, "thread-2");
    ASSERT_TRUE(first && second);
    EXPECT_EQ(runningTogether(*first, *second), 0u);
    EXPECT_GT(printedRatio(processes), 0.0) << processes.out;
}

TEST(PythonProcesses, AValueLosesUpdatesWithoutItsLockAndNoneWithIt)
{
    int racedRuns = 0;
    for (int run = 0; run < 3; ++run) {
        const TracedProgram race = traceProgram("value_race.py", {"nolock", "10", "50"});
        ASSERT_EQ(race.exitStatus, 0) << race.err;
        ASSERT_TRUE(race.trace);
        std::smatch match;
        ASSERT_TRUE(std::regex_search(race.out, match, std::regex("value ([0-9]+) of 500")))
            << race.out;
        const std::int64_t final = std::stoll(match[1]);
        const std::int64_t lost = resultInteger(*race.trace, "lost_updates");
        // What the trace counts is what the program lost.
        EXPECT_EQ(lost, 500 - final);
        if (lost > 0) {
            ++racedRuns;
            EXPECT_NE(race.trace->results.verdict.find("updates lost on Value value_race.py"),
                      std::string::npos);
        }
    }
    EXPECT_GE(racedRuns, 2);

    const TracedProgram locked = traceProgram("value_race.py", {"lock", "10", "50"});
    ASSERT_EQ(locked.exitStatus, 0) << locked.err;
    EXPECT_NE(locked.out.find("value 500 of 500"), std::string::npos) << locked.out;
    EXPECT_EQ(resultInteger(*locked.trace, "lost_updates"), 0);
    // get_lock() is a lock the processes wait for, handed over between them.
    EXPECT_GT(resultInteger(*locked.trace, "lock_waits"), 0);
    bool handedOver = false;
    for (const Lane* lane : processLanes(*locked.trace, "Process-")) {
        for (const Event& e : eventsOf(*lane, EventKind::LockAcquire))
            handedOver |= (e.flags & LockContended) != 0 && e.a != 0 && e.a - 1 != lane->info.id;
    }
    EXPECT_TRUE(handedOver);
}

TEST(PythonProcesses, TheCtypesStandInCountsTheLostUpdatesAsTheExtensionDoes)
{
    const TracedProgram race =
        traceProgram("value_race.py", {"nolock", "10", "50"}, withInferredGil());
    ASSERT_EQ(race.exitStatus, 0) << race.err;
    ASSERT_TRUE(race.trace);
    std::smatch match;
    ASSERT_TRUE(std::regex_search(race.out, match, std::regex("value ([0-9]+) of 500")))
        << race.out;
    EXPECT_EQ(resultInteger(*race.trace, "lost_updates"), 500 - std::stoll(match[1]));
}

TEST(PythonProcesses, AQueueWithASentinelStopsWithNothingLost)
{
    const TracedProgram run = traceProgram("queue_sentinel.py", {"40"});
    ASSERT_EQ(run.exitStatus, 0) << run.err;
    EXPECT_NE(run.out.find("consumed 40 items, sum 820 of 820"), std::string::npos) << run.out;
    const Lane* creator = laneCalled(*run.trace, "creator");
    const Lane* consumer = laneCalled(*run.trace, "consumer");
    ASSERT_TRUE(creator && consumer);
    EXPECT_EQ(eventsOf(*creator, EventKind::QueuePut).size(), 41u); // 40 items and the sentinel
    EXPECT_EQ(eventsOf(*consumer, EventKind::QueueGet).size(), 41u);
    // The slower consumer lets the queue fill, and it is empty at the end.
    EXPECT_GT(resultInteger(*run.trace, "deepest_queue_depth"), 3);
    EXPECT_EQ(eventsOf(*consumer, EventKind::QueueGet).back().a >> 32, 0u);
}

TEST(PythonProcesses, APipeMessageIsReceivedOnceAfterItWasSent)
{
    const TracedProgram run = traceProgram("pipe_message.py");
    ASSERT_EQ(run.exitStatus, 0) << run.err;
    const Lane* sender = laneCalled(*run.trace, "sender");
    const Lane* parent = laneCalled(*run.trace, "MainThread");
    ASSERT_TRUE(sender && parent);
    const auto sent = eventsOf(*sender, EventKind::PipeSend);
    const auto received = eventsOf(*parent, EventKind::PipeRecv);
    ASSERT_EQ(sent.size(), 1u);
    ASSERT_EQ(received.size(), 1u);
    EXPECT_EQ(sent[0].a, received[0].a);
    EXPECT_EQ(received[0].b, 42u);
    EXPECT_GE(received[0].tNs, sent[0].tNs);
}

TEST(PythonProcesses, PoolMapSpreadsOverEveryWorkerAndApplyRunsOneTaskAtATime)
{
    const TracedProgram map = traceProgram("pool_tasks.py", {"map", "3", "12"});
    ASSERT_EQ(map.exitStatus, 0) << map.err;
    EXPECT_NE(map.out.find("results [0, 1, 4, 9, 16, 25, 36, 49, 64, 81, 100, 121]"),
              std::string::npos);
    const auto workers = processLanes(*map.trace, "ForkPoolWorker-");
    ASSERT_EQ(workers.size(), 3u);
    std::size_t tasks = 0;
    for (const Lane* worker : workers) {
        EXPECT_FALSE(eventsOf(*worker, EventKind::TaskBegin).empty()) << worker->info.name;
        tasks += eventsOf(*worker, EventKind::TaskEnd).size();
    }
    EXPECT_EQ(tasks, 12u);

    const TracedProgram apply = traceProgram("pool_tasks.py", {"apply", "3", "12"});
    ASSERT_EQ(apply.exitStatus, 0) << apply.err;
    std::vector<std::pair<std::uint64_t, std::uint64_t>> spans;
    for (const Lane* worker : processLanes(*apply.trace, "ForkPoolWorker-")) {
        const auto begins = eventsOf(*worker, EventKind::TaskBegin);
        const auto ends = eventsOf(*worker, EventKind::TaskEnd);
        ASSERT_EQ(begins.size(), ends.size());
        for (std::size_t i = 0; i < begins.size(); ++i)
            spans.emplace_back(begins[i].tNs, ends[i].tNs);
    }
    ASSERT_EQ(spans.size(), 12u);
    std::sort(spans.begin(), spans.end());
    for (std::size_t i = 1; i < spans.size(); ++i)
        EXPECT_GE(spans[i].first, spans[i - 1].second) << "two apply tasks overlapped";
}

TEST(PythonProcesses, AChildKilledMidRunIsCrashedAndKeepsWhatItRecorded)
{
    const TracedProgram run = traceProgram("killed_child.py");
    ASSERT_EQ(run.exitStatus, 0) << run.err;
    EXPECT_NE(run.out.find("child exit code -9"), std::string::npos) << run.out;
    const Lane* doomed = laneCalled(*run.trace, "doomed");
    ASSERT_TRUE(doomed);
    EXPECT_EQ(doomed->info.fate, WorkerFate::Crashed);
    EXPECT_EQ(doomed->info.exitCode, -9);
    EXPECT_GE(eventsOf(*doomed, EventKind::Print).size(), 5u);
    EXPECT_EQ(resultInteger(*run.trace, "crashed_processes"), 1);
    EXPECT_FALSE(processRunning(doomed->info.pid));
}

TEST(PythonProcesses, EveryKindOfChildGetsALaneWithItsFate)
{
    const TracedProgram run = traceProgram(lessonPath("other/children.py"));
    ASSERT_EQ(run.exitStatus, 0) << run.err;
    const TraceStore& trace = *run.trace;
    const Lane* main = laneCalled(trace, "MainThread");
    const Lane* child = laneCalled(trace, "child");
    const Lane* grandchild = laneCalled(trace, "grandchild");
    const Lane* forked = laneCalled(trace, "fork of MainThread");
    const Lane* program = laneCalled(trace, "sleep 0.05");
    const Lane* python = laneCalled(trace, "python3 -c");
    ASSERT_TRUE(main && child && grandchild && forked && program && python);
    // Children of children hang under their own parent.
    EXPECT_EQ(child->info.parent, main->info.id);
    EXPECT_EQ(grandchild->info.parent, child->info.id);
    EXPECT_EQ(forked->info.exitCode, 3);
    EXPECT_EQ(program->info.exitCode, 0);
    EXPECT_EQ(program->info.fate, WorkerFate::Returned);
    // The Python subprocess runs under a GIL of its own, read from its own interpreter.
    bool ownGil = false;
    for (const ObjectInfo& object : trace.objects())
        ownGil |= object.kind == ObjectKind::Gil && object.ownerPid == python->info.pid;
    EXPECT_TRUE(ownGil);
    EXPECT_FALSE(eventsOf(*python, EventKind::GilAcquire).empty());
    EXPECT_NE(trace.results.verdict.find("1 child process exited with a failure status"),
              std::string::npos)
        << trace.results.verdict;
}

const ObjectInfo* objectNamed(const TraceStore& trace, const std::string& prefix)
{
    for (const ObjectInfo& object : trace.objects()) {
        if (object.name.rfind(prefix, 0) == 0)
            return &object;
    }
    return nullptr;
}

std::vector<Event> objectEvents(const TraceStore& trace, const ObjectInfo& object, EventKind kind)
{
    std::vector<Event> found;
    for (const Lane* lane : programLanes(trace)) {
        for (const Event& e : eventsOf(*lane, kind)) {
            if (e.object == object.id)
                found.push_back(e);
        }
    }
    return found;
}

// Regression: a NaN written into a traced double Value raised ValueError in the tracer's
// accessor (int(nan)) and ended the program.
TEST(PythonProcesses, ADoubleValueAndABoolWrittenIntoAnIntegerAreRecordedToo)
{
    const TracedProgram run = traceProgram(lessonPath("other/value_kinds.py"));
    ASSERT_EQ(run.exitStatus, 0) << run.out << run.err;
    EXPECT_NE(run.out.find("double 2.5 int 42"), std::string::npos) << run.out;
    EXPECT_NE(run.out.find("nan read back: True"), std::string::npos) << run.out;
    const ObjectInfo* ratio = objectNamed(*run.trace, "Value value_kinds.py:8");
    const ObjectInfo* count = objectNamed(*run.trace, "Value value_kinds.py:9");
    ASSERT_TRUE(ratio && count);
    const auto ratioWrites = objectEvents(*run.trace, *ratio, EventKind::ValueWrite);
    ASSERT_EQ(ratioWrites.size(), 2u);
    EXPECT_EQ(ratioWrites[0].b, 2u); // doubles are shown by their integer part
    EXPECT_EQ(ratioWrites[1].b, 0u); // NaN has none
    const auto countWrites = objectEvents(*run.trace, *count, EventKind::ValueWrite);
    ASSERT_EQ(countWrites.size(), 3u);
    EXPECT_EQ(countWrites[0].b, 1u);
    EXPECT_EQ(countWrites[1].b, 42u);
    EXPECT_EQ(countWrites[1].a, 1u) << "the C write knows what it overwrote";
    EXPECT_NE(countWrites[1].flags & ValueKnowsOverwritten, 0);
    EXPECT_EQ(objectEvents(*run.trace, *count, EventKind::ValueRead).size(), 3u);
    // Only the program's own locking of the Value is a lock event, not the accessor's.
    const ObjectInfo* lock = objectNamed(*run.trace, "lock of Value value_kinds.py:9");
    ASSERT_TRUE(lock);
    EXPECT_EQ(objectEvents(*run.trace, *lock, EventKind::LockAcquire).size(), 1u);
    EXPECT_EQ(objectEvents(*run.trace, *lock, EventKind::LockRelease).size(), 1u);
}

// Regression: a SimpleQueue's depth came out wrong (2, 3, 3, 3, 3, 2 for this
// program) because reading its counters counted them up.
TEST(PythonProcesses, LibraryObjectsStayPlainAndASimpleQueueShowsItsDepth)
{
    const TracedProgram run = traceProgram(lessonPath("other/library_objects.py"));
    ASSERT_EQ(run.exitStatus, 0) << run.out << run.err;
    EXPECT_NE(run.out.find("library objects plain: True, program lock traced: True"),
              std::string::npos)
        << run.out;
    EXPECT_NE(run.out.find("a SimpleQueue's get takes no timeout"), std::string::npos) << run.out;
    const ObjectInfo* simple = objectNamed(*run.trace, "SimpleQueue library_objects.py:14");
    ASSERT_TRUE(simple);
    std::vector<Event> steps = objectEvents(*run.trace, *simple, EventKind::QueuePut);
    for (const Event& get : objectEvents(*run.trace, *simple, EventKind::QueueGet))
        steps.push_back(get);
    std::sort(steps.begin(), steps.end(),
              [](const Event& x, const Event& y) { return x.tNs < y.tNs; });
    std::vector<std::uint32_t> depths;
    for (const Event& e : steps)
        depths.push_back(queueDepth(e.a));
    EXPECT_EQ(depths, (std::vector<std::uint32_t>{1, 2, 1, 2, 1, 0}));
    // The program's own Queue is traced; its lock and semaphore are not objects of the run.
    EXPECT_TRUE(objectNamed(*run.trace, "Queue library_objects.py:10"));
    EXPECT_EQ(run.trace->objects().size(), 4u) << "Queue, Lock, SimpleQueue and the GIL";
}

// Regression (spawn): a traced Pipe end sent to a spawned child was pickled as a plain object
// and the program hung; every primitive must work and record with every start method.
TEST(PythonProcesses, EveryPrimitiveIsRecordedAcrossProcessesWithEveryStartMethod)
{
    for (const std::string method : {"fork", "spawn", "forkserver"}) {
        SCOPED_TRACE(method);
        const TracedProgram run = traceProgram(lessonPath("other/mp_primitives.py"), {method});
        ASSERT_EQ(run.exitStatus, 0) << run.out << run.err;
        EXPECT_NE(run.out.find("reports [0, 1, 2] totals [2, 1] goodbyes 3"), std::string::npos)
            << run.out;
        const TraceStore& trace = *run.trace;
        // The barrier: every child waited, and was let go by the last one to arrive.
        const ObjectInfo* barrier = objectNamed(trace, "Barrier mp_primitives.py");
        ASSERT_TRUE(barrier);
        const auto released = objectEvents(trace, *barrier, EventKind::LockAcquire);
        ASSERT_EQ(released.size(), 3u);
        for (const Event& e : released)
            EXPECT_NE(e.a, 0u) << "a barrier wait names the process that ended it";
        const ObjectInfo* semaphore = objectNamed(trace, "BoundedSemaphore mp_primitives.py");
        ASSERT_TRUE(semaphore);
        EXPECT_EQ(objectEvents(trace, *semaphore, EventKind::LockRelease).size(), 3u);
        // Array elements are Values of their own: 2 + 1 writes.
        const ObjectInfo* first = objectNamed(trace, "Array mp_primitives.py:36 [0]");
        const ObjectInfo* second = objectNamed(trace, "Array mp_primitives.py:36 [1]");
        ASSERT_TRUE(first && second);
        EXPECT_EQ(objectEvents(trace, *first, EventKind::ValueWrite).size(), 2u);
        EXPECT_EQ(objectEvents(trace, *second, EventKind::ValueWrite).size(), 1u);
        // The event is set and the condition notified, by the parent.
        EXPECT_GE(objectEvents(trace, *objectNamed(trace, "Event mp_primitives.py"),
                               EventKind::LockRelease)
                      .size(),
                  1u);
        EXPECT_GE(objectEvents(trace, *objectNamed(trace, "Condition mp_primitives.py"),
                               EventKind::LockRelease)
                      .size(),
                  1u);
        const ObjectInfo* reports = objectNamed(trace, "JoinableQueue mp_primitives.py");
        ASSERT_TRUE(reports);
        EXPECT_EQ(objectEvents(trace, *reports, EventKind::QueuePut).size(), 3u);
        EXPECT_EQ(objectEvents(trace, *reports, EventKind::QueueTaskDone).size(), 3u);
        EXPECT_EQ(objectEvents(trace, *reports, EventKind::QueueJoinEnd).size(), 1u);
        // Each child's goodbye is sent once and received once, matched by number.
        std::size_t sent = 0, received = 0;
        for (const ObjectInfo& object : trace.objects()) {
            if (object.kind != ObjectKind::Pipe)
                continue;
            const auto sends = objectEvents(trace, object, EventKind::PipeSend);
            const auto receives = objectEvents(trace, object, EventKind::PipeRecv);
            sent += sends.size();
            received += receives.size();
            if (sends.size() == 1 && receives.size() == 1) {
                EXPECT_EQ(sends[0].a, receives[0].a);
            }
        }
        EXPECT_EQ(sent, 3u);
        EXPECT_EQ(received, 3u);
    }
}

std::size_t sharedMemoryEntries()
{
    std::error_code error;
    std::size_t count = 0;
    for (auto it = std::filesystem::directory_iterator("/dev/shm", error);
         !error && it != std::filesystem::directory_iterator(); it.increment(error))
        ++count;
    return count;
}

TEST(PythonProcesses, AStoppedProgramLeavesNoProcessAndNoSharedMemory)
{
    const std::string note = ::testing::TempDir() + "leaves_processes.pids";
    std::remove(note.c_str());
    const std::size_t shmBefore = sharedMemoryEntries();
    TraceOptions how;
    how.interruptAfterSeconds = 2.0;
    const TracedProgram run = traceProgram(lessonPath("other/leaves_processes.py"), {note}, how);
    EXPECT_LT(run.secondsAfterInterrupt, 2.0);
    ASSERT_TRUE(run.trace) << "the trace is kept";
    std::vector<int> pids;
    std::ifstream in(note);
    for (int pid = 0; in >> pid;)
        pids.push_back(pid);
    ASSERT_EQ(pids.size(), 6u) << run.out << run.err;
    usleep(100'000);
    for (int pid : pids)
        EXPECT_FALSE(processRunning(pid)) << "pid " << pid << " outlived the run";
    EXPECT_LE(sharedMemoryEntries(), shmBefore);
    EXPECT_TRUE(laneCalled(*run.trace, "escaped"));
}

} // namespace
} // namespace interleave::test
