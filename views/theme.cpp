#include "theme.h"

#include "statepalette.h"

#include <cmath>

namespace interleave {

namespace {

/// Colours made from others, worked out once (not per frame or per slice drawn): the slice
/// colours, one per hue bucket, the starting hatch and the lock-hold bar.
void fillDerivedColors(Theme& t)
{
    t.startingHatch = t.stateColor(LaneState::Starting).darker(140);
    t.lockHoldBar = t.stateColor(LaneState::LockWait).darker(115);
    t.sliceColors.resize(Theme::kSliceHues);
    t.sliceHatchColors.resize(Theme::kSliceHues);
    for (std::size_t i = 0; i < Theme::kSliceHues; ++i) {
        // Spread hues with the golden ratio; soft enough for dark text on light themes.
        const double hue = std::fmod(double(i) * 0.6180339887, 1.0);
        t.sliceColors[i] = t.kind == Theme::Kind::Dark ? QColor::fromHslF(float(hue), 0.45f, 0.42f)
                                                       : QColor::fromHslF(float(hue), 0.55f, 0.74f);
        t.sliceHatchColors[i] = t.sliceColors[i].darker(135);
    }
}

Theme makeLight()
{
    Theme t;
    t.kind = Theme::Kind::Light;
    t.name = "light";
    t.background = QColor(0xFF, 0xFF, 0xFF);
    t.laneBackground = QColor(0xFF, 0xFF, 0xFF);
    t.laneAlternate = QColor(0xF6, 0xF7, 0xF9);
    t.headerBackground = QColor(0xF0, 0xF2, 0xF5);
    t.groupBackground = QColor(0xE3, 0xE7, 0xEC);
    t.text = QColor(0x1A, 0x1A, 0x1A);
    t.mutedText = QColor(0x5A, 0x60, 0x68);
    t.grid = QColor(0xD8, 0xDC, 0xE1);
    t.rulerBackground = QColor(0xF0, 0xF2, 0xF5);
    t.selection = QColor(0x1F, 0x6F, 0xD1, 40);
    t.selectionEdge = QColor(0x1F, 0x6F, 0xD1);
    t.hover = QColor(0x00, 0x00, 0x00);
    t.arrow = QColor(0x1A, 0x1A, 0x1A);
    t.lostUpdate = QColor(0xC8, 0x10, 0x2E);
    t.marker = QColor(0x20, 0x20, 0x20);
    t.font = QFont("DejaVu Sans", 9);
    t.smallFont = QFont("DejaVu Sans", 8);
    t.boldFont = QFont("DejaVu Sans", 9, QFont::Bold);
    t.annotation = QColor(0xB8, 0x86, 0x00);
    t.playhead = QColor(0xD0, 0x2F, 0x8C);
    return t;
}

/// For the back row of a lecture hall: everything larger, spans filling their lanes, lines
/// and text darker than on the desk.
Theme makeLecture()
{
    Theme t = makeLight();
    t.kind = Theme::Kind::Lecture;
    t.name = "lecture";
    t.laneAlternate = QColor(0xF0, 0xF2, 0xF5);
    t.headerBackground = QColor(0xEC, 0xEE, 0xF1);
    t.groupBackground = QColor(0xD9, 0xDE, 0xE4);
    t.text = QColor(0x00, 0x00, 0x00);
    t.mutedText = QColor(0x33, 0x38, 0x40);
    t.grid = QColor(0xB8, 0xBE, 0xC6);
    t.font = QFont("DejaVu Sans", 13);
    t.smallFont = QFont("DejaVu Sans", 11);
    t.boldFont = QFont("DejaVu Sans", 13, QFont::Bold);
    t.spanInset = 1;
    t.arrow = QColor(0x00, 0x00, 0x00);
    return t;
}

Theme makeDark()
{
    Theme t = makeLight();
    t.kind = Theme::Kind::Dark;
    t.name = "dark";
    t.background = QColor(0x1E, 0x20, 0x24);
    t.laneBackground = QColor(0x1E, 0x20, 0x24);
    t.laneAlternate = QColor(0x25, 0x28, 0x2D);
    t.headerBackground = QColor(0x2A, 0x2D, 0x33);
    t.groupBackground = QColor(0x34, 0x38, 0x40);
    t.text = QColor(0xE8, 0xEA, 0xED);
    t.mutedText = QColor(0xA0, 0xA6, 0xAE);
    t.grid = QColor(0x3A, 0x3E, 0x45);
    t.rulerBackground = QColor(0x2A, 0x2D, 0x33);
    t.selection = QColor(0x5B, 0x9B, 0xF0, 50);
    t.selectionEdge = QColor(0x5B, 0x9B, 0xF0);
    t.hover = QColor(0xFF, 0xFF, 0xFF);
    t.arrow = QColor(0xF0, 0xF0, 0xF0);
    t.lostUpdate = QColor(0xFF, 0x4D, 0x6A);
    t.marker = QColor(0xEE, 0xEE, 0xEE);
    t.annotation = QColor(0xF2, 0xC1, 0x4E);
    t.playhead = QColor(0xFF, 0x6E, 0xC7);
    return t;
}

} // namespace

const Theme& Theme::light()
{
    static const Theme theme = [] {
        Theme t = makeLight();
        fillDerivedColors(t);
        return t;
    }();
    return theme;
}

const Theme& Theme::dark()
{
    static const Theme theme = [] {
        Theme t = makeDark();
        fillDerivedColors(t);
        return t;
    }();
    return theme;
}

const Theme& Theme::lecture()
{
    static const Theme theme = [] {
        Theme t = makeLecture();
        fillDerivedColors(t);
        return t;
    }();
    return theme;
}

const Theme& Theme::byName(const QString& name)
{
    if (name == "dark")
        return dark();
    if (name == "lecture")
        return lecture();
    return light();
}

const QColor& Theme::sliceColor(std::uint32_t nameId) const
{
    return sliceColors[sliceHue(nameId)];
}

const QColor& Theme::sliceHatchColor(std::uint32_t nameId) const
{
    return sliceHatchColors[sliceHue(nameId)];
}

std::size_t Theme::sliceHue(std::uint32_t nameId)
{
    // Neighbouring ids (names met one after the other) land far apart on the hue circle.
    return std::size_t((nameId * 2654435761u) >> 20) % kSliceHues;
}

QColor Theme::stateColor(LaneState state) const
{
    if (kind == Kind::Dark && state == LaneState::Finished)
        return QColor(0x33, 0x36, 0x3C);
    return StatePalette::color(state);
}

QColor Theme::workerColor(int worker) const
{
    // Okabe-Ito order first, then further well-separated hues.
    static const QColor base[] = {
        QColor(0x00, 0x72, 0xB2), QColor(0xD5, 0x5E, 0x00), QColor(0x00, 0x9E, 0x73),
        QColor(0xCC, 0x79, 0xA7), QColor(0xE6, 0x9F, 0x00), QColor(0x56, 0xB4, 0xE9),
        QColor(0x8C, 0x56, 0x4B), QColor(0x6A, 0x3D, 0x9A), QColor(0x33, 0x33, 0x33),
        QColor(0xB2, 0x18, 0x2B), QColor(0x1B, 0x78, 0x37), QColor(0x7F, 0x7F, 0x00),
    };
    constexpr int count = int(sizeof base / sizeof base[0]);
    QColor color = base[worker % count];
    if (kind == Kind::Dark && color.lightness() < 90)
        color = color.lighter(170);
    return color;
}

} // namespace interleave
