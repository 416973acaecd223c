#pragma once

#include "export/pictureoptions.h"

#include <QImage>
#include <QString>
#include <memory>
#include <optional>

namespace interleave {

class TraceStore;

enum class PictureFormat { Png, Svg, Pdf };

/// The format a file name asks for (.png, .svg, .pdf), or none.
std::optional<PictureFormat> pictureFormatFor(const QString& path);

/// The picture as an image of size × scale pixels.
QImage renderPicture(std::shared_ptr<TraceStore> trace, const PictureOptions& options);

/// Writes the picture to `path` in the format its name asks for: PNG (size × scale pixels),
/// SVG (vector, text as text) or PDF (one page of the picture's size). The file appears
/// whole or not at all. Throws std::runtime_error with a one-line message.
void exportPicture(std::shared_ptr<TraceStore> trace, const PictureOptions& options,
                   const QString& path);

} // namespace interleave
