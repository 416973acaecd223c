#include "format/chromejson.h"
#include "format/summaryformat.h"
#include "testsupport.h"
#include "trace/summary.h"

#include <gtest/gtest.h>
#include <map>
#include <set>
#include <simdjson.h>
#include <sstream>

using namespace interleave;

namespace {

simdjson::dom::element parse(simdjson::dom::parser& parser, const std::string& text,
                             simdjson::padded_string& storage)
{
    storage = simdjson::padded_string(text);
    return parser.parse(storage).value();
}

} // namespace

TEST(ChromeJson, HasNamesSpansCountersPrintsAndHandOvers)
{
    // Threads under the GIL: hand-overs are always contended; prints; long enough for samples.
    const auto race = test::runScenario(
        "gil-cpu-threads", {{"workers", "3"}, {"workload", "factorial"}, {"n", "300000"}});
    std::ostringstream out;
    writeChromeJson(*race, out);
    simdjson::dom::parser parser;
    simdjson::padded_string storage;
    const simdjson::dom::element root = parse(parser, out.str(), storage);
    std::set<std::string> threadNames;
    std::map<std::string, int> phases;
    std::set<std::string> spanNames;
    int flowStarts = 0, flowEnds = 0;
    for (simdjson::dom::element e : root["traceEvents"].get_array()) {
        const std::string ph(std::string_view(e["ph"].get_string()));
        ++phases[ph];
        const std::string name(std::string_view(e["name"].get_string()));
        if (ph == "M" && name == "thread_name")
            threadNames.insert(std::string(std::string_view(e["args"]["name"].get_string())));
        if (ph == "X") {
            spanNames.insert(name);
            EXPECT_GE(double(e["dur"].get_double()), 0.0);
            EXPECT_TRUE(e["pid"].is_int64());
            EXPECT_TRUE(e["tid"].is_int64());
        }
        flowStarts += ph == "s";
        flowEnds += ph == "f";
    }
    for (std::size_t i = 0; i < race->laneCount(); ++i)
        EXPECT_TRUE(threadNames.count(race->lane(i).info.name)) << race->lane(i).info.name;
    EXPECT_TRUE(spanNames.count("running"));
    EXPECT_TRUE(spanNames.count("gil_wait"));
    EXPECT_TRUE(spanNames.count("joining"));
    EXPECT_EQ(phases["i"], 3) << "each thread prints when it finishes";
    EXPECT_GT(phases["C"], 0) << "core utilisation counters";
    EXPECT_EQ(flowStarts, flowEnds);
    EXPECT_GE(flowStarts, 3) << "the GIL is handed over from thread to thread";
    EXPECT_EQ(std::string_view(root["otherData"]["scenario"].get_string()), "gil-cpu-threads");

    const auto queue =
        test::runScenario("queue-sentinel", {{"items", "3"}, {"time_scale", "0.05"}});
    std::ostringstream queueOut;
    writeChromeJson(*queue, queueOut);
    simdjson::padded_string queueStorage;
    bool depthCounter = false;
    for (simdjson::dom::element e :
         parse(parser, queueOut.str(), queueStorage)["traceEvents"].get_array()) {
        if (std::string_view(e["ph"].get_string()) == "C" &&
            std::string_view(e["name"].get_string()).rfind("queue depth", 0) == 0)
            depthCounter = true;
    }
    EXPECT_TRUE(depthCounter);
}

TEST(SummaryJson, CarriesEveryFieldTheCliPromises)
{
    const auto trace =
        test::runScenario("queue-sentinel", {{"items", "3"}, {"time_scale", "0.05"}});
    std::ostringstream out;
    writeSummaryJson(summarise(*trace), out);
    simdjson::dom::parser parser;
    simdjson::padded_string storage;
    const simdjson::dom::element root = parse(parser, out.str(), storage);
    EXPECT_EQ(std::string_view(root["scenario"].get_string()), "queue-sentinel");
    EXPECT_EQ(std::string_view(root["parameters"]["items"].get_string()), "3");
    EXPECT_GT(std::int64_t(root["machine"]["cores"].get_int64()), 0);
    EXPECT_TRUE(root["machine"]["cpu_model"].is_string());
    EXPECT_TRUE(root["machine"]["kernel"].is_string());
    EXPECT_GT(std::uint64_t(root["duration_ns"].get_uint64()), 0u);
    std::set<std::string> kinds;
    for (simdjson::dom::element w : root["workers"].get_array()) {
        kinds.insert(std::string(std::string_view(w["kind"].get_string())));
        EXPECT_TRUE(w["id"].is_uint64());
        EXPECT_TRUE(w["name"].is_string());
        EXPECT_TRUE(w["pid"].is_int64());
        EXPECT_TRUE(w["tid"].is_int64());
        EXPECT_GT(std::uint64_t(w["events"].get_uint64()), 0u);
        EXPECT_TRUE(w["state_ns"]["running"].is_uint64());
        EXPECT_TRUE(w["state_ns"]["queue_wait"].is_uint64());
    }
    EXPECT_EQ(kinds, (std::set<std::string>{"thread", "process"}));
    bool sawQueue = false;
    for (simdjson::dom::element q : root["queues"].get_array()) {
        sawQueue = true;
        EXPECT_EQ(std::uint64_t(q["puts"].get_uint64()), 4u);
        EXPECT_EQ(std::uint64_t(q["gets"].get_uint64()), 4u);
        EXPECT_GE(std::uint64_t(q["max_depth"].get_uint64()), 1u);
    }
    EXPECT_TRUE(sawQueue);
    for (simdjson::dom::element l : root["locks"].get_array()) {
        EXPECT_TRUE(l["acquisitions"].is_uint64());
        EXPECT_TRUE(l["contended"].is_uint64());
        EXPECT_TRUE(l["wait_ns_total"].is_uint64());
        EXPECT_TRUE(l["wait_ns_max"].is_uint64());
    }
    EXPECT_EQ(std::uint64_t(root["events"]["dropped"].get_uint64()), 0u);
    EXPECT_TRUE(root["events"]["ring_full_waits"].is_uint64());
    EXPECT_GT(std::uint64_t(root["events"]["total"].get_uint64()), 0u);
    EXPECT_GT(simdjson::dom::array(root["cores_used"].get_array()).size(), 0u);
    EXPECT_TRUE(root["max_parallel_running"].is_uint64());
    EXPECT_GT(simdjson::dom::array(root["results"]["output_lines"].get_array()).size(), 0u);
    EXPECT_EQ(std::int64_t(root["results"]["lost_items"].get_int64()), 0);
}
