#include "engine/workerprocess.h"

#include "engine/workerbody.h"
#include "runtime/gil.h"
#include "runtime/workercontext.h"
#include "scenario/registry.h"

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <sys/prctl.h>
#include <unistd.h>
#include <vector>

namespace interleave {

namespace {

struct WorkerArguments {
    int segmentFd = -1;
    std::uint32_t slot = 0;
    std::string scenario;
    pid_t parentPid = 0;
    std::vector<std::pair<std::string, std::string>> assignments;
};

WorkerArguments parse(int argc, char** argv)
{
    WorkerArguments args;
    for (int i = 1; i < argc; ++i) {
        const std::string flag = argv[i];
        if (i + 1 >= argc)
            throw UsageError("missing value after " + flag);
        const std::string value = argv[++i];
        if (flag == "--segment-fd")
            args.segmentFd = std::stoi(value);
        else if (flag == "--slot")
            args.slot = std::uint32_t(std::stoul(value));
        else if (flag == "--scenario")
            args.scenario = value;
        else if (flag == "--parent-pid")
            args.parentPid = pid_t(std::stol(value));
        else if (flag == "--set")
            args.assignments.push_back(splitAssignment(value));
        else
            throw UsageError("unknown option " + flag);
    }
    if (args.segmentFd < 0 || args.scenario.empty() || args.slot < kFirstWorkerSlot)
        throw UsageError("interleave-worker is started by interleave, not by hand");
    return args;
}

} // namespace

int runWorkerProcess(int argc, char** argv)
{
    WorkerArguments args;
    try {
        args = parse(argc, argv);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "interleave-worker: %s\n", e.what());
        return 3;
    }
    // Die with the parent, whatever happens to it; if it is already gone, do not start at all.
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (args.parentPid != 0 && getppid() != args.parentPid)
        return 3;

    try {
        SharedSegment segment = SharedSegment::attach(args.segmentFd);
        if (args.slot >= segment.header().slotCapacity)
            throw UsageError("slot out of range");
        const Scenario& scenario = requireScenario(args.scenario);
        const ParameterValues parameters =
            resolveParameters(scenario.info().parameters, args.assignments);
        WorkerSlot& slot = segment.slot(args.slot);
        const std::string role(segment.strings().lookup(slot.roleString));
        const std::string name(segment.strings().lookup(slot.nameString));

        std::unique_ptr<Gil> gil;
        if (slot.gilMode != 0)
            gil =
                std::make_unique<Gil>(registerGil(segment, name),
                                      std::chrono::microseconds(segment.header().switchIntervalUs));

        WorkerContext context(
            WorkerContext::Setup{&segment, args.slot, gil.get(), &parameters, nullptr});
        std::string error;
        const EndReason reason = runWorkerBody(context, scenario, role, error);
        return reason == EndReason::Failed ? 1 : 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "interleave-worker: %s\n", e.what());
        return 3;
    }
}

} // namespace interleave
