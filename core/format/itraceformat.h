#pragma once

#include <cstdint>

/// Layout of .itrace files. A 64-byte header, the sections, then a table describing them:
///
///   header   magic "\x89ITR\r\n\x1a\n", u16 major, u16 minor, u32 section count,
///            u64 table offset, u64 file size, u64 XXH3 of the 32 bytes before it, padding
///   sections each optionally zstd-compressed
///   table    per section: u32 type, u32 flags, u64 offset, u64 stored size, u64 raw size,
///            u64 XXH3 of the stored bytes; then u64 XXH3 of the table
///
/// All integers little-endian. A reader rejects anything it cannot verify.
namespace interleave::itrace {

inline constexpr unsigned char kMagic[8] = {0x89, 'I', 'T', 'R', '\r', '\n', 0x1A, '\n'};
inline constexpr std::uint16_t kMajor = 1;
inline constexpr std::uint16_t kMinor = 2;
inline constexpr std::size_t kHeaderSize = 64;
inline constexpr std::size_t kTableEntrySize = 40;

enum class SectionType : std::uint32_t {
    Metadata = 1,
    Strings = 2,
    Workers = 3,
    Objects = 4,
    Events = 5,
    Samples = 6,
    Results = 7,
    Rings = 8,
    Spans = 9,        ///< Finalised state spans per lane, as the recording showed them.
    Counters = 10,    ///< Queue depth and core utilisation series.
    Annotations = 11, ///< The user's notes (optional: 1.1).
    View = 12,        ///< The saved viewport (optional: 1.1).
    Imported = 13,    ///< Slices, flows, processes and lane order of an imported trace (1.1).
    Moments = 14,     ///< The lesson's moments (optional: 1.1).
    Slices = 15,      ///< Imported slices, a zstd frame per lane, decoded in parallel (1.2).
};
inline constexpr SectionType kLastSectionType = SectionType::Slices;

enum SectionFlag : std::uint32_t {
    Compressed = 1, ///< zstd frame; raw size is the decompressed size.
    Optional = 2,   ///< A reader that does not know the type may skip it.
};

const char* sectionName(std::uint32_t type);

} // namespace interleave::itrace
