// libFuzzer target: .itrace bytes into the reader, twice: as they are (header, table and
// checksums are checked), then with the checksums recomputed, so that a mutation also reaches
// the section parsers instead of stopping at the first checksum.
#include "base/errors.h"
#include "format/itracereader.h"
#include "itracefix.h"
#include "trace/tracestore.h"

#include <cstdint>
#include <vector>

namespace {

void decode(const std::vector<std::uint8_t>& bytes)
{
    try {
        interleave::decodeTrace(bytes.data(), bytes.size());
    } catch (const interleave::FormatError&) {
        // Refused with a reason: what it must do with bad bytes.
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    std::vector<std::uint8_t> bytes(data, data + size);
    decode(bytes);
    if (interleave::test::fixItraceChecksums(bytes))
        decode(bytes);
    return 0;
}
