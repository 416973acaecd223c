#include "base/errors.h"
#include "format/itracesections.h"
#include "format/zstdframe.h"

#include <algorithm>
#include <xxhash.h>

namespace interleave::itrace {

const char* sectionName(std::uint32_t type)
{
    switch (SectionType(type)) {
    case SectionType::Metadata: return "metadata";
    case SectionType::Strings: return "strings";
    case SectionType::Workers: return "workers";
    case SectionType::Objects: return "objects";
    case SectionType::Events: return "events";
    case SectionType::Samples: return "samples";
    case SectionType::Results: return "results";
    case SectionType::Rings: return "rings";
    case SectionType::Spans: return "spans";
    case SectionType::Moments: return "moments";
    case SectionType::Counters: return "counters";
    case SectionType::Annotations: return "annotations";
    case SectionType::View: return "view";
    case SectionType::Imported: return "imported";
    case SectionType::Slices: return "slices";
    }
    return "unknown";
}

[[noreturn]] void corrupt(const std::string& what)
{
    throw FormatError("corrupt trace: " + what);
}

HeaderFields checkHeader(const std::uint8_t* data, std::size_t available, std::uint64_t size)
{
    if (size < kHeaderSize || available < kHeaderSize)
        corrupt("file too short for a header (" + std::to_string(size) + " bytes)");
    ByteReader header(data, kHeaderSize, "header", 0);
    header.take(sizeof kMagic);
    const std::uint16_t major = header.u16();
    const std::uint16_t minor = header.u16();
    HeaderFields fields;
    fields.count = header.u32();
    fields.tableOffset = header.u64();
    const std::uint64_t fileSize = header.u64();
    const std::uint64_t checksum = header.u64();
    if (major != kMajor)
        throw FormatError("trace format " + std::to_string(major) + "." + std::to_string(minor) +
                          " is not supported (this Interleave reads format " +
                          std::to_string(kMajor) + ".x)");
    if (checksum != XXH3_64bits(data, 32))
        corrupt("header checksum mismatch");
    for (std::size_t i = 40; i < kHeaderSize; ++i) {
        if (data[i] != 0)
            corrupt("header padding is not zero");
    }
    if (fileSize != size)
        corrupt(fileSize > size ? "file is truncated: header says " + std::to_string(fileSize) +
                                      " bytes, found " + std::to_string(size)
                                : "unexpected bytes after the end of the trace");
    return fields;
}

std::vector<SectionEntry> readTable(const std::uint8_t* data, std::size_t size)
{
    const HeaderFields header = checkHeader(data, size, size);
    const std::uint32_t count = header.count;
    const std::uint64_t tableOffset = header.tableOffset;
    if (count == 0 || count > 1024)
        corrupt("implausible section count " + std::to_string(count));
    const std::uint64_t tableBytes = std::uint64_t(count) * kTableEntrySize + 8;
    if (tableOffset < kHeaderSize || tableOffset > size || size - tableOffset != tableBytes)
        corrupt("section table out of bounds (offset " + std::to_string(tableOffset) + ")");
    if (XXH3_64bits(data + tableOffset, tableBytes - 8) !=
        ByteReader(data + size - 8, 8, "table", size - 8).u64())
        corrupt("section table checksum mismatch");

    ByteReader table(data + tableOffset, std::size_t(tableBytes - 8), "table", tableOffset);
    std::vector<SectionEntry> entries;
    for (std::uint32_t i = 0; i < count; ++i) {
        SectionEntry e{table.u32(), table.u32(), table.u64(),
                       table.u64(), table.u64(), table.u64()};
        const std::string name = sectionName(e.type);
        if (e.offset < kHeaderSize || e.offset > tableOffset || e.stored > tableOffset - e.offset)
            corrupt("section '" + name + "' out of bounds (offset " + std::to_string(e.offset) +
                    ", " + std::to_string(e.stored) + " bytes)");
        if ((e.flags & ~std::uint32_t(Compressed | Optional)) != 0)
            corrupt("section '" + name + "' has unknown flags");
        entries.push_back(e);
    }
    std::vector<SectionEntry> byOffset = entries;
    std::sort(byOffset.begin(), byOffset.end(),
              [](const SectionEntry& x, const SectionEntry& y) { return x.offset < y.offset; });
    for (std::size_t i = 1; i < byOffset.size(); ++i) {
        if (byOffset[i - 1].offset + byOffset[i - 1].stored > byOffset[i].offset)
            corrupt("sections overlap at offset " + std::to_string(byOffset[i].offset));
    }
    return entries;
}

SectionData openSection(const std::uint8_t* file, const SectionEntry& e)
{
    SectionData section;
    section.name = sectionName(e.type);
    section.fileOffset = e.offset;
    const std::uint8_t* stored = file + e.offset;
    if (XXH3_64bits(stored, e.stored) != e.checksum)
        corrupt("section '" + section.name + "' at offset " + std::to_string(e.offset) +
                ": checksum mismatch");
    if ((e.flags & Compressed) == 0) {
        if (e.raw != e.stored)
            corrupt("section '" + section.name + "': size mismatch");
        section.data = stored;
        section.size = std::size_t(e.stored);
        return section;
    }
    if (e.raw > kMaxRawSection)
        corrupt("section '" + section.name + "' at offset " + std::to_string(e.offset) +
                ": implausibly large");
    decompressFrame(stored, std::size_t(e.stored), e.raw, section.owned,
                    "section '" + section.name + "' at offset " + std::to_string(e.offset));
    section.data = section.owned.data();
    section.size = section.owned.size();
    return section;
}

void expectEnd(const ByteReader& r)
{
    if (!r.atEnd())
        r.fail(std::to_string(r.remaining()) + " unexpected bytes at the end");
}

} // namespace interleave::itrace
