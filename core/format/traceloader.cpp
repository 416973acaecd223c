#include "format/traceloader.h"

#include "base/errors.h"
#include "format/chromeimport.h"
#include "format/itracereader.h"

#include <cerrno>
#include <fstream>

namespace interleave {

std::shared_ptr<TraceStore> loadTraceFile(const std::string& path, const Progress& progress)
{
    std::ifstream probe(path, std::ios::binary);
    if (!probe)
        throw SystemError("cannot open '" + path + "'", errno ? errno : ENOENT);
    unsigned char head[256] = {};
    probe.read(reinterpret_cast<char*>(head), sizeof head);
    if (looksLikeItrace(head, std::size_t(probe.gcount()))) {
        try {
            return loadItrace(path, progress);
        } catch (const FormatError& e) {
            throw FormatError("'" + path + "': " + e.what());
        }
    }
    if (looksLikeChromeJson(head, std::size_t(probe.gcount())))
        return loadChromeJson(path, progress);
    throw FormatError("'" + path +
                      "' is neither an Interleave trace (.itrace) nor Chrome trace JSON");
}

} // namespace interleave
