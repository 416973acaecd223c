#pragma once

#include <QIcon>

namespace interleave {

struct Theme;

/// The toolbar's icons, drawn for a theme: readable on its toolbar in light, lecture and dark
/// alike (the platform's standard icons are dark strokes that vanish on a dark toolbar).
enum class IconKind { Run, Stop, Open, Save, Export, Play, Pause };

QIcon themedIcon(IconKind kind, const Theme& theme);

/// The colour the toolbar of `theme` is painted in (what icons must stand out against).
QColor toolbarBackground(const Theme& theme);

} // namespace interleave
