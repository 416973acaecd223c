#include "python/pythonsetup.h"

#include "base/errors.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>

namespace interleave {

namespace fs = std::filesystem;

namespace {

bool isExecutableFile(const fs::path& path)
{
    struct stat info {};
    return ::stat(path.c_str(), &info) == 0 && S_ISREG(info.st_mode) &&
           ::access(path.c_str(), X_OK) == 0;
}

bool hasTracer(const fs::path& dir)
{
    std::error_code error;
    return fs::is_regular_file(dir / "libinterleave_pytrace.so", error) &&
           fs::is_regular_file(dir / "interleave_boot.py", error);
}

std::string searchPath(const std::string& name)
{
    const char* path = std::getenv("PATH");
    std::string entries = path ? path : "/usr/local/bin:/usr/bin:/bin";
    std::size_t begin = 0;
    while (begin <= entries.size()) {
        const std::size_t end = std::min(entries.find(':', begin), entries.size());
        const std::string dir = entries.substr(begin, end - begin);
        const fs::path candidate = fs::path(dir.empty() ? "." : dir) / name;
        if (isExecutableFile(candidate))
            return fs::absolute(candidate).string();
        begin = end + 1;
    }
    return {};
}

} // namespace

std::string findTracerDir()
{
    if (const char* fromEnvironment = std::getenv("INTERLEAVE_PYTHON_DIR")) {
        if (hasTracer(fromEnvironment))
            return fs::absolute(fromEnvironment).string();
        throw UsageError(std::string("INTERLEAVE_PYTHON_DIR=") + fromEnvironment +
                         " has no Python tracer (libinterleave_pytrace.so, interleave_boot.py)");
    }
    std::error_code error;
    const fs::path self = fs::read_symlink("/proc/self/exe", error);
    if (!error) {
        for (const fs::path& dir :
             {self.parent_path() / "python", self.parent_path() / ".." / "lib" / "interleave" /
                                                 "python"}) {
            if (hasTracer(dir))
                return fs::weakly_canonical(dir).string();
        }
    }
    throw UsageError("the Python tracer is missing: no python/ folder beside " +
                     self.string() + " (rebuild with .ci/dev build)");
}

std::string findPythonInterpreter(const std::string& requested)
{
    if (!requested.empty()) {
        const std::string found =
            requested.find('/') != std::string::npos ? requested : searchPath(requested);
        if (found.empty() || !isExecutableFile(found))
            throw UsageError("no Python interpreter at " + requested);
        return fs::absolute(found).string();
    }
    const std::string found = searchPath("python3");
    if (found.empty())
        throw UsageError("no python3 on PATH: install it with `apt-get install python3` "
                         "(Debian package python3)");
    return found;
}

PythonSetup findPythonSetup(const std::string& requestedInterpreter)
{
    PythonSetup setup;
    setup.interpreter = findPythonInterpreter(requestedInterpreter);
    setup.tracerDir = findTracerDir();
    return setup;
}

std::string checkPythonScript(const std::string& path)
{
    if (path.empty())
        throw UsageError("no script given");
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0)
        throw UsageError(path + ": " + std::strerror(errno));
    if (S_ISDIR(info.st_mode))
        throw UsageError(path + " is a directory, not a Python script");
    if (!S_ISREG(info.st_mode))
        throw UsageError(path + " is not a regular file");
    // O_NONBLOCK: a file swapped for a FIFO after the check must not hang the open.
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        throw UsageError(path + ": " + std::strerror(errno));
    char head[65536];
    const ssize_t length = ::read(fd, head, sizeof head);
    ::close(fd);
    if (length < 0)
        throw UsageError(path + ": " + std::strerror(errno));
    const std::string_view text(head, std::size_t(length));
    if (text.find('\0') != std::string_view::npos)
        throw UsageError(path + " is a binary file, not a Python script");
    const std::string extension = fs::path(path).extension().string();
    const bool pythonShebang =
        text.substr(0, 2) == "#!" && text.substr(0, text.find('\n')).find("python") !=
                                         std::string_view::npos;
    if (extension != ".py" && extension != ".pyw" && !pythonShebang)
        throw UsageError(path + " is not a Python script (expected a .py file)");
    return fs::absolute(path).lexically_normal().string();
}

} // namespace interleave
