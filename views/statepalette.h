#pragma once

#include "trace/lanestate.h"

#include <QColor>
#include <QString>

namespace interleave {

/// Colours of lane states, from the Okabe–Ito palette so that the states stay distinguishable
/// with the common forms of colour blindness, on a light or dark background.
class StatePalette {
public:
    static QColor color(LaneState state);
    /// Text that reads well on top of color(state).
    static QColor textColor(LaneState state);
    static QString label(LaneState state);
};

} // namespace interleave
