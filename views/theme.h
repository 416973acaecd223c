#pragma once

#include "trace/lanestate.h"

#include <QColor>
#include <QFont>
#include <QString>
#include <cstdint>
#include <vector>

namespace interleave {

/// Colours and fonts of everything drawn: one object, built once, never inside paint().
/// Light is for the desk, lecture for a projector (large fonts, thick spans, high contrast on
/// white), dark for screens.
struct Theme {
    enum class Kind { Light, Lecture, Dark };

    Kind kind = Kind::Light;
    QString name;
    QColor background;
    QColor laneBackground;
    QColor laneAlternate;
    QColor headerBackground;
    QColor groupBackground;
    QColor text;
    QColor mutedText;
    QColor grid;
    QColor rulerBackground;
    QColor selection;
    QColor selectionEdge;
    QColor hover;
    QColor arrow;
    QColor lostUpdate;
    QColor marker;
    QFont font;
    QFont smallFont;
    QFont boldFont;
    /// Gap between a lane's edge and its spans: small makes thick spans.
    int spanInset = 3;
    QColor annotation; ///< Notes pinned to the timeline.
    QColor playhead;   ///< Playback's line, the console's current line, a moment's marks.
    /// Made from the state colours once, not per frame.
    QColor startingHatch; ///< The diagonal hatching over a lane that is starting.
    QColor lockHoldBar;   ///< The bar under a lane while it holds a lock.

    static const Theme& light();
    static const Theme& dark();
    static const Theme& lecture();
    /// "light", "lecture" or "dark"; anything else is light.
    static const Theme& byName(const QString& name);

    /// The colour of a lane state (colour-blind-safe, see StatePalette), adjusted to the theme.
    QColor stateColor(LaneState state) const;
    /// A distinct colour per worker (console lines, core lanes, lane swatches).
    QColor workerColor(int worker) const;
    /// A stable colour for a slice name (its string id) of an imported trace.
    const QColor& sliceColor(std::uint32_t nameId) const;
    /// The darker colour that hatches a box standing for many slices.
    const QColor& sliceHatchColor(std::uint32_t nameId) const;

    /// Slice colours, one per hue bucket, made with the theme.
    static constexpr std::size_t kSliceHues = 4096;
    std::vector<QColor> sliceColors;
    std::vector<QColor> sliceHatchColors;

private:
    static std::size_t sliceHue(std::uint32_t nameId);
};

} // namespace interleave
