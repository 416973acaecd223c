#include "export/pictureexport.h"

#include "export/picturepainter.h"
#include "format/atomicfile.h"
#include "trace/tracestore.h"

#include <QBuffer>
#include <QFileInfo>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSvgGenerator>
#include <stdexcept>

namespace interleave {

namespace {

[[noreturn]] void fail(const QString& path, const QString& why)
{
    throw std::runtime_error(QString("cannot write '%1': %2").arg(path, why).toStdString());
}

/// Checks the options a user can get wrong.
void validate(const PictureOptions& options)
{
    validatePictureSize(options.size, options.scale);
    if (options.rangeStart && options.rangeEnd && *options.rangeEnd <= *options.rangeStart)
        throw std::runtime_error("the range's end must come after its start");
}

Drawing drawingOf(std::shared_ptr<TraceStore> trace, const PictureOptions& options)
{
    auto picture = std::make_shared<PicturePainter>(std::move(trace), options);
    return Drawing{options.size, options.scale,
                   [picture](QPainter& painter) { picture->paint(painter); }};
}

} // namespace

std::optional<PictureFormat> pictureFormatFor(const QString& path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == "png")
        return PictureFormat::Png;
    if (suffix == "svg")
        return PictureFormat::Svg;
    if (suffix == "pdf")
        return PictureFormat::Pdf;
    return std::nullopt;
}

void validatePictureSize(QSize size, double scale)
{
    if (size.width() < 200 || size.height() < 120 || size.width() > 16384 || size.height() > 16384)
        throw std::runtime_error("picture size must be between 200x120 and 16384x16384");
    if (scale < 0.25 || scale > 8)
        throw std::runtime_error("picture scale must be between 0.25 and 8");
    const double pixels = double(size.width()) * size.height() * scale * scale;
    if (pixels > 400e6)
        throw std::runtime_error("picture too large: over 400 million pixels");
}

QImage renderPicture(std::shared_ptr<TraceStore> trace, const PictureOptions& options)
{
    validate(options);
    return renderDrawing(drawingOf(std::move(trace), options));
}

void exportPicture(std::shared_ptr<TraceStore> trace, const PictureOptions& options,
                   const QString& path)
{
    validate(options);
    exportDrawing(drawingOf(std::move(trace), options), path);
}

QImage renderDrawing(const Drawing& drawing)
{
    validatePictureSize(drawing.size, drawing.scale);
    QImage image(QSize(int(drawing.size.width() * drawing.scale),
                       int(drawing.size.height() * drawing.scale)),
                 QImage::Format_ARGB32_Premultiplied);
    if (image.isNull())
        throw std::runtime_error("not enough memory for a picture this large");
    image.setDevicePixelRatio(drawing.scale);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::TextAntialiasing, true);
    drawing.paint(painter);
    painter.end();
    return image;
}

void exportDrawing(const Drawing& drawing, const QString& path)
{
    const std::optional<PictureFormat> format = pictureFormatFor(path);
    if (!format)
        throw std::runtime_error(
            QString("'%1': choose a .png, .svg or .pdf file name").arg(path).toStdString());
    validatePictureSize(drawing.size, drawing.scale);
    // Drawn into memory, then written like a trace: a temporary file, synced and renamed, so
    // a full disk leaves the old picture and says why ("No space left on device").
    AtomicFile target(path.toStdString());
    QBuffer file;
    file.open(QIODevice::WriteOnly);

    switch (*format) {
    case PictureFormat::Png: {
        const QImage image = renderDrawing(drawing);
        if (!image.save(&file, "PNG"))
            fail(path, file.errorString().isEmpty() ? "PNG encoding failed" : file.errorString());
        break;
    }
    case PictureFormat::Svg: {
        QSvgGenerator svg;
        svg.setOutputDevice(&file);
        svg.setSize(drawing.size);
        svg.setViewBox(QRect(QPoint(0, 0), drawing.size));
        svg.setResolution(96);
        svg.setTitle(drawing.title);
        svg.setDescription("Exported by Interleave " INTERLEAVE_VERSION);
        QPainter painter;
        if (!painter.begin(&svg))
            fail(path, "cannot start the SVG document");
        drawing.paint(painter);
        painter.end();
        break;
    }
    case PictureFormat::Pdf: {
        QPdfWriter pdf(&file);
        pdf.setCreator("Interleave " INTERLEAVE_VERSION);
        pdf.setTitle(drawing.title);
        // One page the picture's size, at 96 dpi so a logical pixel is a CSS pixel.
        pdf.setResolution(96);
        pdf.setPageSize(QPageSize(QSizeF(drawing.size) * 72.0 / 96.0, QPageSize::Point, QString(),
                                  QPageSize::ExactMatch));
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
        QPainter painter;
        if (!painter.begin(&pdf))
            fail(path, "cannot start the PDF document");
        drawing.paint(painter);
        painter.end();
        break;
    }
    }
    file.close();
    target.write(file.data().constData(), std::size_t(file.data().size()));
    target.commit();
}

} // namespace interleave
