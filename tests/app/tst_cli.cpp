#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <simdjson.h>
#include <spawn.h>
#include <string>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

extern char** environ;

namespace {

struct Result {
    int status = -1;
    std::string out;
    std::string err;
};

std::string slurp(const std::string& path)
{
    std::ifstream in(path);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

/// Runs `interleave ARGS...` with no display (or with the variables in `environment`, such as
/// "DISPLAY=:97") and returns its exit status and output.
Result interleave(std::vector<std::string> args, const std::string& environment = "")
{
    static int counter = 0;
    const std::string base = std::filesystem::temp_directory_path().string() + "/tst_cli_" +
                             std::to_string(getpid()) + "_" + std::to_string(counter++);
    std::string command = "env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM " + environment +
                          " '" + std::string(INTERLEAVE_APP_PATH) + "'";
    for (const std::string& arg : args)
        command += " '" + arg + "'";
    command += " >" + base + ".out 2>" + base + ".err";
    const int raw = std::system(command.c_str());
    Result result;
    result.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw);
    result.out = slurp(base + ".out");
    result.err = slurp(base + ".err");
    std::filesystem::remove(base + ".out");
    std::filesystem::remove(base + ".err");
    return result;
}

std::string temporaryPath(const std::string& name)
{
    return std::filesystem::temp_directory_path().string() + "/" + std::to_string(getpid()) + "-" +
           name;
}

int lines(const std::string& text)
{
    return int(std::count(text.begin(), text.end(), '\n'));
}

} // namespace

/// Every scenario id of SCENARIOS.md.
const std::vector<std::string> kScenarioIds = {
    "threads-interleaved",  "gil-cpu-threads",     "free-threaded-cpu-threads",
    "cpu-processes",        "process-doubler",     "pool-map",
    "pool-apply",           "queue-sentinel",      "pipe",
    "process-queue",        "shared-value-race",   "lock-serialized-threads",
    "thread-pool-io",       "process-lock-print",  "thread-race-counter",
    "queue-worker-threads", "cpu-count-processes", "start-cost"};

TEST(Cli, ListShowsEachScenarioWithADescription)
{
    const Result r = interleave({"list"});
    ASSERT_EQ(r.status, 0) << r.err;
    for (const std::string& id : kScenarioIds) {
        const auto at = r.out.find(std::string(id) + " ");
        ASSERT_NE(at, std::string::npos) << id;
        EXPECT_TRUE(at == 0 || r.out[at - 1] == '\n') << id << " starts a line";
    }
    // The real interpreter's lessons are listed too.
    const std::vector<std::string> lessons{"python-gil-cpu-threads", "python-sleeping-threads",
                                           "python-lost-update",     "python-lock-holder",
                                           "python-queue-workers",   "python-thread-pool",
                                           "python-cpu-processes",   "python-value-race",
                                           "python-queue-sentinel",  "python-pipe",
                                           "python-pool-tasks",      "python-killed-child"};
    for (const std::string& id : lessons)
        EXPECT_NE(r.out.find("\n" + id + " "), std::string::npos) << id;
    EXPECT_EQ(lines(r.out), int(kScenarioIds.size() + lessons.size()));
}

/// What the bash completion offers after `--set`: one `name=default` per line.
TEST(Cli, ListParametersNamesEachParameterWithItsDefault)
{
    const Result r = interleave({"list", "--parameters", "shared-value-race"});
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(r.out.rfind("processes=10 ", 0), 0u) << r.out;
    EXPECT_NE(r.out.find("\nlock=false "), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("\ntime_scale=1 "), std::string::npos) << r.out;
    const Result unknown = interleave({"list", "--parameters", "no-such-lesson"});
    EXPECT_EQ(unknown.status, 2);
    EXPECT_NE(unknown.err.find("unknown scenario 'no-such-lesson'"), std::string::npos)
        << unknown.err;
}

