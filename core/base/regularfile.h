#pragma once

#include <cstddef>
#include <string>

namespace interleave {

/// Opens a regular file for reading (O_CLOEXEC) and tells its size. SystemError if it cannot be
/// opened, FormatError if it is not a regular file (a directory, a pipe). The caller closes it.
int openRegularFile(const std::string& path, std::size_t& size);

} // namespace interleave
