#pragma once

#include "theme.h"

#include <QPixmap>
#include <QPointF>
#include <array>

class QPainter;

namespace interleave {

/// The small symbols drawn on lanes for instant events (print, put, get, send, receive, read,
/// write). On screen and in PNG export each symbol is drawn once into a sprite and then blitted:
/// an antialiased polygon per marker made dense lanes cost several milliseconds a frame. Vector
/// devices (SVG, PDF) get real shapes.
class MarkerGlyphs {
public:
    enum class Glyph { Print, Put, Get, Send, Receive, Read, Write, Count };

    MarkerGlyphs(QPainter& painter, const Theme& theme);

    /// Draws `glyph` centred on `centre`.
    void draw(Glyph glyph, QPointF centre);

private:
    void paintShape(QPainter& painter, Glyph glyph, QPointF centre) const;
    const QPixmap& sprite(Glyph glyph);

    QPainter& m_painter;
    const Theme& m_theme;
    bool m_useSprites;
    qreal m_pixelRatio;
    std::array<QPixmap, std::size_t(Glyph::Count)> m_sprites;
};

} // namespace interleave
