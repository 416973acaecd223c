#include "icons.h"

#include "theme.h"

#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

namespace interleave {

namespace {

/// Strokes and fills for `theme`: the darkest of the theme's text on light toolbars, light
/// text on dark ones; accents from the colour-blind-safe palette, lightened on dark.
struct Ink {
    QColor line;
    QColor go;
    QColor stop;
    QColor accent;
    QColor paper;
};

Ink inkFor(const Theme& theme)
{
    const bool dark = theme.kind == Theme::Kind::Dark;
    Ink ink;
    ink.line = dark ? QColor(0xE8, 0xEC, 0xF0) : QColor(0x2A, 0x33, 0x3D);
    ink.go = dark ? QColor(0x3C, 0xD0, 0x9E) : QColor(0x00, 0x85, 0x62);
    ink.stop = dark ? QColor(0xFF, 0x8A, 0x5C) : QColor(0xC0, 0x4A, 0x00);
    ink.accent = dark ? QColor(0x6C, 0xB8, 0xF0) : QColor(0x00, 0x62, 0xA0);
    ink.paper = dark ? QColor(0x4A, 0x55, 0x62) : QColor(0xFF, 0xFF, 0xFF);
    return ink;
}

void draw(QPainter& p, IconKind kind, const Ink& ink)
{
    // Drawn on a 24 × 24 grid, scaled to the pixmap.
    p.setRenderHint(QPainter::Antialiasing, true);
    const QPen line(ink.line, 1.8, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    switch (kind) {
    case IconKind::Run:
    case IconKind::Play: {
        QPolygonF triangle;
        triangle << QPointF(7, 4.5) << QPointF(19.5, 12) << QPointF(7, 19.5);
        p.setPen(QPen(ink.go.darker(130), 1.2, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        p.setBrush(ink.go);
        p.drawPolygon(triangle);
        break;
    }
    case IconKind::Pause:
        p.setPen(Qt::NoPen);
        p.setBrush(ink.go);
        p.drawRoundedRect(QRectF(6, 5, 4.5, 14), 1, 1);
        p.drawRoundedRect(QRectF(13.5, 5, 4.5, 14), 1, 1);
        break;
    case IconKind::Stop:
        p.setPen(QPen(ink.stop.darker(130), 1.2));
        p.setBrush(ink.stop);
        p.drawRoundedRect(QRectF(6, 6, 12, 12), 1.5, 1.5);
        break;
    case IconKind::Open: {
        QPainterPath folder;
        folder.moveTo(3, 19);
        folder.lineTo(3, 6);
        folder.lineTo(9, 6);
        folder.lineTo(11, 8);
        folder.lineTo(20, 8);
        folder.lineTo(20, 19);
        folder.closeSubpath();
        p.setPen(line);
        p.setBrush(ink.paper);
        p.drawPath(folder);
        p.setPen(QPen(ink.accent, 1.8, Qt::SolidLine, Qt::RoundCap));
        p.drawLine(QPointF(5.5, 11.5), QPointF(17.5, 11.5));
        break;
    }
    case IconKind::Save:
        p.setPen(line);
        p.setBrush(ink.paper);
        p.drawRoundedRect(QRectF(4, 4, 16, 16), 2, 2);
        p.setBrush(ink.accent);
        p.setPen(Qt::NoPen);
        p.drawRect(QRectF(7.5, 4.9, 9, 5));
        p.setPen(line);
        p.setBrush(Qt::NoBrush);
        p.drawRect(QRectF(8, 13.5, 8, 6.5));
        break;
    case IconKind::Export:
        p.setPen(line);
        p.setBrush(ink.paper);
        p.drawRoundedRect(QRectF(3, 6, 16, 13), 2, 2);
        p.setPen(Qt::NoPen);
        p.setBrush(ink.go);
        p.drawRect(QRectF(6, 9, 6, 3));
        p.setBrush(ink.stop);
        p.drawRect(QRectF(9, 14, 7, 3));
        p.setPen(QPen(ink.accent, 2, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        p.drawLine(QPointF(15, 3), QPointF(21, 3));
        p.drawLine(QPointF(21, 3), QPointF(21, 9));
        p.drawLine(QPointF(21, 3), QPointF(15.5, 8.5));
        break;
    }
}

} // namespace

QIcon themedIcon(IconKind kind, const Theme& theme)
{
    const Ink ink = inkFor(theme);
    QIcon icon;
    for (int size : {16, 24, 32, 48}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.scale(size / 24.0, size / 24.0);
        draw(painter, kind, ink);
        painter.end();
        icon.addPixmap(pixmap);
        // Disabled: the same shape, faded, so that Stop greyed out still reads as Stop.
        QPixmap faded(size, size);
        faded.fill(Qt::transparent);
        QPainter fade(&faded);
        fade.setOpacity(0.35);
        fade.drawPixmap(0, 0, pixmap);
        fade.end();
        icon.addPixmap(faded, QIcon::Disabled);
    }
    return icon;
}

QColor toolbarBackground(const Theme& theme)
{
    // The dark theme's palette paints windows in the header colour (ThemeSwitcher).
    return theme.kind == Theme::Kind::Dark ? theme.headerBackground : QColor(0xEF, 0xEF, 0xEF);
}

} // namespace interleave
