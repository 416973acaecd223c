#pragma once

#include <cstddef>
#include <ostream>
#include <streambuf>
#include <string>
#include <vector>

namespace interleave {

/// Writes a file so that readers see either the old content or the complete new content:
/// the bytes go to a temporary file in the same directory, which is flushed to disk and then
/// renamed over the target. A failure (full disk, no permission) throws SystemError naming the
/// file, removes the temporary and leaves any existing file untouched.
class AtomicFile {
public:
    explicit AtomicFile(std::string path);
    ~AtomicFile();
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    void write(const void* data, std::size_t size);
    /// Flushes, renames into place and syncs the directory.
    void commit();

private:
    [[noreturn]] void fail(const std::string& what, int error);

    std::string m_path;
    std::string m_temporary;
    int m_fd = -1;
    bool m_committed = false;
};

/// An std::ostream that writes into an AtomicFile through a buffer. Write errors surface as the
/// AtomicFile's SystemError (badbit exceptions are enabled).
class AtomicFileStream : public std::ostream {
public:
    explicit AtomicFileStream(AtomicFile& file);
    ~AtomicFileStream() override;

    /// Flushes the buffer; call before AtomicFile::commit().
    void finish();

private:
    class Buffer : public std::streambuf {
    public:
        explicit Buffer(AtomicFile& file);
        int_type overflow(int_type c) override;
        int sync() override;

    private:
        AtomicFile& m_file;
        std::vector<char> m_data;
    };
    Buffer m_buffer;
};

} // namespace interleave
