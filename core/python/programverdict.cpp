#include "python/programverdict.h"

#include "base/durationformat.h"
#include "python/pythonprogram.h"
#include "runtime/programenvironment.h"
#include "trace/analysis.h"
#include "trace/tracestore.h"

#include <algorithm>
#include <csignal>
#include <cstring>
#include <map>
#include <simdjson.h>
#include <sstream>

namespace interleave {

namespace {

bool isProgramLane(const Lane& lane)
{
    const std::string& role = lane.info.role;
    return role == kInterpreterRole || role == kChildProcessRole || role == "thread" ||
           role == "daemon thread";
}

/// The program's own end: the exception (or syntax error) it reported, if any.
struct Failure {
    std::string what; ///< "uncaught exception" or "syntax error"
    std::string type;
    std::string message;
    std::int64_t line = 0;
};

std::optional<Failure> reportedFailure(const TraceStore& trace)
{
    for (std::size_t id = 0; id < trace.laneCount(); ++id) {
        const Lane& lane = trace.lane(id);
        if (!isProgramLane(lane))
            continue;
        std::optional<Failure> found;
        lane.events.forEach(0, lane.events.size(), lane.info.id, [&](const Event& e) {
            if (e.kind != EventKind::Instant || found)
                return;
            const std::string& name = trace.string(std::uint32_t(e.a));
            if (name != "uncaught exception" && name != "syntax error")
                return;
            Failure failure;
            failure.what = name;
            simdjson::dom::parser parser;
            simdjson::dom::element detail;
            if (!parser.parse(trace.string(std::uint32_t(e.b))).get(detail)) {
                std::string_view text;
                if (!detail["type"].get(text))
                    failure.type = std::string(text);
                if (!detail["message"].get(text))
                    failure.message = std::string(text);
                std::int64_t line = 0;
                if (!detail["line"].get(line))
                    failure.line = line;
            }
            found = failure;
        });
        if (found)
            return found;
    }
    return std::nullopt;
}

/// Why the GIL was inferred, when the tracer said so ("gil inferred" on a lane).
std::optional<std::string> inferredGilReason(const TraceStore& trace)
{
    for (std::size_t id = 0; id < trace.laneCount(); ++id) {
        const Lane& lane = trace.lane(id);
        if (!isProgramLane(lane))
            continue;
        std::optional<std::string> found;
        lane.events.forEach(0, lane.events.size(), lane.info.id, [&](const Event& e) {
            if (found || e.kind != EventKind::Instant ||
                trace.string(std::uint32_t(e.a)) != "gil inferred")
                return;
            simdjson::dom::parser parser;
            simdjson::dom::element detail;
            std::string_view reason;
            if (parser.parse(trace.string(std::uint32_t(e.b))).get(detail) ||
                detail["reason"].get(reason) != simdjson::SUCCESS)
                reason = "the GIL was not read";
            found = std::string(reason);
        });
        if (found)
            return found;
    }
    return std::nullopt;
}

bool gilReadFromInterpreter(const TraceStore& trace)
{
    bool gil = false;
    for (const ObjectInfo& object : trace.objects())
        gil = gil || object.kind == ObjectKind::Gil;
    bool inferred = false;
    for (std::size_t id = 0; id < trace.laneCount() && gil && !inferred; ++id) {
        const Lane& lane = trace.lane(id);
        lane.events.forEach(0, lane.events.size(), lane.info.id, [&](const Event& e) {
            if (e.kind == EventKind::Instant && trace.string(std::uint32_t(e.a)) == "gil inferred")
                inferred = true;
        });
    }
    return gil && !inferred;
}

/// Most lanes in `state` at one moment, over the program's lanes.
std::size_t mostAtOnce(const TraceStore& trace, LaneState state)
{
    std::vector<std::pair<std::uint64_t, int>> edges;
    for (std::size_t id = 0; id < trace.laneCount(); ++id) {
        const Lane& lane = trace.lane(id);
        if (!isProgramLane(lane))
            continue;
        for (std::size_t i = 0; i < lane.spans.size(); ++i) {
            const StateSpan& span = lane.spans[i];
            if (span.state == state && span.end > span.start) {
                edges.emplace_back(span.start, 1);
                edges.emplace_back(span.end, -1);
            }
        }
    }
    std::sort(edges.begin(), edges.end()); // ends (-1) sort before starts at the same time
    int now = 0, most = 0;
    for (const auto& [t, delta] : edges) {
        now += delta;
        most = std::max(most, now);
    }
    return std::size_t(most);
}

std::string percent(double share)
{
    std::ostringstream out;
    out.precision(share < 0.1 ? 1 : 0);
    out << std::fixed << share * 100 << " %";
    return out.str();
}

std::string describeExit(const WorkerInfo& interpreter, const std::string& script,
                         const std::optional<Failure>& failure, const std::string& outcome)
{
    if (outcome == "cancelled")
        return script + " was stopped before it finished";
    if (failure && failure->what == "syntax error")
        return script + " has a syntax error at line " + std::to_string(failure->line) + ": " +
               failure->message;
    if (interpreter.exitCode < 0) {
        const int sig = -interpreter.exitCode;
        const char* name = sigabbrev_np(sig);
        return script + " was killed by signal " + std::to_string(sig) + " (SIG" +
               (name ? name : "?") + ")";
    }
    if (failure)
        return script + " raised " + failure->type +
               (failure->message.empty() ? "" : ": " + failure->message) +
               (failure->line > 0 ? " at line " + std::to_string(failure->line) : "") +
               " (exit status " + std::to_string(interpreter.exitCode) + ")";
    return script + " exited with status " + std::to_string(interpreter.exitCode);
}

} // namespace

void evaluateProgram(const TraceStore& trace, const std::string& script, Results& results)
{
    const Lane* interpreter = nullptr;
    std::vector<const Lane*> threads;
    for (std::size_t id = 0; id < trace.laneCount(); ++id) {
        const Lane& lane = trace.lane(id);
        if (!isProgramLane(lane))
            continue;
        threads.push_back(&lane);
        if (lane.info.role == kInterpreterRole && interpreter == nullptr)
            interpreter = &lane;
    }
    const std::optional<Failure> failure = reportedFailure(trace);
    const bool fromInterpreter = gilReadFromInterpreter(trace);
    std::ostringstream verdict;

    if (interpreter == nullptr) {
        results.set("exit_status", std::int64_t(-1));
        results.verdict = "the interpreter did not start: " + trace.run.message;
        results.lessonShown = false;
        return;
    }
    results.set("exit_status", std::int64_t(interpreter->info.exitCode));
    if (failure) {
        results.set("exception_type", failure->type);
        results.set("exception_message", failure->message);
        results.set("exception_line", failure->line);
    }
    results.set("gil_source", std::string(fromInterpreter ? "interpreter" : "inferred"));
    if (!fromInterpreter)
        results.set("gil_inferred_reason", inferredGilReason(trace).value_or("not read"));
    verdict << describeExit(interpreter->info, script, failure, trace.run.outcome) << ". ";
    const std::size_t atOnce = mostAtOnce(trace, LaneState::Running);
    const auto processes =
        std::size_t(1) +
        std::size_t(std::count_if(threads.begin(), threads.end(), [](const Lane* lane) {
            return lane->info.role == kChildProcessRole;
        }));
    results.set("threads", std::int64_t(threads.size()));
    results.set("processes", std::int64_t(processes));
    results.set("max_running_python", std::int64_t(atOnce));
    if (processes > 1)
        verdict << processes << " processes, ";
    verdict << threads.size() << (threads.size() == 1 ? " thread" : " threads") << "; at most "
            << atOnce << " ran Python at once"
            << (fromInterpreter ? " (GIL read from the interpreter)"
                                : " (GIL inferred from scheduling: " +
                                      inferredGilReason(trace).value_or("not read") + ")");

    // Each thread's share of its life spent waiting for the GIL, the busiest first.
    std::vector<std::pair<double, std::string>> waits;
    for (const Lane* lane : threads) {
        std::uint64_t waiting = 0, alive = 0;
        for (std::size_t i = 0; i < lane->spans.size(); ++i) {
            const StateSpan& span = lane->spans[i];
            if (isTerminal(span.state))
                continue;
            alive += span.duration();
            if (span.state == LaneState::GilWait)
                waiting += span.duration();
        }
        const double share = alive > 0 ? double(waiting) / double(alive) : 0.0;
        results.set("gil_wait_share." + lane->info.name, share);
        if (share >= 0.0005)
            waits.emplace_back(share, lane->info.name);
    }
    std::sort(waits.rbegin(), waits.rend());
    if (!waits.empty()) {
        verdict << ". GIL wait: ";
        for (std::size_t i = 0; i < waits.size() && i < 4; ++i)
            verdict << (i ? ", " : "") << waits[i].second << ' ' << percent(waits[i].first);
        if (waits.size() > 4)
            verdict << " and " << waits.size() - 4 << " more";
    }

    // The lock most often found taken, with its longest wait.
    std::map<std::uint16_t, std::pair<std::uint64_t, std::uint64_t>> locks; // waits, longest
    for (const Lane* lane : threads) {
        for (std::size_t i = 0; i < lane->spans.size(); ++i) {
            const StateSpan& span = lane->spans[i];
            if (span.state != LaneState::LockWait)
                continue;
            auto& [count, longest] = locks[span.object];
            ++count;
            longest = std::max(longest, span.duration());
        }
    }
    const auto contended =
        std::max_element(locks.begin(), locks.end(),
                         [](const auto& a, const auto& b) { return a.second < b.second; });
    if (contended != locks.end()) {
        const ObjectInfo* object = trace.object(contended->first);
        const std::string name = object ? object->name : "lock";
        results.set("most_contended_lock", name);
        results.set("lock_waits", std::int64_t(contended->second.first));
        results.set("longest_lock_wait_ns", std::int64_t(contended->second.second));
        verdict << ". Most contended: " << name << ", " << contended->second.first
                << (contended->second.first == 1 ? " wait" : " waits") << ", longest "
                << formatPrecise(contended->second.second);
    }

    // Shared Values whose updates were lost: each stale write and what it wiped out.
    std::int64_t lostUpdates = 0;
    std::string racedValue;
    bool anyValue = false;
    for (const ObjectInfo& object : trace.objects()) {
        if (object.kind != ObjectKind::Value)
            continue;
        anyValue = true;
        const LostUpdateReport report = analyseLostUpdates(trace, object.id);
        if (report.totalLost > 0 && racedValue.empty())
            racedValue = object.name;
        lostUpdates += report.totalLost;
    }
    if (anyValue) {
        results.set("lost_updates", lostUpdates);
        if (lostUpdates > 0)
            verdict << ". " << lostUpdates << (lostUpdates == 1 ? " update" : " updates")
                    << " lost on " << racedValue << " (a write based on a stale read)";
        else
            verdict << ". No update lost on a shared Value";
    }
    // Child processes that died of a signal nobody asked for, or exited with a failure (a
    // stopped run ends them itself).
    std::int64_t killed = 0, failed = 0;
    for (const Lane* lane : threads) {
        if (trace.run.outcome != "completed" || lane->info.role != kChildProcessRole ||
            lane->info.fate != WorkerFate::Crashed)
            continue;
        (lane->info.exitCode < 0 ? killed : failed) += 1;
    }
    if (killed + failed > 0)
        results.set("crashed_processes", killed + failed);
    if (killed > 0)
        verdict << ". " << killed << (killed == 1 ? " child process" : " child processes")
                << " died of a signal";
    if (failed > 0)
        verdict << ". " << failed << (failed == 1 ? " child process" : " child processes")
                << " exited with a failure status";

    // The deepest queue.
    const CounterSeries* deepest = nullptr;
    for (const CounterSeries& series : trace.counters()) {
        if (series.kind == CounterKind::QueueDepth &&
            (!deepest || series.highest > deepest->highest))
            deepest = &series;
    }
    if (deepest != nullptr && deepest->highest > 0) {
        const ObjectInfo* object = trace.object(deepest->key);
        const std::string name = object ? object->name : deepest->name;
        results.set("deepest_queue", name);
        results.set("deepest_queue_depth", std::int64_t(deepest->highest));
        verdict << ". Deepest queue: " << name << ", " << std::int64_t(deepest->highest)
                << (deepest->highest == 1 ? " item" : " items");
    }
    // What it said last, which is often its answer ("balance 5 of 10").
    std::uint64_t lastTime = 0;
    std::string lastLine;
    for (const Lane* lane : threads) {
        lane->events.forEach(0, lane->events.size(), lane->info.id, [&](const Event& e) {
            if (e.kind == EventKind::Print && e.flags == 0 && e.tNs >= lastTime) {
                lastTime = e.tNs;
                lastLine = trace.string(std::uint32_t(e.a));
            }
        });
    }
    verdict << '.';
    if (!lastLine.empty()) {
        constexpr std::size_t kShown = 80;
        results.set("last_output", lastLine);
        verdict << " Last output: \"" << lastLine.substr(0, kShown)
                << (lastLine.size() > kShown ? "…" : "") << "\".";
    }
    results.verdict = verdict.str();
    results.lessonShown = trace.run.outcome == "completed" && interpreter->info.exitCode == 0;
}

} // namespace interleave
