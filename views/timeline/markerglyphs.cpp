#include "timeline/markerglyphs.h"

#include <QPaintDevice>
#include <QPaintEngine>
#include <QPainter>
#include <QPolygonF>
#include <cmath>

namespace interleave {

namespace {

/// Sprites are this many logical pixels square, the glyph centred.
constexpr int kSpriteSize = 14;

} // namespace

MarkerGlyphs::MarkerGlyphs(QPainter& painter, const Theme& theme)
    : m_painter(painter)
    , m_theme(theme)
    , m_useSprites(painter.paintEngine() != nullptr &&
                   painter.paintEngine()->type() == QPaintEngine::Raster &&
                   painter.transform().isAffine() &&
                   painter.transform().type() <= QTransform::TxTranslate)
    , m_pixelRatio(painter.device() != nullptr ? painter.device()->devicePixelRatioF() : 1.0)
{
}

void MarkerGlyphs::draw(Glyph glyph, QPointF centre)
{
    if (!m_useSprites) {
        m_painter.save();
        m_painter.setRenderHint(QPainter::Antialiasing, true);
        paintShape(m_painter, glyph, centre);
        m_painter.restore();
        return;
    }
    const double half = kSpriteSize / 2.0;
    m_painter.drawPixmap(QPointF(std::round(centre.x() - half), std::round(centre.y() - half)),
                         sprite(glyph));
}

const QPixmap& MarkerGlyphs::sprite(Glyph glyph)
{
    QPixmap& pixmap = m_sprites[std::size_t(glyph)];
    if (pixmap.isNull()) {
        const int side = int(std::ceil(kSpriteSize * m_pixelRatio));
        pixmap = QPixmap(side, side);
        pixmap.setDevicePixelRatio(m_pixelRatio);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing, true);
        paintShape(painter, glyph, QPointF(kSpriteSize / 2.0, kSpriteSize / 2.0));
    }
    return pixmap;
}

void MarkerGlyphs::paintShape(QPainter& painter, Glyph glyph, QPointF c) const
{
    const QColor color = m_theme.marker;
    // A thin outline in the background colour keeps neighbouring glyphs apart.
    painter.setPen(QPen(m_theme.background, 1));
    painter.setBrush(color);
    constexpr double w = 3.5; // half the width of a triangle
    constexpr double h = 2.8; // half its height
    constexpr double d = 4.5; // a diamond's half diagonal
    QPolygonF shape;
    switch (glyph) {
    case Glyph::Print: painter.drawEllipse(c, 3.0, 3.0); return;
    case Glyph::Put: // up
        shape << c + QPointF(0, -h) << c + QPointF(-w, h) << c + QPointF(w, h);
        break;
    case Glyph::Get: // down
        shape << c + QPointF(0, h) << c + QPointF(-w, -h) << c + QPointF(w, -h);
        break;
    case Glyph::Send: // right
        shape << c + QPointF(h, 0) << c + QPointF(-h, -w) << c + QPointF(-h, w);
        break;
    case Glyph::Receive: // left
        shape << c + QPointF(-h, 0) << c + QPointF(h, -w) << c + QPointF(h, w);
        break;
    case Glyph::Read:
    case Glyph::Write:
        shape << c + QPointF(0, -d) << c + QPointF(d, 0) << c + QPointF(0, d) << c + QPointF(-d, 0);
        painter.setBrush(glyph == Glyph::Write ? QBrush(color) : QBrush(m_theme.background));
        painter.setPen(QPen(color, 1.2));
        break;
    case Glyph::Count: return;
    }
    painter.drawPolygon(shape);
}

} // namespace interleave
