#pragma once

#include "export/pictureoptions.h"

#include <QImage>
#include <QString>
#include <functional>
#include <memory>
#include <optional>

class QPainter;

namespace interleave {

class TraceStore;

/// Anything written as a picture: its size in logical pixels, the PNG's scale, and how it is
/// painted (one trace, or two compared).
struct Drawing {
    QSize size;
    double scale = 1.0;
    std::function<void(QPainter&)> paint;
    QString title = "Interleave timeline"; ///< The SVG's and the PDF's title.
};

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

/// The drawing as an image of size × scale pixels.
QImage renderDrawing(const Drawing& drawing);

/// Writes the drawing to `path` as its name asks, whole or not at all (as exportPicture).
void exportDrawing(const Drawing& drawing, const QString& path);

/// Checks a picture's size and scale; throws std::runtime_error with a one-line message.
void validatePictureSize(QSize size, double scale);

} // namespace interleave
