#pragma once

#include "base/progress.h"

#include <cstdint>
#include <memory>
#include <string>

namespace interleave {

class TraceStore;

/// Decodes .itrace bytes into a finalised trace. Every length, offset, id and checksum is
/// verified first; anything wrong throws FormatError naming the section and offset.
std::shared_ptr<TraceStore> decodeTrace(const std::uint8_t* data, std::size_t size,
                                        const Progress& progress = {});

/// Whether the bytes start like an .itrace file.
bool looksLikeItrace(const std::uint8_t* data, std::size_t size);

/// Reads and decodes an .itrace file. Throws SystemError when it cannot be read.
std::shared_ptr<TraceStore> loadItrace(const std::string& path, const Progress& progress = {});

} // namespace interleave
