#include "base/errors.h"
#include "scenario/parameters.h"
#include "scenario/registry.h"

#include <gtest/gtest.h>

using namespace interleave;

namespace {

std::vector<ParameterSpec> specs()
{
    return {
        ParameterSpec::integer("workers", "Workers", 3, 1, 16, "how many"),
        ParameterSpec::real("time_scale", "Time scale", 1.0, 0.001, 10.0, "scale"),
        ParameterSpec::boolean("lock", "Lock", false, "use a lock"),
        ParameterSpec::choice("workload", "Workload", "factorial", {"factorial", "bytecode"}, "w"),
    };
}

} // namespace

TEST(Parameters, DefaultsFillEveryParameter)
{
    const ParameterValues values = resolveParameters(specs(), {});
    EXPECT_EQ(values.integer("workers"), 3);
    EXPECT_DOUBLE_EQ(values.real("time_scale"), 1.0);
    EXPECT_FALSE(values.boolean("lock"));
    EXPECT_EQ(values.choice("workload"), "factorial");
}

TEST(Parameters, AssignmentsOverrideDefaults)
{
    const ParameterValues values = resolveParameters(
        specs(),
        {{"workers", "8"}, {"lock", "true"}, {"time_scale", "0.05"}, {"workload", "bytecode"}});
    EXPECT_EQ(values.integer("workers"), 8);
    EXPECT_TRUE(values.boolean("lock"));
    EXPECT_DOUBLE_EQ(values.real("time_scale"), 0.05);
    EXPECT_EQ(values.choice("workload"), "bytecode");
}

TEST(Parameters, RejectsUnknownNamesListingKnownOnes)
{
    try {
        resolveParameters(specs(), {{"threads", "4"}});
        FAIL() << "unknown parameter accepted";
    } catch (const UsageError& e) {
        EXPECT_NE(std::string(e.what()).find("unknown parameter 'threads'"), std::string::npos);
        EXPECT_NE(std::string(e.what()).find("workers"), std::string::npos);
    }
}

TEST(Parameters, RejectsOutOfRangeAndMalformedValues)
{
    EXPECT_THROW(resolveParameters(specs(), {{"workers", "0"}}), UsageError);
    EXPECT_THROW(resolveParameters(specs(), {{"workers", "17"}}), UsageError);
    EXPECT_THROW(resolveParameters(specs(), {{"workers", "3.5"}}), UsageError);
    EXPECT_THROW(resolveParameters(specs(), {{"workers", ""}}), UsageError);
    EXPECT_THROW(resolveParameters(specs(), {{"time_scale", "0"}}), UsageError);
    EXPECT_THROW(resolveParameters(specs(), {{"time_scale", "nan"}}), UsageError);
    EXPECT_THROW(resolveParameters(specs(), {{"lock", "maybe"}}), UsageError);
    EXPECT_THROW(resolveParameters(specs(), {{"workload", "sleep"}}), UsageError);
}

TEST(Parameters, AssignmentsRoundTripThroughText)
{
    const ParameterValues values =
        resolveParameters(specs(), {{"workers", "5"}, {"time_scale", "0.25"}, {"lock", "yes"}});
    const ParameterValues again = resolveParameters(specs(), values.assignments());
    EXPECT_EQ(again.all(), values.all());
}

TEST(Parameters, SplitAssignmentNeedsAnEqualsSign)
{
    EXPECT_EQ(splitAssignment("a=b=c"), (std::pair<std::string, std::string>{"a", "b=c"}));
    EXPECT_THROW(splitAssignment("workers"), UsageError);
    EXPECT_THROW(splitAssignment("=3"), UsageError);
}

TEST(Scenarios, EveryScenarioHasTextDefaultsWithinRangeAndATimeScale)
{
    ASSERT_FALSE(allScenarios().empty());
    for (const Scenario* scenario : allScenarios()) {
        const ScenarioInfo& info = scenario->info();
        SCOPED_TRACE(info.id);
        EXPECT_FALSE(info.title.empty());
        EXPECT_FALSE(info.summary.empty());
        EXPECT_FALSE(info.whatToLookFor.empty());
        EXPECT_FALSE(info.pythonSource.empty());
        bool hasTimeScale = false;
        for (const ParameterSpec& spec : info.parameters) {
            hasTimeScale |= spec.name == "time_scale";
            // The default must itself be accepted by the parser.
            EXPECT_NO_THROW(parseParameterValue(spec, formatParameterValue(spec.defaultValue)));
        }
        // The real interpreter's lessons run in real time.
        EXPECT_EQ(hasTimeScale, info.group != ScenarioGroup::Python);
        EXPECT_EQ(findScenario(info.id), scenario);
    }
    EXPECT_EQ(findScenario("no-such-scenario"), nullptr);
    EXPECT_THROW(requireScenario("no-such-scenario"), UsageError);
}
