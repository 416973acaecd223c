// A disk that is full for one folder: preloaded into a program under test, write() and pwrite()
// on any file whose path starts with $INTERLEAVE_FULL_DISK fail with ENOSPC, as on a full disk.
// Everything else writes as usual.
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dlfcn.h>
#include <unistd.h>

namespace {

bool onTheFullDisk(int fd)
{
    const char* prefix = std::getenv("INTERLEAVE_FULL_DISK");
    if (prefix == nullptr || prefix[0] == '\0' || fd < 0)
        return false;
    char link[64];
    char target[PATH_MAX];
    std::snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    const ssize_t n = readlink(link, target, sizeof target - 1);
    if (n <= 0)
        return false;
    target[n] = '\0';
    return std::strncmp(target, prefix, std::strlen(prefix)) == 0;
}

template <class F> F real(const char* name)
{
    return reinterpret_cast<F>(dlsym(RTLD_NEXT, name));
}

} // namespace

extern "C" ssize_t write(int fd, const void* data, size_t size)
{
    static const auto next = real<ssize_t (*)(int, const void*, size_t)>("write");
    if (size > 0 && onTheFullDisk(fd)) {
        errno = ENOSPC;
        return -1;
    }
    return next(fd, data, size);
}

extern "C" ssize_t pwrite(int fd, const void* data, size_t size, off_t offset)
{
    static const auto next = real<ssize_t (*)(int, const void*, size_t, off_t)>("pwrite");
    if (size > 0 && onTheFullDisk(fd)) {
        errno = ENOSPC;
        return -1;
    }
    return next(fd, data, size, offset);
}
