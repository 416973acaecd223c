#include "tracedprogram.h"

#include "format/traceloader.h"

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <fstream>
#include <gtest/gtest.h>
#include <spawn.h>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace interleave::test {

namespace {

std::string readAll(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string temporaryPath(const std::string& suffix)
{
    static int counter = 0;
    return ::testing::TempDir() + "traced-" + std::to_string(getpid()) + "-" +
           std::to_string(++counter) + suffix;
}

} // namespace

std::string lessonPath(const std::string& file)
{
    return std::string(INTERLEAVE_TEST_DATA) + "/python/" + file;
}

TraceOptions withInferredGil()
{
    TraceOptions how;
    for (char** variable = environ; *variable != nullptr; ++variable)
        how.environment.emplace_back(*variable);
    how.environment.emplace_back("INTERLEAVE_INFER_GIL=1");
    return how;
}

TracedProgram traceProgram(const std::string& script, const std::vector<std::string>& arguments,
                           const TraceOptions& how)
{
    const std::string tracePath = temporaryPath(".itrace");
    std::vector<std::string> argv{INTERLEAVE_APP_PATH, "trace", "-o", tracePath};
    if (std::find(how.options.begin(), how.options.end(), "--python") == how.options.end())
        argv.insert(argv.end(), {"--python", INTERLEAVE_PYTHON});
    argv.insert(argv.end(), how.options.begin(), how.options.end());
    argv.push_back(script.find('/') == std::string::npos ? lessonPath(script) : script);
    argv.insert(argv.end(), arguments.begin(), arguments.end());
    return runInterleave(std::move(argv), tracePath, how);
}

TracedProgram runScenario(const std::string& id, const std::vector<std::string>& assignments)
{
    const std::string tracePath = temporaryPath(".itrace");
    std::vector<std::string> argv{INTERLEAVE_APP_PATH, "run", id, "-q", "-o", tracePath};
    for (const std::string& assignment : assignments)
        argv.insert(argv.end(), {"--set", assignment});
    return runInterleave(std::move(argv), tracePath, {});
}

TracedProgram runInterleave(std::vector<std::string> argv, const std::string& tracePath,
                            const TraceOptions& how)
{
    const std::string outPath = temporaryPath(".out"), errPath = temporaryPath(".err");
    const std::string inPath = temporaryPath(".in");
    std::ofstream(inPath) << how.stdinText;
    std::vector<char*> raw;
    for (std::string& word : argv)
        raw.push_back(word.data());
    raw.push_back(nullptr);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, inPath.c_str(), O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, outPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0644);
    posix_spawn_file_actions_addopen(&actions, 2, errPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0644);
    TracedProgram result;
    const auto started = std::chrono::steady_clock::now();
    std::vector<std::string> environment = how.environment;
    std::vector<char*> rawEnvironment;
    for (std::string& variable : environment)
        rawEnvironment.push_back(variable.data());
    rawEnvironment.push_back(nullptr);
    pid_t pid = 0;
    if (posix_spawn(&pid, raw[0], &actions, nullptr, raw.data(),
                    environment.empty() ? environ : rawEnvironment.data()) == 0) {
        int status = 0;
        if (how.interruptAfterSeconds > 0) {
            usleep(useconds_t(how.interruptAfterSeconds * 1e6));
            kill(pid, SIGINT);
            result.interruptedAt = std::chrono::steady_clock::now();
        }
        waitpid(pid, &status, 0);
        result.secondsAfterInterrupt =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - result.interruptedAt)
                .count();
        result.exitStatus = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    posix_spawn_file_actions_destroy(&actions);
    result.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    result.out = readAll(outPath);
    result.err = readAll(errPath);
    if (access(tracePath.c_str(), R_OK) == 0)
        result.trace = loadTraceFile(tracePath);
    for (const std::string& path : {tracePath, outPath, errPath, inPath})
        std::remove(path.c_str());
    return result;
}

std::vector<Event> eventsOf(const Lane& lane, EventKind kind)
{
    std::vector<Event> found;
    lane.events.forEach(0, lane.events.size(), lane.info.id, [&](const Event& e) {
        if (e.kind == kind)
            found.push_back(e);
    });
    return found;
}

std::vector<const Lane*> programLanes(const TraceStore& trace)
{
    std::vector<const Lane*> lanes;
    for (std::size_t id = 0; id < trace.laneCount(); ++id) {
        const std::string& role = trace.lane(id).info.role;
        if (role == "python" || role == "process" || role == "thread" || role == "daemon thread")
            lanes.push_back(&trace.lane(id));
    }
    return lanes;
}

const Lane* laneCalled(const TraceStore& trace, const std::string& name)
{
    for (std::size_t id = 0; id < trace.laneCount(); ++id) {
        if (trace.lane(id).info.name == name)
            return &trace.lane(id);
    }
    return nullptr;
}

std::size_t mostAtOnce(const std::vector<const Lane*>& lanes, LaneState state)
{
    std::vector<std::pair<std::uint64_t, int>> edges;
    for (const Lane* lane : lanes) {
        for (std::size_t i = 0; i < lane->spans.size(); ++i) {
            const StateSpan& span = lane->spans[i];
            if (span.state == state && span.end > span.start) {
                edges.emplace_back(span.start, 1);
                edges.emplace_back(span.end, -1);
            }
        }
    }
    std::sort(edges.begin(), edges.end());
    int now = 0, most = 0;
    for (const auto& edge : edges) {
        now += edge.second;
        most = std::max(most, now);
    }
    return std::size_t(most);
}

std::vector<std::string> outputLines(const TraceStore& trace)
{
    std::vector<std::pair<std::uint64_t, std::string>> lines;
    for (std::size_t id = 0; id < trace.laneCount(); ++id) {
        for (const Event& e : eventsOf(trace.lane(id), EventKind::Print))
            lines.emplace_back(e.tNs, trace.string(std::uint32_t(e.a)));
    }
    std::sort(lines.begin(), lines.end());
    std::vector<std::string> texts;
    for (auto& line : lines)
        texts.push_back(std::move(line.second));
    return texts;
}

bool processRunning(int pid)
{
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
    const std::size_t close = text.rfind(')');
    return close != std::string::npos && close + 2 < text.size() && text[close + 2] != 'Z';
}

} // namespace interleave::test
