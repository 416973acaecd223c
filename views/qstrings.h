#pragma once

#include <QString>
#include <string>

namespace interleave {

/// The core speaks UTF-8 std::string; Qt wants QString.
inline QString qs(const std::string& text)
{
    return QString::fromStdString(text);
}

} // namespace interleave
