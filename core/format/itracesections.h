#pragma once

// The parts of the .itrace reader, one file per group of sections: the header, the table and
// opening a section (itracesection.cpp); the per-lane event and span sections, decoded in
// parallel (itracelanes.cpp); the small record sections (itracerecords.cpp). Internal to
// core/format: the entry points are in itracereader.h.

#include "base/bytebuffer.h"
#include "format/bytecodec.h"
#include "format/itraceformat.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace interleave {

class TraceStore;
class Progress;

namespace itrace {

/// Raw (decompressed) section sizes beyond this are refused before any allocation.
constexpr std::uint64_t kMaxRawSection = 64ull << 30;

[[noreturn]] void corrupt(const std::string& what);

/// One row of the section table, as stored.
struct SectionEntry {
    std::uint32_t type;
    std::uint32_t flags;
    std::uint64_t offset;
    std::uint64_t stored;
    std::uint64_t raw;
    std::uint64_t checksum;
};

/// A verified section's bytes (decompressed if needed) and where it sits in the file.
struct SectionData {
    ByteBuffer owned;
    const std::uint8_t* data = nullptr;
    std::size_t size = 0;
    std::uint64_t fileOffset = 0;
    std::string name;

    ByteReader reader() const { return ByteReader(data, size, name, fileOffset); }
};

/// What the header says about the rest of the file.
struct HeaderFields {
    std::uint32_t count = 0;       ///< Sections in the table.
    std::uint64_t tableOffset = 0; ///< Where the table starts.
};
/// Checks the header (magic, version, checksum, padding) against a file of `size` bytes, of
/// which `available` are at `data`: before anything else of the file is read.
HeaderFields checkHeader(const std::uint8_t* data, std::size_t available, std::uint64_t size);
/// Checks the header and the section table (bounds, checksums, overlaps) and returns the table.
std::vector<SectionEntry> readTable(const std::uint8_t* data, std::size_t size);
/// Verifies a section's checksum and decompresses it if it is compressed.
SectionData openSection(const std::uint8_t* file, const SectionEntry& entry);
/// Fails unless the reader consumed the whole section.
void expectEnd(const ByteReader& r);

// Per-lane sections. Events returns (event count, last event time).
std::pair<std::uint64_t, std::uint64_t> readEvents(const SectionData& s, TraceStore& trace,
                                                   const Progress& progress);
void readSpans(const SectionData& s, TraceStore& trace);
/// Imported slices (1.2 on; 1.1 files carry them in the Imported section).
void readSlices(const SectionData& s, TraceStore& trace);

// Record sections.
void readMetadata(const SectionData& s, TraceStore& trace);
void readStrings(const SectionData& s, TraceStore& trace);
void readWorkers(const SectionData& s, TraceStore& trace);
void readObjects(const SectionData& s, TraceStore& trace);
void readCounters(const SectionData& s, TraceStore& trace);
void readSamples(const SectionData& s, TraceStore& trace);
void readResults(const SectionData& s, TraceStore& trace);
void readRings(const SectionData& s, TraceStore& trace);
void readAnnotations(const SectionData& s, TraceStore& trace);
void readMoments(const SectionData& s, TraceStore& trace);
void readView(const SectionData& s, TraceStore& trace);
void readImported(const SectionData& s, TraceStore& trace);

} // namespace itrace

} // namespace interleave
