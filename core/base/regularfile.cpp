#include "base/regularfile.h"

#include "base/errors.h"

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace interleave {

int openRegularFile(const std::string& path, std::size_t& size)
{
    const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        throw SystemError("cannot open '" + path + "'", errno);
    struct stat st {};
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        throw FormatError("'" + path + "' is not a regular file");
    }
    size = std::size_t(st.st_size);
    return fd;
}

} // namespace interleave
