#pragma once

#include "base/bytebuffer.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace interleave {

/// The most one zstd frame of `stored` bytes can decompress to: a 3-byte block header and one
/// byte make an RLE block of up to 128 KiB, so about 32 768 : 1, plus a block's worth.
std::uint64_t zstdMostFrom(std::uint64_t stored);

/// Decompresses the zstd frame at `frame` (`stored` bytes) that claims to hold `raw` bytes into
/// `out` (resized to exactly `raw`). A claim the stored bytes cannot hold is refused before
/// anything is allocated, and the output grows as data really comes out, so a crafted size
/// costs nothing. Anything amiss is a FormatError about `where`.
void decompressFrame(const std::uint8_t* frame, std::size_t stored, std::uint64_t raw,
                     ByteBuffer& out, const std::string& where);

} // namespace interleave
