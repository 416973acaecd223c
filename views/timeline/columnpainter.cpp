#include "timeline/columnpainter.h"

#include <QPaintEngine>
#include <QPainter>
#include <algorithm>
#include <cmath>
#include <cstring>

namespace interleave::render {

namespace {

/// The lane image's pixels, kept between lanes and frames: no allocation per frame.
std::vector<QRgb>& laneImagePixels()
{
    thread_local std::vector<QRgb> pixels;
    return pixels;
}

/// A raster engine that maps pixels one to one (a translation at most: a device pixel ratio
/// above 1 is a scale) and draws opaque colours as they are: a lane image drawn there is
/// exactly the rectangles it replaces.
bool drawsPixelsOneToOne(const QPainter& painter)
{
    const QPaintEngine* engine = painter.paintEngine();
    return engine != nullptr && engine->type() == QPaintEngine::Raster &&
           painter.deviceTransform().type() <= QTransform::TxTranslate &&
           painter.compositionMode() == QPainter::CompositionMode_SourceOver &&
           painter.opacity() == 1.0;
}

} // namespace

ColumnPainter::ColumnPainter(QPainter& painter, const Theme& theme, int top, int height,
                             double left, double right, Output output)
    : m_painter(painter)
    , m_theme(theme)
    , m_top(top)
    , m_height(height)
    , m_left(left)
    , m_right(right)
{
    m_imageLeft = int(std::floor(left));
    m_imageWidth = int(std::ceil(right)) - m_imageLeft;
    if (output == Output::Automatic)
        output = drawsPixelsOneToOne(painter) ? Output::LaneImage : Output::Rectangles;
    m_useImage = output == Output::LaneImage && height > 0 && m_imageWidth > 0;
}

void ColumnPainter::add(double x0, double x1, LaneState state)
{
    x0 = std::max(x0, m_left);
    x1 = std::min(x1, m_right);
    if (x1 <= x0)
        return;
    const int c0 = int(std::floor(x0));
    const int c1 = int(std::floor(x1));
    if (c0 == c1) {
        weigh(c0, state, x1 - x0);
        return;
    }
    weigh(c0, state, double(c0 + 1) - x0);
    closeColumn();
    if (c1 > c0 + 1)
        extend(state, c0 + 1, c1);
    if (x1 > double(c1))
        weigh(c1, state, x1 - double(c1));
}

void ColumnPainter::finish()
{
    closeColumn();
    drawRun();
    paintBatches();
}

void ColumnPainter::weigh(int column, LaneState state, double weight)
{
    if (column != m_column) {
        closeColumn();
        m_column = column;
    }
    double& total = m_weights[std::size_t(state)];
    total += weight;
    // The dominant state so far, kept as weights come in (no search when the column closes).
    if (total > m_bestWeight) {
        m_bestWeight = total;
        m_best = state;
    }
}

void ColumnPainter::closeColumn()
{
    if (m_column == kNone)
        return;
    extend(m_best, m_column, m_column + 1);
    m_weights.fill(0);
    m_bestWeight = -1;
    m_column = kNone;
}

void ColumnPainter::extend(LaneState state, int from, int to)
{
    if (m_runOpen && m_runState == state && m_runTo >= from) {
        m_runTo = std::max(m_runTo, to);
        return;
    }
    drawRun();
    m_runOpen = true;
    m_runState = state;
    m_runFrom = from;
    m_runTo = to;
}

void ColumnPainter::drawRun()
{
    if (!m_runOpen)
        return;
    m_runOpen = false;
    const int width = m_runTo - m_runFrom;
    if (m_runState == LaneState::Finished) {
        // Ended lanes stay quiet: a thin line where the worker used to be.
        m_batches[std::size_t(m_runState)].push_back(
            QRect(m_runFrom, m_top + m_height / 2 - 1, width, 2));
        return;
    }
    m_batches[std::size_t(m_runState)].push_back(QRect(m_runFrom, m_top, width, m_height));
}

bool ColumnPainter::paintLaneImage()
{
    if (!m_useImage)
        return false;
    std::size_t runs = 0;
    for (LaneState state : kAllLaneStates)
        runs += state == LaneState::Finished ? 0 : m_batches[std::size_t(state)].size();
    if (runs < kMinRunsForLaneImage)
        return false;
    // Runs never overlap: their order does not matter. Columns no run covers stay clear.
    std::vector<QRgb>& buffer = laneImagePixels();
    const std::size_t size = std::size_t(m_imageWidth) * std::size_t(m_height);
    if (buffer.size() < size)
        buffer.resize(size);
    QRgb* pixels = buffer.data();
    std::fill_n(pixels, m_imageWidth, QRgb(0));
    for (LaneState state : kAllLaneStates) {
        if (state == LaneState::Finished)
            continue;
        const QRgb colour = qPremultiply(m_theme.stateColor(state).rgba());
        for (const QRect& run : m_batches[std::size_t(state)]) {
            const int from = std::clamp(run.left() - m_imageLeft, 0, m_imageWidth);
            const int to = std::clamp(run.left() + run.width() - m_imageLeft, from, m_imageWidth);
            std::fill(pixels + from, pixels + to, colour);
        }
    }
    const std::size_t rowBytes = std::size_t(m_imageWidth) * sizeof(QRgb);
    for (int row = 1; row < m_height; ++row)
        std::memcpy(pixels + std::size_t(row) * std::size_t(m_imageWidth), pixels, rowBytes);
    const QImage image(reinterpret_cast<const uchar*>(pixels), m_imageWidth, m_height,
                       qsizetype(rowBytes), QImage::Format_ARGB32_Premultiplied);
    m_painter.drawImage(QPoint(m_imageLeft, m_top), image);
    return true;
}

void ColumnPainter::paintBatches()
{
    m_drewLaneImage = paintLaneImage();
    m_painter.setPen(Qt::NoPen);
    for (LaneState state : kAllLaneStates) {
        const std::vector<QRect>& rects = m_batches[std::size_t(state)];
        if (rects.empty())
            continue;
        m_painter.setBrush(state == LaneState::Finished ? m_theme.grid : m_theme.stateColor(state));
        if (!m_drewLaneImage || state == LaneState::Finished)
            m_painter.drawRects(rects.data(), int(rects.size()));
        if (state == LaneState::Starting) {
            m_painter.setBrush(QBrush(m_theme.startingHatch, Qt::BDiagPattern));
            m_painter.drawRects(rects.data(), int(rects.size()));
        }
        if (state == LaneState::Runnable) {
            m_painter.setBrush(QBrush(m_theme.stateColor(LaneState::Running), Qt::Dense6Pattern));
            m_painter.drawRects(rects.data(), int(rects.size()));
        }
    }
}

} // namespace interleave::render
