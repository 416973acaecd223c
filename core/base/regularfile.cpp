#include "base/regularfile.h"

#include "base/errors.h"

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace interleave {

int openRegularFile(const std::string& path, std::size_t& size)
{
    // Non-blocking: opening a FIFO would otherwise wait for a writer forever, before the
    // check below could refuse it.
    const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
    if (fd < 0)
        throw SystemError("cannot open '" + path + "'", errno);
    struct stat st {};
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        throw FormatError("'" + path + "' is not a regular file");
    }
    const int flags = fcntl(fd, F_GETFL);
    if (flags >= 0)
        fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
    size = std::size_t(st.st_size);
    return fd;
}

} // namespace interleave
