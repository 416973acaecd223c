// libFuzzer target: any bytes into the Chrome Trace Event JSON importer.
#include "base/errors.h"
#include "format/chromeimport.h"
#include "trace/tracestore.h"

#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    try {
        interleave::parseChromeJson(std::string_view(reinterpret_cast<const char*>(data), size),
                                    "fuzz");
    } catch (const interleave::FormatError&) {
        // Refused with a reason.
    }
    return 0;
}
