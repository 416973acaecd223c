#pragma once

#include "trace/lanestate.h"

#include <QColor>
#include <QFont>
#include <QString>

namespace interleave {

/// Colours and fonts of everything drawn: one object, built once, never inside paint().
/// Light is the "lecture" look (high contrast on white); dark is for screens.
struct Theme {
    enum class Kind { Light, Dark };

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

    static const Theme& light();
    static const Theme& dark();
    static const Theme& byName(const QString& name);

    /// The colour of a lane state (colour-blind-safe, see StatePalette), adjusted to the theme.
    QColor stateColor(LaneState state) const;
    /// A distinct colour per worker (console lines, core lanes, lane swatches).
    QColor workerColor(int worker) const;
};

} // namespace interleave
