#include "format/traceloader.h"

#include "base/errors.h"
#include "base/regularfile.h"
#include "format/chromeimport.h"
#include "format/itracereader.h"
#include "trace/moments.h"
#include "trace/tracestore.h"

#include <cerrno>
#include <unistd.h>

namespace interleave {

std::shared_ptr<TraceStore> loadTraceFile(const std::string& path, const Progress& progress)
{
    // Through openRegularFile: a FIFO or a directory is refused without blocking on it.
    std::size_t size = 0;
    const int fd = openRegularFile(path, size);
    unsigned char head[256] = {};
    const ssize_t got = pread(fd, head, sizeof head, 0);
    const int readError = errno;
    close(fd);
    if (got < 0)
        throw SystemError("cannot read '" + path + "'", readError);
    const auto length = std::size_t(got);
    std::shared_ptr<TraceStore> trace;
    if (looksLikeItrace(head, length)) {
        try {
            trace = loadItrace(path, progress);
        } catch (const FormatError& e) {
            throw FormatError("'" + path + "': " + e.what());
        }
    } else if (looksLikeChromeJson(head, length)) {
        trace = loadChromeJson(path, progress);
    } else {
        throw FormatError("'" + path +
                          "' is neither an Interleave trace (.itrace) nor Chrome trace JSON");
    }
    // Traces from before moments were saved, and imported ones, get them from their events.
    if (trace->moments.empty())
        trace->moments = findMoments(*trace);
    return trace;
}

} // namespace interleave
