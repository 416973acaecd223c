#include "statepalette.h"

namespace interleave {

QColor StatePalette::color(LaneState state)
{
    switch (state) {
    case LaneState::Starting: return QColor(0xB8, 0xB8, 0xB8);  // grey
    case LaneState::Running: return QColor(0x00, 0x9E, 0x73);   // bluish green
    case LaneState::Runnable: return QColor(0x9A, 0xD8, 0xC6);  // pale green: wants a core
    case LaneState::LockWait: return QColor(0xD5, 0x5E, 0x00);  // vermillion
    case LaneState::GilWait: return QColor(0xE6, 0x9F, 0x00);   // orange
    case LaneState::QueueWait: return QColor(0xCC, 0x79, 0xA7); // reddish purple
    case LaneState::Sleeping: return QColor(0x56, 0xB4, 0xE9);  // sky blue
    case LaneState::Joining: return QColor(0x00, 0x72, 0xB2);   // blue
    case LaneState::Finished: return QColor(0xEE, 0xEE, 0xEE);  // background-like
    case LaneState::Crashed: return QColor(0x20, 0x20, 0x20);   // black
    }
    return Qt::magenta;
}

QColor StatePalette::textColor(LaneState state)
{
    switch (state) {
    case LaneState::Joining:
    case LaneState::LockWait:
    case LaneState::Running:
    case LaneState::Crashed: return Qt::white;
    default: return Qt::black;
    }
}

QString StatePalette::label(LaneState state)
{
    const std::string_view text = laneStateLabel(state);
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

} // namespace interleave
