#pragma once

#include <cstdint>
#include <vector>

namespace interleave::test {

/// Makes a damaged .itrace internally consistent again: the header's file size and checksum,
/// and every section's and the table's checksums are recomputed. What a mutation changed in a
/// section then reaches the parsers instead of stopping at the first checksum (fuzzing), and a
/// test can forge a file whose only fault is the one it wants to show. Returns false if the
/// bytes are too damaged to find the table.
bool fixItraceChecksums(std::vector<std::uint8_t>& bytes);

/// Where the table says section `type` is: its offset and stored size; false if there is none.
bool findSection(const std::vector<std::uint8_t>& bytes, std::uint32_t type, std::uint64_t& offset,
                 std::uint64_t& stored, std::uint64_t* raw = nullptr);

/// Rewrites section `type`'s raw (decompressed) size in the table.
bool setSectionRawSize(std::vector<std::uint8_t>& bytes, std::uint32_t type, std::uint64_t raw);

} // namespace interleave::test