TEST(Cli, EveryScenarioRunsWithDefaultsAndWithASmallTimeScale)
{
    const std::string trace = temporaryPath("each.itrace");
    for (const std::string& id : kScenarioIds) {
        for (const std::vector<std::string>& extra :
             {std::vector<std::string>{}, std::vector<std::string>{"--set", "time_scale=0.01"}}) {
            std::vector<std::string> args{"run", id, "-q", "-o", trace};
            args.insert(args.end(), extra.begin(), extra.end());
            const Result r = interleave(args);
            EXPECT_EQ(r.status, 0) << id << (extra.empty() ? "" : " small") << ": " << r.err;
            EXPECT_NE(r.out.find("verdict: "), std::string::npos) << id;
        }
    }
    std::filesystem::remove(trace);
}

TEST(Cli, SweepPrintsATableAndJson)
{
    const std::string directory = temporaryPath("sweep");
    const Result table = interleave({"sweep", "thread-pool-io", "--param", "pool_size=1,4", "--set",
                                     "time_scale=0.05", "-o", directory});
    ASSERT_EQ(table.status, 0) << table.err;
    EXPECT_EQ(table.out.rfind("pool_size", 0), 0u) << table.out;
    EXPECT_NE(table.out.find("speedup"), std::string::npos);
    EXPECT_TRUE(std::filesystem::exists(directory + "/thread-pool-io-pool_size-4.itrace"));

    const Result json =
        interleave({"sweep", "gil-cpu-threads", "--param", "workers=1,2", "--set", "n=100000",
                    "--set", "workload=factorial", "--repeat", "2", "-o", directory, "--json"});
    ASSERT_EQ(json.status, 0) << json.err;
    simdjson::dom::parser parser;
    const simdjson::padded_string text(json.out);
    const simdjson::dom::element root = parser.parse(text).value();
    EXPECT_EQ(std::string_view(root["scenario"].get_string()), "gil-cpu-threads");
    EXPECT_EQ(std::string_view(root["param"].get_string()), "workers");
    simdjson::dom::array rows = root["rows"].get_array();
    ASSERT_EQ(rows.size(), 2u);
    std::int64_t value = 1;
    for (simdjson::dom::element row : rows) {
        EXPECT_EQ(std::int64_t(row["value"].get_int64()), value++);
        EXPECT_GT(std::uint64_t(row["elapsed_ns"].get_uint64()), 0u);
        EXPECT_TRUE(row["speedup"].is_number());
        EXPECT_EQ(simdjson::dom::array(row["runs_ns"].get_array()).size(), 2u);
        EXPECT_TRUE(row["results"]["max_parallel_running"].is_int64());
    }
    EXPECT_EQ(interleave({"sweep", "thread-pool-io", "--param", "pool_size=1,99"}).status, 2);
    EXPECT_EQ(interleave({"sweep", "thread-pool-io", "--param", "nothing=1"}).status, 2);
    EXPECT_EQ(interleave({"sweep", "thread-pool-io"}).status, 2);
    std::filesystem::remove_all(directory);
}

TEST(Cli, BadInputIsAOneLineErrorWithStatus2)
{
    const std::vector<std::vector<std::string>> bad = {
        {"run", "no-such-scenario"},
        {"run", "gil-cpu-threads", "--set", "threads=3"},
        {"run", "gil-cpu-threads", "--set", "workers=99"},
        {"run", "gil-cpu-threads", "--set", "workers=three"},
        {"run", "gil-cpu-threads", "--set", "workers"},
        {"run", "gil-cpu-threads", "--frobnicate"},
        {"run"},
        {"info", "/nonexistent/trace.itrace"},
        {"convert", "/nonexistent/trace.itrace"},
    };
    for (const auto& args : bad) {
        const Result r = interleave(args);
        std::string joined;
        for (const auto& a : args)
            joined += a + " ";
        EXPECT_EQ(r.status, 2) << joined << r.err;
        EXPECT_EQ(lines(r.err), 1) << joined << r.err;
        EXPECT_TRUE(r.out.empty()) << joined << r.out;
    }
    EXPECT_NE(
        interleave({"run", "no-such-scenario"}).err.find("unknown scenario 'no-such-scenario'"),
        std::string::npos);
    EXPECT_NE(interleave({"run", "gil-cpu-threads", "--set", "workers=99"}).err.find("1..16"),
              std::string::npos);
}

