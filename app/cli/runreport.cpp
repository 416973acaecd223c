#include "cli/runreport.h"

#include "cli/arguments.h"
#include "cli/interrupt.h"
#include "cli/pictureargs.h"
#include "engine/run.h"
#include "format/itracewriter.h"
#include "scenarios/cpuwork.h"
#include "trace/tracestore.h"

#include <chrono>
#include <iostream>

namespace interleave::cli {

std::shared_ptr<TraceStore> runToTheEnd(Run& run)
{
    InterruptGuard interrupt;
    run.start();
    while (!run.waitFor(std::chrono::milliseconds(100))) {
        if (interrupt.interrupted())
            run.requestStop();
    }
    return run.trace();
}

void reportAndSave(const std::shared_ptr<TraceStore>& trace, const std::string& output,
                   const std::optional<std::string>& picture, const Arguments& args)
{
    std::cout << "verdict: " << trace->results.verdict << '\n' << std::flush;
    saveTrace(*trace, output);
    std::cout << "trace: " << output << " (" << trace->eventCount() << " events, "
              << trace->rings.dropped << " dropped, "
              << cpuwork::formatDuration(trace->run.durationNs()) << ")\n";
    if (picture) {
        writePicture(trace, pictureOptions(args, *trace), *picture);
        std::cout << "picture: " << *picture << '\n';
    }
}

} // namespace interleave::cli
