#include "format/itracereader.h"

#include "base/errors.h"
#include "base/regularfile.h"
#include "format/itracesections.h"
#include "trace/tracestore.h"

#include <cerrno>
#include <cstring>
#include <map>
#include <optional>
#include <unistd.h>

namespace interleave {

using namespace itrace;

bool looksLikeItrace(const std::uint8_t* data, std::size_t size)
{
    return size >= sizeof itrace::kMagic &&
           std::memcmp(data, itrace::kMagic, sizeof itrace::kMagic) == 0;
}

std::shared_ptr<TraceStore> decodeTrace(const std::uint8_t* data, std::size_t size,
                                        const Progress& progress)
{
    if (!looksLikeItrace(data, size))
        throw FormatError("not an Interleave trace (unrecognised file header)");
    const std::vector<SectionEntry> entries = readTable(data, size);

    std::map<std::uint32_t, const SectionEntry*> byType;
    for (const SectionEntry& e : entries) {
        if (!byType.emplace(e.type, &e).second)
            corrupt(std::string("section '") + itrace::sectionName(e.type) + "' appears twice");
        const bool known = e.type >= std::uint32_t(SectionType::Metadata) &&
                           e.type <= std::uint32_t(kLastSectionType);
        if (!known && (e.flags & itrace::Optional) == 0)
            throw FormatError("trace needs a newer Interleave: unknown section type " +
                              std::to_string(e.type));
    }
    auto section = [&](SectionType type, bool required) -> std::optional<SectionData> {
        const auto it = byType.find(std::uint32_t(type));
        if (it == byType.end()) {
            if (required)
                corrupt(std::string("missing section '") +
                        itrace::sectionName(std::uint32_t(type)) + "'");
            return std::nullopt;
        }
        return openSection(data, *it->second);
    };

    auto trace = std::make_shared<TraceStore>();
    readMetadata(*section(SectionType::Metadata, true), *trace);
    readStrings(*section(SectionType::Strings, true), *trace);
    readWorkers(*section(SectionType::Workers, true), *trace);
    readObjects(*section(SectionType::Objects, true), *trace);
    progress.report(0.02);
    const auto [events, lastEvent] =
        readEvents(*section(SectionType::Events, true), *trace, progress.stage(0.02, 0.85));
    readSpans(*section(SectionType::Spans, true), *trace);
    readCounters(*section(SectionType::Counters, true), *trace);
    if (auto samples = section(SectionType::Samples, false))
        readSamples(*samples, *trace);
    if (auto results = section(SectionType::Results, false))
        readResults(*results, *trace);
    if (auto rings = section(SectionType::Rings, false))
        readRings(*rings, *trace);
    if (auto notes = section(SectionType::Annotations, false))
        readAnnotations(*notes, *trace);
    if (auto moments = section(SectionType::Moments, false))
        readMoments(*moments, *trace);
    if (auto view = section(SectionType::View, false))
        readView(*view, *trace);
    if (auto imported = section(SectionType::Imported, false))
        readImported(*imported, *trace);
    if (auto slices = section(SectionType::Slices, false))
        readSlices(*slices, *trace);
    progress.report(1.0);
    trace->finishLoading(events, lastEvent);
    return trace;
}

std::shared_ptr<TraceStore> loadItrace(const std::string& path, const Progress& progress)
{
    std::size_t size = 0;
    const int fd = openRegularFile(path, size);
    // The header first: a file that is no trace (or whose size is not the header's) is
    // refused without reading it all (a 2 GB sparse file took 7.5 s before).
    {
        std::uint8_t header[kHeaderSize] = {};
        const ssize_t got = pread(fd, header, sizeof header, 0);
        try {
            if (got < 0)
                throw SystemError("cannot read '" + path + "'", errno);
            if (!looksLikeItrace(header, std::size_t(got)))
                throw FormatError("not an Interleave trace (unrecognised file header)");
            checkHeader(header, std::size_t(got), size);
        } catch (...) {
            close(fd);
            throw;
        }
    }
    ByteBuffer bytes(size);
    std::size_t got = 0;
    const Progress reading = progress.stage(0, 0.3);
    constexpr std::size_t kSlice = 16u << 20;
    while (got < bytes.size()) {
        try {
            reading.report(double(got) / double(bytes.size()));
        } catch (...) {
            close(fd);
            throw;
        }
        const ssize_t n = read(fd, bytes.data() + got, std::min(kSlice, bytes.size() - got));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            const int error = n < 0 ? errno : EIO;
            close(fd);
            throw SystemError("cannot read '" + path + "'", error);
        }
        got += std::size_t(n);
    }
    close(fd);
    return decodeTrace(bytes.data(), bytes.size(), progress.stage(0.3, 1.0));
}

} // namespace interleave