TEST(Cli, RunWritesATraceThatInfoSummarises)
{
    const std::string trace = temporaryPath("gil.itrace");
    const Result run = interleave({"run", "gil-cpu-threads", "--set", "workers=3", "--set",
                                   "n=200000", "--set", "workload=factorial", "-o", trace});
    ASSERT_EQ(run.status, 0) << run.err;
    EXPECT_NE(run.out.find("verdict: the GIL serialised"), std::string::npos) << run.out;
    EXPECT_NE(run.out.find("trace: " + trace), std::string::npos) << run.out;
    ASSERT_TRUE(std::filesystem::exists(trace));

    const Result info = interleave({"info", trace, "--json"});
    ASSERT_EQ(info.status, 0) << info.err;
    simdjson::dom::parser parser;
    const simdjson::padded_string json(info.out);
    const simdjson::dom::element root = parser.parse(json).value();
    EXPECT_EQ(std::string_view(root["scenario"].get_string()), "gil-cpu-threads");
    EXPECT_EQ(std::string_view(root["parameters"]["workers"].get_string()), "3");
    EXPECT_EQ(std::uint64_t(root["max_parallel_running"].get_uint64()), 1u);
    EXPECT_EQ(simdjson::dom::array(root["workers"].get_array()).size(), 4u);
    EXPECT_EQ(std::uint64_t(root["events"]["dropped"].get_uint64()), 0u);

    const Result text = interleave({"info", trace});
    ASSERT_EQ(text.status, 0);
    EXPECT_NE(text.out.find("MainThread"), std::string::npos);
    EXPECT_NE(text.out.find("GIL of MainProcess"), std::string::npos);

    const std::string json2 = temporaryPath("gil.json");
    const Result convert = interleave({"convert", trace, "-o", json2});
    ASSERT_EQ(convert.status, 0) << convert.err;
    const simdjson::padded_string chrome = simdjson::padded_string::load(json2).value();
    EXPECT_GT(simdjson::dom::array(parser.parse(chrome)["traceEvents"].get_array()).size(), 10u);
    std::filesystem::remove(trace);
    std::filesystem::remove(json2);
}

/// Width and height from a PNG's header, or 0 × 0.
std::pair<std::uint32_t, std::uint32_t> pngSize(const std::string& path)
{
    const std::string data = slurp(path);
    if (data.size() < 24 || data.compare(0, 8, "\x89PNG\r\n\x1a\n") != 0)
        return {0, 0};
    auto word = [&](std::size_t at) {
        return (std::uint32_t(std::uint8_t(data[at])) << 24) |
               (std::uint32_t(std::uint8_t(data[at + 1])) << 16) |
               (std::uint32_t(std::uint8_t(data[at + 2])) << 8) | std::uint8_t(data[at + 3]);
    };
    return {word(16), word(20)};
}

