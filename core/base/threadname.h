#pragma once

#include <string_view>

namespace interleave {

/// Names the calling thread as tools show it (top -H, gdb, /proc/.../comm): at most 15 bytes.
void nameThisThread(std::string_view name);

} // namespace interleave
