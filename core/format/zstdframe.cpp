#include "format/zstdframe.h"

#include "base/errors.h"

#include <algorithm>
#include <memory>
#include <zstd.h>

namespace interleave {

std::uint64_t zstdMostFrom(std::uint64_t stored)
{
    constexpr std::uint64_t kRatio = 32768;
    constexpr std::uint64_t kBlock = 128 * 1024;
    return stored > (~0ull - kBlock) / kRatio ? ~0ull : stored * kRatio + kBlock;
}

void decompressFrame(const std::uint8_t* frame, std::size_t stored, std::uint64_t raw,
                     ByteBuffer& out, const std::string& where)
{
    const unsigned long long content = ZSTD_getFrameContentSize(frame, stored);
    if (content == ZSTD_CONTENTSIZE_ERROR || content == ZSTD_CONTENTSIZE_UNKNOWN || content != raw)
        throw FormatError("corrupt trace: " + where + ": bad compressed frame");
    if (raw > zstdMostFrom(stored))
        throw FormatError("corrupt trace: " + where + ": claims " + std::to_string(raw) +
                          " bytes, more than " + std::to_string(stored) +
                          " compressed bytes can hold");
    std::unique_ptr<ZSTD_DCtx, decltype(&ZSTD_freeDCtx)> context(ZSTD_createDCtx(), &ZSTD_freeDCtx);
    if (!context)
        throw std::bad_alloc();
    // Start from what typical data compresses to and grow while output really comes.
    out.clear();
    out.resize(std::size_t(std::min<std::uint64_t>(raw, std::uint64_t(stored) * 8 + 65536)));
    ZSTD_inBuffer input{frame, stored, 0};
    std::size_t produced = 0;
    for (;;) {
        ZSTD_outBuffer output{out.data() + produced, out.size() - produced, 0};
        const std::size_t result = ZSTD_decompressStream(context.get(), &output, &input);
        if (ZSTD_isError(result))
            throw FormatError("corrupt trace: " + where + ": cannot decompress (" +
                              ZSTD_getErrorName(result) + ")");
        produced += output.pos;
        if (result == 0)
            break; // the frame is complete
        if (produced > raw)
            throw FormatError("corrupt trace: " + where + ": more data than its frame claims");
        if (produced == out.size()) {
            if (out.size() >= raw) {
                // Full, yet the frame goes on: one byte more tells a lie from the end.
                if (input.pos == input.size)
                    throw FormatError("corrupt trace: " + where + ": truncated frame");
                out.resize(std::size_t(raw) + 1);
            } else {
                out.resize(std::size_t(std::min<std::uint64_t>(raw, out.size() * 2)));
            }
        } else if (input.pos == input.size && output.pos == 0) {
            throw FormatError("corrupt trace: " + where + ": truncated frame");
        }
    }
    if (produced != raw || input.pos != input.size)
        throw FormatError("corrupt trace: " + where + ": size does not match its frame");
    out.resize(std::size_t(raw));
}

} // namespace interleave
