#include "base/mappedfile.h"

#include "base/errors.h"
#include "base/regularfile.h"

#include <algorithm>
#include <cerrno>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace interleave {

MappedFile::MappedFile(const std::string& path, std::size_t padding)
{
    const int fd = openRegularFile(path, m_size);
    const auto page = std::size_t(sysconf(_SC_PAGESIZE));
    m_length = (m_size + padding + page - 1) / page * page;
    if (m_length == 0)
        m_length = page;
    // Zero pages for the whole length first, then the file over their start: the bytes past
    // the end of the file (in its last page and beyond) read as zeros, never as SIGBUS.
    m_base = mmap(nullptr, m_length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m_base == MAP_FAILED) {
        const int error = errno;
        close(fd);
        m_base = nullptr;
        throw SystemError("cannot map '" + path + "'", error);
    }
    if (m_size > 0) {
        const std::size_t fileLength = (m_size + page - 1) / page * page;
        // Read-only while populating: populating a writable private mapping would copy
        // every page. allowWritesFrom() makes the few pages that get written copy-on-write.
        void* file =
            mmap(m_base, fileLength, PROT_READ, MAP_PRIVATE | MAP_FIXED | MAP_POPULATE, fd, 0);
        if (file == MAP_FAILED) {
            const int error = errno;
            close(fd);
            munmap(m_base, m_length);
            m_base = nullptr;
            throw SystemError("cannot map '" + path + "'", error);
        }
    }
    close(fd);
}

void MappedFile::allowWritesFrom(std::size_t offset)
{
    const auto page = std::size_t(sysconf(_SC_PAGESIZE));
    const std::size_t from = std::min(offset, m_length - 1) / page * page;
    if (mprotect(static_cast<char*>(m_base) + from, m_length - from, PROT_READ | PROT_WRITE) != 0)
        throw SystemError("cannot make a mapped file writable", errno);
}

MappedFile::~MappedFile()
{
    if (m_base != nullptr)
        munmap(m_base, m_length);
}

} // namespace interleave
