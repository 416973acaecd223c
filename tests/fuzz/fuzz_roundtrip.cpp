// libFuzzer target: whatever loads (as .itrace, checksums fixed, or as Chrome JSON) must save
// and load again, unchanged.
#include "base/errors.h"
#include "format/chromeimport.h"
#include "format/itracereader.h"
#include "format/itracewriter.h"
#include "itracefix.h"
#include "trace/tracestore.h"
#include "tracecompare.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string_view>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace interleave;
    std::shared_ptr<TraceStore> trace;
    try {
        if (looksLikeItrace(data, size)) {
            std::vector<std::uint8_t> bytes(data, data + size);
            test::fixItraceChecksums(bytes);
            trace = decodeTrace(bytes.data(), bytes.size());
        } else {
            trace = parseChromeJson(std::string_view(reinterpret_cast<const char*>(data), size),
                                    "fuzz");
        }
    } catch (const FormatError&) {
        return 0; // not a trace: nothing to round-trip
    }
    const std::vector<std::uint8_t> saved = encodeTrace(*trace);
    const auto again = decodeTrace(saved.data(), saved.size());
    const std::string difference = test::traceDifference(*trace, *again);
    if (!difference.empty()) {
        std::fprintf(stderr, "round trip changed the trace: %s\n", difference.c_str());
        std::abort();
    }
    return 0;
}
