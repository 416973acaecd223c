#include "format/atomicfile.h"

#include "base/errors.h"

#include <cerrno>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <sys/stat.h>
#include <unistd.h>

namespace interleave {

namespace {
/// The process umask, read without changing it (umask() would race with other threads).
mode_t currentUmask()
{
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("Umask:", 0) == 0)
            return mode_t(std::stoul(line.substr(6), nullptr, 8));
    }
    return 022;
}
} // namespace

AtomicFile::AtomicFile(std::string path)
    : m_path(std::move(path))
{
    const std::filesystem::path target(m_path);
    const std::filesystem::path directory =
        target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
    // Where to write is the user's choice: a wrong one is bad input, said as such.
    std::error_code error;
    if (std::filesystem::is_directory(target, error))
        throw UsageError("'" + m_path + "' is a directory, not a file name");
    if (!std::filesystem::is_directory(directory, error))
        throw UsageError("cannot write '" + m_path + "': there is no directory '" +
                         directory.string() + "'");
    m_temporary = (directory / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
    m_fd = mkostemp(m_temporary.data(), O_CLOEXEC);
    if (m_fd < 0)
        fail("cannot create a file next to", errno);
}

AtomicFile::~AtomicFile()
{
    if (m_fd >= 0)
        close(m_fd);
    if (!m_committed && !m_temporary.empty())
        unlink(m_temporary.c_str());
}

void AtomicFile::fail(const std::string& what, int error)
{
    throw SystemError(what + " '" + m_path + "'", error);
}

void AtomicFile::write(const void* data, std::size_t size)
{
    const auto* p = static_cast<const char*>(data);
    while (size > 0) {
        const ssize_t n = ::write(m_fd, p, size);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            fail("cannot write", errno);
        }
        p += n;
        size -= std::size_t(n);
    }
}

void AtomicFile::commit()
{
    if (fsync(m_fd) != 0)
        fail("cannot flush", errno);
    // Temporaries are created 0600: a replaced file keeps its own permissions (a read-only
    // picture stays read-only), a new one gets those a plain create would.
    struct stat existing {};
    fchmod(m_fd, stat(m_path.c_str(), &existing) == 0 ? existing.st_mode & 07777
                                                      : 0666 & ~currentUmask());
    if (close(m_fd) != 0) {
        m_fd = -1;
        fail("cannot close", errno);
    }
    m_fd = -1;
    if (rename(m_temporary.c_str(), m_path.c_str()) != 0)
        fail("cannot replace", errno);
    m_committed = true;
    const std::filesystem::path target(m_path);
    const std::string directory = target.has_parent_path() ? target.parent_path().string() : ".";
    const int dir = open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir >= 0) {
        fsync(dir);
        close(dir);
    }
}

AtomicFileStream::Buffer::Buffer(AtomicFile& file)
    : m_file(file)
    , m_data(1 << 20)
{
    setp(m_data.data(), m_data.data() + m_data.size());
}

AtomicFileStream::Buffer::int_type AtomicFileStream::Buffer::overflow(int_type c)
{
    sync();
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
        *pptr() = traits_type::to_char_type(c);
        pbump(1);
    }
    return traits_type::not_eof(c);
}

int AtomicFileStream::Buffer::sync()
{
    const std::ptrdiff_t pending = pptr() - pbase();
    if (pending > 0)
        m_file.write(pbase(), std::size_t(pending));
    setp(m_data.data(), m_data.data() + m_data.size());
    return 0;
}

AtomicFileStream::AtomicFileStream(AtomicFile& file)
    : std::ostream(nullptr)
    , m_buffer(file)
{
    rdbuf(&m_buffer);
    exceptions(std::ios::badbit);
}

AtomicFileStream::~AtomicFileStream() = default;

void AtomicFileStream::finish()
{
    flush();
}

} // namespace interleave
