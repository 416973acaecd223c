#pragma once

#include <cstddef>
#include <string>

namespace interleave {

/// A whole file mapped into memory, private (writes never reach the file), with `padding`
/// zero bytes readable and writable after its end: simdjson reads a little past the text it
/// parses. Pages are populated up front, so a file in the page cache costs neither a copy nor
/// a page fault per 4 KiB, as read() into a fresh buffer does.
class MappedFile {
public:
    /// Throws SystemError when the file cannot be opened or mapped, FormatError when it is not
    /// a regular file.
    MappedFile(const std::string& path, std::size_t padding);
    ~MappedFile();
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;

    /// The mapping is read-only up to the end of the file; this makes [offset, end + padding)
    /// writable (copy-on-write: the file never changes).
    void allowWritesFrom(std::size_t offset);

    char* data() { return static_cast<char*>(m_base); }
    std::size_t size() const { return m_size; }

private:
    void* m_base = nullptr;
    std::size_t m_length = 0; ///< Bytes mapped: the file and its padding, in whole pages.
    std::size_t m_size = 0;
};

} // namespace interleave