TEST(Cli, RunAndExportDrawPicturesWithNoDisplay)
{
    const std::string trace = temporaryPath("pictures.itrace");
    const std::string png = temporaryPath("run.png");
    const Result run =
        interleave({"run", "shared-value-race", "--set", "time_scale=0.05", "--quiet", "-o", trace,
                    "--export", png, "--size", "800x450", "--scale", "2", "--theme", "dark"});
    ASSERT_EQ(run.status, 0) << run.err;
    EXPECT_NE(run.out.find("picture: " + png), std::string::npos) << run.out;
    EXPECT_EQ(pngSize(png), std::make_pair(1600u, 900u));

    const std::string svg = temporaryPath("export.svg");
    const Result vector = interleave({"export", trace, "-o", svg, "--range", "0..50ms"});
    ASSERT_EQ(vector.status, 0) << vector.err;
    const std::string text = slurp(svg);
    EXPECT_NE(text.find("<svg"), std::string::npos);
    EXPECT_NE(text.find(">MainThread<"), std::string::npos);

    // --at draws the trace as playback shows it: nothing after the playhead.
    const std::string early = temporaryPath("early.svg");
    const Result played = interleave({"export", trace, "-o", early, "--at", "2ms"});
    ASSERT_EQ(played.status, 0) << played.err;
    const auto count = [](const std::string& haystack, const std::string& needle) {
        std::size_t n = 0;
        for (auto at = haystack.find(needle); at != std::string::npos;
             at = haystack.find(needle, at + 1))
            ++n;
        return n;
    };
    const std::string whole = temporaryPath("whole.svg");
    ASSERT_EQ(interleave({"export", trace, "-o", whole}).status, 0);
    EXPECT_LT(count(slurp(early), "<path"), count(slurp(whole), "<path") / 2);
    std::filesystem::remove(early);
    std::filesystem::remove(whole);

    const std::string pdf = temporaryPath("export.pdf");
    const Result document = interleave({"export", trace, "-o", pdf, "--no-charts"});
    ASSERT_EQ(document.status, 0) << document.err;
    EXPECT_EQ(slurp(pdf).substr(0, 5), "%PDF-");

    for (const std::string& path : {trace, png, svg, pdf})
        std::filesystem::remove(path);
}

TEST(Cli, APlayedSpanSaysHowLongItHasLastedNotHowLongItWillLast)
{
    // The threads sleep 100 ms; at 50 ms their sleeps have lasted about 50 ms so far.
    const std::string trace = temporaryPath("played.itrace");
    ASSERT_EQ(interleave({"run", "thread-race-counter", "--quiet", "-o", trace}).status, 0);
    const std::string svg = temporaryPath("played.svg");
    const Result played = interleave({"export", trace, "-o", svg, "--at", "50ms"});
    ASSERT_EQ(played.status, 0) << played.err;
    const std::string text = slurp(svg);
    EXPECT_EQ(text.find("sleeping / I/O  100"), std::string::npos) << "the future shows";
    EXPECT_NE(text.find(" ms …"), std::string::npos);
    const std::string whole = temporaryPath("whole.svg");
    ASSERT_EQ(interleave({"export", trace, "-o", whole}).status, 0);
    EXPECT_NE(slurp(whole).find("sleeping / I/O  100"), std::string::npos);
    for (const std::string& path : {trace, svg, whole})
        std::filesystem::remove(path);
}

TEST(Cli, ExportComparesTwoRunsStackedWithWhatTellsThemApart)
{
    const std::string racing = temporaryPath("racing.itrace");
    const std::string locked = temporaryPath("locked.itrace");
    for (const auto& [path, lock] : {std::pair{racing, "false"}, std::pair{locked, "true"}}) {
        const Result run =
            interleave({"run", "thread-race-counter", "--set", std::string("lock=") + lock, "--set",
                        "sleep_ms=100", "--quiet", "-o", path});
        ASSERT_EQ(run.status, 0) << run.err;
    }
    const std::string svg = temporaryPath("compare.svg");
    const Result compared = interleave({"export", racing, "--compare", locked, "-o", svg});
    ASSERT_EQ(compared.status, 0) << compared.err;
    const std::string text = slurp(svg);
    // Both runs, each with the parameter that tells them apart, and the difference on top.
    EXPECT_NE(text.find("lock = false"), std::string::npos);
    EXPECT_NE(text.find("lock = true"), std::string::npos);
    EXPECT_NE(text.find("lost updates 1 → 0"), std::string::npos);
    EXPECT_NE(text.find("end value 1 of 2"), std::string::npos);
    EXPECT_NE(text.find("end value 2 of 2"), std::string::npos);
    const std::string png = temporaryPath("compare.png");
    const Result sized = interleave({"export", racing, "--compare", locked, "-o", png, "--size",
                                     "1200x800", "--scale", "2", "--fit-each"});
    ASSERT_EQ(sized.status, 0) << sized.err;
    EXPECT_EQ(pngSize(png), std::make_pair(2400u, 1600u));
    for (const std::string& path : {racing, locked, svg, png})
        std::filesystem::remove(path);
}

