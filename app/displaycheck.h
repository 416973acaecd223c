#pragma once

namespace interleave {

/// Whether the window can be shown: a Qt platform that needs no display was asked for
/// (offscreen, minimal, vnc...), or an X server or a Wayland compositor answers. Checked before
/// Qt starts, because Qt aborts the process when its platform plugin cannot connect.
bool displayAvailable();

} // namespace interleave
