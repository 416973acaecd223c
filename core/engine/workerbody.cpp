#include "engine/workerbody.h"

#include "runtime/workercontext.h"
#include "scenario/scenario.h"

#include <unistd.h>

namespace interleave {

EndReason runWorkerBody(WorkerContext& context, const Scenario& scenario, std::string_view role,
                        std::string& error)
{
    context.recordStart();
    EndReason reason = EndReason::Returned;
    try {
        context.enterInterpreter();
        if (role == "main")
            scenario.runMain(context);
        else
            scenario.runRole(role, context);
    } catch (const RunCancelled&) {
        reason = EndReason::Cancelled;
    } catch (const std::exception& e) {
        reason = EndReason::Failed;
        error = e.what();
        context.printError("Traceback: " + context.name() + " failed: " + error);
    }
    context.leaveInterpreter();
    context.recordEnd(reason);
    return reason;
}

std::uint16_t registerGil(SharedSegment& segment, std::string_view owner)
{
    const std::uint32_t id = segment.reserveObject();
    ObjectSlot& object = segment.object(id);
    object.kind = ObjectKind::Gil;
    object.nameString = segment.strings().intern("GIL of " + std::string(owner));
    object.processShared = 0;
    object.ownerPid = std::int32_t(getpid());
    object.ready.store(1, std::memory_order_release);
    return std::uint16_t(id);
}

} // namespace interleave