TEST(Cli, ExportRejectsBadOptionsWithOneLine)
{
    const std::string json = std::string(INTERLEAVE_TEST_DATA) + "/chrome/flows.json";
    const std::string out = temporaryPath("never.png");
    const std::vector<std::vector<std::string>> bad = {
        {"export", json, "-o", temporaryPath("x.bmp")},
        {"export", json, "-o", out, "--size", "10x10"},
        {"export", json, "-o", out, "--size", "wide"},
        {"export", json, "-o", out, "--range", "2s..1s"},
        {"export", json, "-o", out, "--range", "1 parsec..2s"},
        {"export", json, "-o", out, "--theme", "neon"},
        {"export", json, "-o", out, "--at", "soon"},
        {"export", json, "-o", out, "--at", "99s"},
        {"export", json, "-o", out, "--lanes", "Nobody"},
        {"export", temporaryPath("missing.itrace"), "-o", out},
        {"export", json, "-o", out, "--compare", temporaryPath("missing.itrace")},
        {"export", json, "-o", out, "--compare", json, "--at", "1ms"},
        {"export", json, "-o", out, "--compare", json, "--lanes", "a"},
        {"export", json, "-o", out, "--compare", json, "--size", "800x200"},
        {"export", json, "-o", out, "--fit-each"},
    };
    for (const auto& args : bad) {
        const Result result = interleave(args);
        EXPECT_EQ(result.status, 2) << args[4];
        EXPECT_EQ(lines(result.err), 1) << result.err;
        EXPECT_FALSE(std::filesystem::exists(out));
    }
}

TEST(Cli, ChromeJsonIsATraceForInfoConvertAndExport)
{
    const std::string json = std::string(INTERLEAVE_TEST_DATA) + "/chrome/flows.json";
    const Result info = interleave({"info", json});
    ASSERT_EQ(info.status, 0) << info.err;
    EXPECT_NE(info.out.find("imported:   from Chrome JSON"), std::string::npos) << info.out;
    EXPECT_NE(info.out.find("Receiver"), std::string::npos);

    const std::string itrace = temporaryPath("flows.itrace");
    ASSERT_EQ(interleave({"convert", json, "-o", itrace}).status, 0);
    const Result again = interleave({"info", itrace, "--json"});
    ASSERT_EQ(again.status, 0) << again.err;
    simdjson::dom::parser parser;
    const simdjson::padded_string text(again.out);
    const simdjson::dom::element root = parser.parse(text).value();
    EXPECT_EQ(std::string_view(root["imported_from"].get_string()), "Chrome JSON");
    EXPECT_EQ(simdjson::dom::array(root["workers"].get_array()).size(), 3u);

    const std::string png = temporaryPath("flows.png");
    const Result picture = interleave({"export", json, "-o", png, "--lanes", "Sender,Receiver"});
    ASSERT_EQ(picture.status, 0) << picture.err;
    EXPECT_EQ(pngSize(png), std::make_pair(1600u, 900u));
    std::filesystem::remove(itrace);
    std::filesystem::remove(png);
}

