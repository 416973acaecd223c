#pragma once

#include "cli/arguments.h"
#include "export/pictureoptions.h"

#include <cstdint>
#include <memory>
#include <string>

namespace interleave {
class TraceStore;
struct ComparisonOptions;
} // namespace interleave

namespace interleave::cli {

/// UsageError unless the name ends in .png, .svg or .pdf.
void requirePictureName(const std::string& path);

/// "1.5s", "200ms", "40us", "40µs", "900ns", or a bare number of seconds. UsageError if not.
std::uint64_t parseDuration(const std::string& text);

/// Picture options from the command line: --size WxH, --scale S, --range A..B, --theme
/// lecture|light|dark, --title TEXT, --lanes NAME,NAME, --no-charts, --no-legend.
PictureOptions pictureOptions(const Arguments& args, const TraceStore& trace);

/// Draws two runs compared, headless, and writes the picture.
void writeComparison(std::shared_ptr<TraceStore> first, std::shared_ptr<TraceStore> second,
                     const ComparisonOptions& options, const std::string& path);

/// Draws the picture headless (Qt's offscreen platform, no display needed) and writes it.
void writePicture(std::shared_ptr<TraceStore> trace, const PictureOptions& options,
                  const std::string& path);

} // namespace interleave::cli
