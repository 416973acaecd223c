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
    if (options.size.width() < 200 || options.size.height() < 120 || options.size.width() > 16384 ||
        options.size.height() > 16384)
        throw std::runtime_error("picture size must be between 200x120 and 16384x16384");
    if (options.scale < 0.25 || options.scale > 8)
        throw std::runtime_error("picture scale must be between 0.25 and 8");
    const double pixels =
        double(options.size.width()) * options.size.height() * options.scale * options.scale;
    if (pixels > 400e6)
        throw std::runtime_error("picture too large: over 400 million pixels");
    if (options.rangeStart && options.rangeEnd && *options.rangeEnd <= *options.rangeStart)
        throw std::runtime_error("the range's end must come after its start");
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

QImage renderPicture(std::shared_ptr<TraceStore> trace, const PictureOptions& options)
{
    validate(options);
    const PicturePainter picture(std::move(trace), options);
    QImage image(QSize(int(options.size.width() * options.scale),
                       int(options.size.height() * options.scale)),
                 QImage::Format_ARGB32_Premultiplied);
    if (image.isNull())
        throw std::runtime_error("not enough memory for a picture this large");
    image.setDevicePixelRatio(options.scale);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::TextAntialiasing, true);
    picture.paint(painter);
    painter.end();
    return image;
}

void exportPicture(std::shared_ptr<TraceStore> trace, const PictureOptions& options,
                   const QString& path)
{
    const std::optional<PictureFormat> format = pictureFormatFor(path);
    if (!format)
        throw std::runtime_error(
            QString("'%1': choose a .png, .svg or .pdf file name").arg(path).toStdString());
    validate(options);
    // Drawn into memory, then written like a trace: a temporary file, synced and renamed, so
    // a full disk leaves the old picture and says why ("No space left on device").
    AtomicFile target(path.toStdString());
    QBuffer file;
    file.open(QIODevice::WriteOnly);

    switch (*format) {
    case PictureFormat::Png: {
        const QImage image = renderPicture(std::move(trace), options);
        if (!image.save(&file, "PNG"))
            fail(path, file.errorString().isEmpty() ? "PNG encoding failed" : file.errorString());
        break;
    }
    case PictureFormat::Svg: {
        const PicturePainter picture(std::move(trace), options);
        QSvgGenerator svg;
        svg.setOutputDevice(&file);
        svg.setSize(options.size);
        svg.setViewBox(QRect(QPoint(0, 0), options.size));
        svg.setResolution(96);
        svg.setTitle("Interleave timeline");
        svg.setDescription("Exported by Interleave " INTERLEAVE_VERSION);
        QPainter painter;
        if (!painter.begin(&svg))
            fail(path, "cannot start the SVG document");
        picture.paint(painter);
        painter.end();
        break;
    }
    case PictureFormat::Pdf: {
        const PicturePainter picture(std::move(trace), options);
        QPdfWriter pdf(&file);
        pdf.setCreator("Interleave " INTERLEAVE_VERSION);
        pdf.setTitle("Interleave timeline");
        // One page the picture's size, at 96 dpi so a logical pixel is a CSS pixel.
        pdf.setResolution(96);
        pdf.setPageSize(QPageSize(QSizeF(options.size) * 72.0 / 96.0, QPageSize::Point, QString(),
                                  QPageSize::ExactMatch));
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
        QPainter painter;
        if (!painter.begin(&pdf))
            fail(path, "cannot start the PDF document");
        picture.paint(painter);
        painter.end();
        break;
    }
    }
    file.close();
    target.write(file.data().constData(), std::size_t(file.data().size()));
    target.commit();
}

} // namespace interleave