TEST(Cli, InfoOnACorruptTraceSaysWhatIsWrong)
{
    const std::string trace = temporaryPath("corrupt.itrace");
    ASSERT_EQ(
        interleave({"run", "queue-sentinel", "--set", "time_scale=0.02", "-q", "-o", trace}).status,
        0);
    std::string bytes = slurp(trace);
    bytes[bytes.size() / 2] ^= 0x40;
    std::ofstream(trace, std::ios::binary | std::ios::trunc) << bytes;
    const Result r = interleave({"info", trace});
    EXPECT_EQ(r.status, 2);
    EXPECT_EQ(lines(r.err), 1) << r.err;
    EXPECT_NE(r.err.find("corrupt trace"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(trace), std::string::npos) << r.err;
    std::filesystem::remove(trace);
}

TEST(Cli, KillingTheParentLeavesNoOrphanWorkers)
{
    const std::string trace = temporaryPath("orphans.itrace");
    std::vector<std::string> args = {
        INTERLEAVE_APP_PATH, "run", "queue-sentinel", "--set", "items=1000", "-q", "-o", trace};
    std::vector<char*> argv;
    for (std::string& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t parent = 0;
    ASSERT_EQ(posix_spawn(&parent, argv[0], nullptr, nullptr, argv.data(), environ), 0);

    // Find its worker processes through /proc.
    std::vector<int> children;
    for (int attempt = 0; attempt < 300 && children.size() < 2; ++attempt) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        children.clear();
        for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
            const std::string name = entry.path().filename();
            if (name.find_first_not_of("0123456789") != std::string::npos)
                continue;
            const std::string stat = slurp(entry.path().string() + "/stat");
            const auto paren = stat.rfind(')');
            if (paren == std::string::npos)
                continue;
            int ppid = 0;
            char state = 0;
            if (std::sscanf(stat.c_str() + paren + 2, "%c %d", &state, &ppid) == 2 &&
                ppid == parent)
                children.push_back(std::stoi(name));
        }
    }
    ASSERT_EQ(children.size(), 2u) << "creator and consumer";
    kill(parent, SIGKILL);
    int status = 0;
    waitpid(parent, &status, 0);
    for (int attempt = 0; attempt < 200; ++attempt) {
        bool anyAlive = false;
        for (int child : children)
            anyAlive |= kill(child, 0) == 0;
        if (!anyAlive)
            break;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    for (int child : children)
        EXPECT_NE(kill(child, 0), 0) << "worker " << child << " outlived its parent";
    std::filesystem::remove(trace);
}

TEST(Cli, AMistypedCommandIsOneLineWithTheNearestCommand)
{
    const Result typo = interleave({"rnu", "gil-cpu-threads"});
    EXPECT_EQ(typo.status, 2);
    EXPECT_EQ(typo.err, "interleave: unknown command 'rnu' (did you mean 'run'?); see "
                        "'interleave --help'\n");
    const Result far = interleave({"frobnicate"});
    EXPECT_EQ(far.status, 2);
    EXPECT_EQ(lines(far.err), 1) << far.err;
    EXPECT_NE(far.err.find("unknown command 'frobnicate'"), std::string::npos) << far.err;
    EXPECT_NE(far.err.find("see 'interleave --help'"), std::string::npos) << far.err;
    EXPECT_TRUE(far.out.empty());
}

TEST(Cli, EveryCommandAnswersHelpWithItsUsageOptionsAndAnExample)
{
    const std::vector<std::pair<std::string, std::string>> commands{
        {"list", "--parameters SCENARIO"},
        {"run", "--set NAME=VALUE"},
        {"trace", "--python PATH"},
        {"sweep", "--param NAME=V1,V2,..."},
        {"info", "--json"},
        {"convert", "-o, --output OUT.json|OUT.itrace"},
        {"export", "--compare OTHER"}};
    for (const auto& [command, option] : commands) {
        const Result r = interleave({command, "--help"});
        EXPECT_EQ(r.status, 0) << command << ": " << r.err;
        EXPECT_EQ(r.out.rfind("usage: interleave " + command + " ", 0), 0u) << r.out;
        EXPECT_NE(r.out.find(option), std::string::npos) << command << ":\n" << r.out;
        EXPECT_NE(r.out.find("-h, --help"), std::string::npos) << r.out;
        EXPECT_NE(r.out.find("\n  interleave " + command + " "), std::string::npos)
            << command << " has an example:\n"
            << r.out;
        EXPECT_TRUE(r.err.empty()) << r.err;
        // `interleave help COMMAND` and `-h` say the same.
        EXPECT_EQ(interleave({"help", command}).out, r.out);
        EXPECT_EQ(interleave({command, "-h"}).out, r.out);
    }
    const Result overview = interleave({"help"});
    EXPECT_EQ(overview.status, 0);
    for (const auto& [command, option] : commands)
        EXPECT_NE(overview.out.find("  interleave " + command), std::string::npos) << command;
    EXPECT_EQ(interleave({"help", "rnu"}).status, 2);
}

TEST(Cli, AnUnknownOptionNamesTheNearestKnownOne)
{
    const Result typo = interleave({"run", "gil-cpu-threads", "--sett", "workers=2"});
    EXPECT_EQ(typo.status, 2);
    EXPECT_EQ(typo.err, "interleave run: unknown option --sett (did you mean --set?) (see "
                        "'interleave run --help')\n");
    const Result output = interleave({"export", "x.itrace", "--outptu", "x.png"});
    EXPECT_EQ(output.status, 2);
    EXPECT_NE(output.err.find("unknown option --outptu (did you mean --output?)"),
              std::string::npos)
        << output.err;
    const Result far = interleave({"info", "--frobnicate", "x.itrace"});
    EXPECT_EQ(far.status, 2);
    EXPECT_NE(far.err.find("unknown option --frobnicate (see 'interleave info --help')"),
              std::string::npos)
        << far.err;
    const Result missing = interleave({"run", "gil-cpu-threads", "--set"});
    EXPECT_EQ(missing.status, 2);
    EXPECT_NE(missing.err.find("--set"), std::string::npos) << missing.err;
    EXPECT_EQ(lines(missing.err), 1) << missing.err;
}

/// Everything after the script is the script's, `--help` too.
TEST(Cli, TraceHandsTheWordsAfterTheScriptToTheScript)
{
    const std::string script = temporaryPath("argv.py");
    std::ofstream(script) << "import sys\nprint('argv:', sys.argv[1:])\n";
    const std::string trace = temporaryPath("argv.itrace");
    const Result r = interleave({"trace", "-o", trace, script, "--help", "-o", "x"});
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_NE(r.out.find("argv: ['--help', '-o', 'x']"), std::string::npos) << r.out << r.err;
    EXPECT_EQ(r.out.find("usage: interleave trace"), std::string::npos) << r.out;
    std::filesystem::remove(script);
    std::filesystem::remove(trace);
}

TEST(Cli, AMissingFileIsOneLineNotAWindow)
{
    for (const std::string& name : {std::string("x.itrace"), std::string("no/such/trace")}) {
        const Result r = interleave({name});
        EXPECT_EQ(r.status, 2) << name;
        EXPECT_EQ(r.err, "interleave: cannot open '" + name + "': No such file or directory\n");
    }
}

TEST(Cli, TheWindowWithoutADisplaySaysSoInOneLine)
{
    const std::string trace = temporaryPath("nodisplay.itrace");
    ASSERT_EQ(
        interleave({"run", "threads-interleaved", "-q", "--set", "time_scale=0.01", "-o", trace})
            .status,
        0);
    // No display variable at all, and one naming a display nobody serves.
    for (const std::string& environment : {std::string(), std::string("DISPLAY=:97")}) {
        for (const std::vector<std::string>& args :
             {std::vector<std::string>{}, std::vector<std::string>{trace},
              std::vector<std::string>{"--theme", "dark"}}) {
            const Result r = interleave(args, environment);
            EXPECT_EQ(r.status, 2) << environment << " " << r.err;
            EXPECT_EQ(lines(r.err), 1) << r.err;
            EXPECT_NE(r.err.find("needs a display"), std::string::npos) << r.err;
            EXPECT_NE(r.err.find("run, info, export"), std::string::npos) << r.err;
        }
    }
    std::filesystem::remove(trace);
}

TEST(Cli, AFullDiskKeepsEveryOldFileAndSaysWhyInOneLine)
{
    const std::string source = temporaryPath("full-source.itrace");
    ASSERT_EQ(
        interleave({"run", "threads-interleaved", "-q", "--set", "time_scale=0.01", "-o", source})
            .status,
        0);
    const std::string disk = temporaryPath("full-disk");
    std::filesystem::create_directories(disk);
    const std::string full =
        std::string("LD_PRELOAD=") + INTERLEAVE_NOSPACE_PATH + " INTERLEAVE_FULL_DISK=" + disk;
    const std::vector<std::vector<std::string>> saves = {
        {"convert", source, "-o", disk + "/old.itrace"},
        {"convert", source, "-o", disk + "/old.json"},
        {"export", source, "-o", disk + "/old.png"},
        {"export", source, "-o", disk + "/old.svg"},
        {"export", source, "-o", disk + "/old.pdf"},
    };
    for (const auto& save : saves) {
        const std::string target = save.back();
        {
            std::ofstream old(target);
            old << "the file that was there";
        }
        const Result r = interleave(save, full);
        EXPECT_EQ(r.status, 1) << target << ": " << r.err;
        EXPECT_EQ(lines(r.err), 1) << target << ": " << r.err;
        EXPECT_NE(r.err.find("No space left on device"), std::string::npos) << r.err;
        EXPECT_EQ(r.err.find("libpng"), std::string::npos) << r.err;
        EXPECT_EQ(slurp(target), "the file that was there") << target;
    }
    // A run that cannot be saved still says how it went.
    const Result run = interleave(
        {"run", "threads-interleaved", "--set", "time_scale=0.01", "-o", disk + "/run.itrace"},
        full);
    EXPECT_EQ(run.status, 1);
    EXPECT_NE(run.out.find("verdict: "), std::string::npos) << run.out;
    EXPECT_NE(run.err.find("No space left on device"), std::string::npos) << run.err;
    // No temporary is left behind.
    std::size_t files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(disk)) {
        ++files;
        EXPECT_EQ(entry.path().filename().string().find(".tmp-"), std::string::npos)
            << entry.path();
    }
    EXPECT_EQ(files, saves.size());
    std::filesystem::remove_all(disk);
    std::filesystem::remove(source);
}

TEST(Cli, WhereToWriteAndHowOftenAreCheckedAsInput)
{
    const std::string source = temporaryPath("where.itrace");
    ASSERT_EQ(
        interleave({"run", "threads-interleaved", "-q", "--set", "time_scale=0.01", "-o", source})
            .status,
        0);
    for (const std::vector<std::string>& bad :
         {std::vector<std::string>{"convert", source, "-o", "/no/such/directory/x.json"},
          std::vector<std::string>{"export", source, "-o", "/tmp"},
          std::vector<std::string>{"sweep", "thread-pool-io", "--param", "pool_size=1", "--repeat",
                                   "1x"}}) {
        const Result r = interleave(bad);
        EXPECT_EQ(r.status, 2) << bad[0] << " " << bad.back() << ": " << r.err;
        EXPECT_EQ(lines(r.err), 1) << r.err;
    }
    // A FIFO is refused at once, not waited on.
    const std::string fifo = temporaryPath("fifo.itrace");
    ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
    const Result r = interleave({"info", fifo});
    EXPECT_EQ(r.status, 2) << r.err;
    EXPECT_NE(r.err.find("not a regular file"), std::string::npos) << r.err;
    std::filesystem::remove(fifo);
    std::filesystem::remove(source);
}
