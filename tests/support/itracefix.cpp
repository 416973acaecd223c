#include "itracefix.h"

#include "format/itraceformat.h"

#include <cstring>
#include <xxhash.h>

namespace interleave::test {

namespace {

std::uint64_t load64(const std::uint8_t* p)
{
    std::uint64_t v = 0;
    std::memcpy(&v, p, 8);
    return v;
}

std::uint32_t load32(const std::uint8_t* p)
{
    std::uint32_t v = 0;
    std::memcpy(&v, p, 4);
    return v;
}

void store64(std::uint8_t* p, std::uint64_t v)
{
    std::memcpy(p, &v, 8);
}

/// The table's offset and entry count, if the header and size allow them.
bool table(const std::vector<std::uint8_t>& bytes, std::uint64_t& offset, std::uint32_t& count)
{
    if (bytes.size() < itrace::kHeaderSize)
        return false;
    count = load32(bytes.data() + 12);
    offset = load64(bytes.data() + 16);
    if (count == 0 || count > 1024 || offset < itrace::kHeaderSize)
        return false;
    const std::uint64_t tableBytes = std::uint64_t(count) * itrace::kTableEntrySize + 8;
    return offset <= bytes.size() && bytes.size() - offset >= tableBytes;
}

} // namespace

bool fixItraceChecksums(std::vector<std::uint8_t>& bytes)
{
    std::uint64_t offset = 0;
    std::uint32_t count = 0;
    if (!table(bytes, offset, count))
        return false;
    // Drop bytes after the table: the header's size then matches.
    const std::uint64_t tableBytes = std::uint64_t(count) * itrace::kTableEntrySize + 8;
    bytes.resize(std::size_t(offset + tableBytes));
    for (std::uint32_t i = 0; i < count; ++i) {
        std::uint8_t* entry = bytes.data() + offset + i * itrace::kTableEntrySize;
        const std::uint64_t at = load64(entry + 8);
        const std::uint64_t stored = load64(entry + 16);
        if (at <= offset && stored <= offset - at)
            store64(entry + 32, XXH3_64bits(bytes.data() + at, std::size_t(stored)));
    }
    store64(bytes.data() + offset + tableBytes - 8,
            XXH3_64bits(bytes.data() + offset, std::size_t(tableBytes - 8)));
    store64(bytes.data() + 24, bytes.size());
    store64(bytes.data() + 32, XXH3_64bits(bytes.data(), 32));
    return true;
}

bool findSection(const std::vector<std::uint8_t>& bytes, std::uint32_t type,
                 std::uint64_t& sectionOffset, std::uint64_t& stored, std::uint64_t* raw)
{
    std::uint64_t offset = 0;
    std::uint32_t count = 0;
    if (!table(bytes, offset, count))
        return false;
    for (std::uint32_t i = 0; i < count; ++i) {
        const std::uint8_t* entry = bytes.data() + offset + i * itrace::kTableEntrySize;
        if (load32(entry) != type)
            continue;
        sectionOffset = load64(entry + 8);
        stored = load64(entry + 16);
        if (raw != nullptr)
            *raw = load64(entry + 24);
        return true;
    }
    return false;
}

bool setSectionRawSize(std::vector<std::uint8_t>& bytes, std::uint32_t type, std::uint64_t raw)
{
    std::uint64_t offset = 0;
    std::uint32_t count = 0;
    if (!table(bytes, offset, count))
        return false;
    for (std::uint32_t i = 0; i < count; ++i) {
        std::uint8_t* entry = bytes.data() + offset + i * itrace::kTableEntrySize;
        if (load32(entry) == type) {
            store64(entry + 24, raw);
            return true;
        }
    }
    return false;
}

} // namespace interleave::test
