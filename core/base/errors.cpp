#include "base/errors.h"

#include <cstring>

namespace interleave {

SystemError::SystemError(const std::string& what, int error)
    : std::runtime_error(what + ": " + std::strerror(error))
    , m_error(error)
{
}

} // namespace interleave
