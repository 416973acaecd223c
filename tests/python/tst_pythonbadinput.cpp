/// Bad input and bad programs through `interleave trace`: each gives a clear verdict or a
/// one-line error, the right exit status (2 unusable input, 1 a failed program), and leaves
/// nothing running.
#include "tracedprogram.h"

#include <algorithm>
#include <csignal>
#include <fstream>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

namespace interleave::test {
namespace {

std::string bad(const std::string& file)
{
    return lessonPath("bad/" + file);
}

std::size_t lineCount(const std::string& text)
{
    return std::size_t(std::count(text.begin(), text.end(), '\n'));
}

std::string result(const TraceStore& trace, const std::string& name)
{
    const ResultValue* value = trace.results.find(name);
    return value && std::holds_alternative<std::string>(*value) ? std::get<std::string>(*value)
                                                                : std::string();
}

TEST(PythonBadInput, UnusableScriptsAreOneLineErrorsWithStatusTwo)
{
    const std::string missing = ::testing::TempDir() + "no-such-script.py";
    const std::string directory = ::testing::TempDir();
    for (const auto& [path, words] :
         std::vector<std::pair<std::string, std::string>>{{missing, "No such file"},
                                                          {directory, "is a directory"},
                                                          {bad("notes.txt"), "not a Python script"},
                                                          {bad("binary.py"), "binary file"}}) {
        const TracedProgram run = traceProgram(path);
        EXPECT_EQ(run.exitStatus, 2) << path;
        EXPECT_EQ(lineCount(run.err), 1u) << run.err;
        EXPECT_NE(run.err.find(words), std::string::npos) << run.err;
        EXPECT_FALSE(run.trace) << path;
    }
}

TEST(PythonBadInput, NoInterpreterNamesTheDebianPackage)
{
    TraceOptions how;
    how.environment = {"PATH=/nonexistent", "HOME=/tmp"};
    how.options = {"--quiet"};
    // Without --python the interpreter comes from PATH, which has none.
    TraceOptions noDefault = how;
    noDefault.options.push_back("--python");
    noDefault.options.push_back("");
    const TracedProgram run = traceProgram("sleeping_threads.py", {}, noDefault);
    EXPECT_EQ(run.exitStatus, 2);
    EXPECT_EQ(lineCount(run.err), 1u) << run.err;
    EXPECT_NE(run.err.find("apt-get install python3"), std::string::npos) << run.err;

    TraceOptions wrongPath;
    wrongPath.options = {"--python", "/nonexistent/python3"};
    const TracedProgram wrong = traceProgram("sleeping_threads.py", {}, wrongPath);
    EXPECT_EQ(wrong.exitStatus, 2);
    EXPECT_NE(wrong.err.find("no Python interpreter at /nonexistent/python3"), std::string::npos);
}

TEST(PythonBadInput, ASyntaxErrorIsUnusableInputWithItsLine)
{
    const TracedProgram run = traceProgram(bad("syntax_error.py"));
    EXPECT_EQ(run.exitStatus, 2) << run.out << run.err;
    ASSERT_TRUE(run.trace);
    EXPECT_EQ(result(*run.trace, "exception_type"), "SyntaxError");
    EXPECT_EQ(run.trace->results.integer("exception_line"), 2);
    EXPECT_NE(run.trace->results.verdict.find("syntax error at line 2"), std::string::npos)
        << run.trace->results.verdict;
}

TEST(PythonBadInput, AnUncaughtExceptionNamesItsTypeMessageAndLine)
{
    const TracedProgram run = traceProgram(bad("raises.py"));
    EXPECT_EQ(run.exitStatus, 1);
    ASSERT_TRUE(run.trace);
    EXPECT_EQ(result(*run.trace, "exception_type"), "ZeroDivisionError");
    EXPECT_EQ(result(*run.trace, "exception_message"), "division by zero");
    EXPECT_EQ(run.trace->results.integer("exception_line"), 2);
    EXPECT_EQ(run.trace->results.integer("exit_status"), 1);
    EXPECT_NE(
        run.trace->results.verdict.find("raised ZeroDivisionError: division by zero at line 2"),
        std::string::npos)
        << run.trace->results.verdict;
    // The traceback went to stderr, and into the trace's console, without the tracer's frames.
    EXPECT_NE(run.err.find("ZeroDivisionError"), std::string::npos);
    EXPECT_EQ(run.err.find("runpy"), std::string::npos) << run.err;
    const auto lines = outputLines(*run.trace);
    EXPECT_NE(std::find(lines.begin(), lines.end(), "about to divide"), lines.end());
}

TEST(PythonBadInput, ExitStatusesAndSignalsAreTheVerdict)
{
    const TracedProgram three = traceProgram(bad("exits_3.py"));
    EXPECT_EQ(three.exitStatus, 1);
    ASSERT_TRUE(three.trace);
    EXPECT_EQ(three.trace->results.integer("exit_status"), 3);
    EXPECT_NE(three.trace->results.verdict.find("exited with status 3"), std::string::npos);

    const TracedProgram seven = traceProgram(bad("os_exit_7.py"));
    EXPECT_EQ(seven.exitStatus, 1);
    ASSERT_TRUE(seven.trace);
    EXPECT_EQ(seven.trace->results.integer("exit_status"), 7);
    const Lane* lingerer = laneCalled(*seven.trace, "lingerer");
    ASSERT_TRUE(lingerer);
    EXPECT_EQ(lingerer->info.fate, WorkerFate::Cancelled);
    EXPECT_LT(seven.seconds, 10.0);

    const TracedProgram crash = traceProgram(bad("segfault.py"));
    EXPECT_EQ(crash.exitStatus, 1);
    ASSERT_TRUE(crash.trace);
    EXPECT_EQ(crash.trace->results.integer("exit_status"), -SIGSEGV);
    EXPECT_NE(crash.trace->results.verdict.find("SIGSEGV"), std::string::npos)
        << crash.trace->results.verdict;
    const Lane* bystander = laneCalled(*crash.trace, "bystander");
    ASSERT_TRUE(bystander);
    EXPECT_EQ(bystander->info.fate, WorkerFate::Crashed);
}

TEST(PythonBadInput, FiveHundredThreadsEachGetALane)
{
    const TracedProgram run = traceProgram(bad("many_threads.py"));
    EXPECT_EQ(run.exitStatus, 0) << run.err;
    ASSERT_TRUE(run.trace);
    EXPECT_EQ(programLanes(*run.trace).size(), 501u);
    EXPECT_EQ(run.trace->rings.dropped, 0u);
}

TEST(PythonBadInput, StdinReachesTheProgram)
{
    TraceOptions how;
    how.stdinText = "21\n";
    const TracedProgram run = traceProgram(bad("reads_stdin.py"), {}, how);
    EXPECT_EQ(run.exitStatus, 0) << run.err;
    EXPECT_NE(run.out.find("twice that is 42"), std::string::npos) << run.out;

    const TracedProgram empty = traceProgram(bad("reads_stdin.py"));
    EXPECT_EQ(empty.exitStatus, 1);
    ASSERT_TRUE(empty.trace);
    EXPECT_EQ(result(*empty.trace, "exception_type"), "EOFError");
}

TEST(PythonBadInput, BinaryOutputIsKeptAndTheTraceStillLoads)
{
    const TracedProgram run = traceProgram(bad("binary_output.py"));
    EXPECT_EQ(run.exitStatus, 0) << run.err;
    ASSERT_TRUE(run.trace);
    EXPECT_NE(run.out.find(std::string("\x00\x01\x02", 3)), std::string::npos);
    const auto lines = outputLines(*run.trace);
    EXPECT_NE(std::find(lines.begin(), lines.end(), "done"), lines.end());
}

TEST(PythonBadInput, CtrlCEndsAProgramThatNeverEndsAndEverythingItStarted)
{
    const std::string note = ::testing::TempDir() + "never_ends.pids";
    std::remove(note.c_str());
    TraceOptions how;
    how.interruptAfterSeconds = 1.5;
    const TracedProgram run = traceProgram(bad("never_ends.py"), {note}, how);
    EXPECT_LT(run.secondsAfterInterrupt, 2.0);
    EXPECT_EQ(run.exitStatus, 1);
    ASSERT_TRUE(run.trace) << "the trace is kept";
    EXPECT_NE(run.trace->results.verdict.find("stopped"), std::string::npos)
        << run.trace->results.verdict;
    EXPECT_TRUE(laneCalled(*run.trace, "sleeper"));
    int python = 0, child = 0;
    std::ifstream(note) >> python >> child;
    ASSERT_GT(child, 0);
    // Reaped or killed: neither the interpreter nor its child is left.
    usleep(100'000);
    EXPECT_FALSE(processRunning(python));
    EXPECT_FALSE(processRunning(child));
}

} // namespace
} // namespace interleave::test
