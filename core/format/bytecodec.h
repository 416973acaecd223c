#pragma once

#include "base/errors.h"

#include <bit>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace interleave {

/// Little-endian binary encoder for trace file sections.
class ByteWriter {
public:
    void u8(std::uint8_t v) { m_bytes.push_back(v); }
    void u16(std::uint16_t v) { raw(&v, sizeof v); }
    void u32(std::uint32_t v) { raw(&v, sizeof v); }
    void u64(std::uint64_t v) { raw(&v, sizeof v); }
    void i32(std::int32_t v) { raw(&v, sizeof v); }
    void i64(std::int64_t v) { raw(&v, sizeof v); }
    void f64(double v) { raw(&v, sizeof v); }
    void varint(std::uint64_t v)
    {
        while (v >= 0x80) {
            m_bytes.push_back(std::uint8_t(v | 0x80));
            v >>= 7;
        }
        m_bytes.push_back(std::uint8_t(v));
    }
    void string(std::string_view s)
    {
        varint(s.size());
        raw(s.data(), s.size());
    }
    void raw(const void* data, std::size_t size)
    {
        const auto* p = static_cast<const std::uint8_t*>(data);
        m_bytes.insert(m_bytes.end(), p, p + size);
    }

    std::vector<std::uint8_t>& bytes() { return m_bytes; }
    std::size_t size() const { return m_bytes.size(); }

private:
    std::vector<std::uint8_t> m_bytes;
};

static_assert(std::endian::native == std::endian::little, "the trace format is little-endian");

/// Bounds-checked decoder: every read that would run past the end throws a FormatError naming
/// the section and the file offset, so a corrupt file can never make the reader overrun.
class ByteReader {
public:
    /// `sectionOffset`: where the section starts in the file; `base`: where `data` starts
    /// within the (decompressed) section.
    ByteReader(const std::uint8_t* data, std::size_t size, std::string section,
               std::uint64_t sectionOffset, std::size_t base = 0)
        : m_data(data)
        , m_size(size)
        , m_section(std::move(section))
        , m_sectionOffset(sectionOffset)
        , m_base(base)
    {
    }

    std::uint8_t u8() { return read<std::uint8_t>(); }
    std::uint16_t u16() { return read<std::uint16_t>(); }
    std::uint32_t u32() { return read<std::uint32_t>(); }
    std::uint64_t u64() { return read<std::uint64_t>(); }
    std::int32_t i32() { return read<std::int32_t>(); }
    std::int64_t i64() { return read<std::int64_t>(); }
    double f64() { return read<double>(); }
    std::uint64_t varint()
    {
        std::uint64_t value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            need(1);
            const std::uint8_t byte = m_data[m_position++];
            value |= std::uint64_t(byte & 0x7F) << shift;
            if ((byte & 0x80) == 0)
                return value;
        }
        fail("malformed variable-length number");
    }
    std::string string()
    {
        const std::uint64_t length = varint();
        need(length);
        std::string s(reinterpret_cast<const char*>(m_data + m_position), std::size_t(length));
        m_position += std::size_t(length);
        return s;
    }
    /// A count of items each at least `minimumItemBytes` long: rejected if the rest of the
    /// section could not possibly hold them (so no allocation is sized by a corrupt count).
    std::uint64_t count(std::size_t minimumItemBytes)
    {
        const std::uint64_t n = varint();
        if (minimumItemBytes > 0 && n > remaining() / minimumItemBytes)
            fail("count " + std::to_string(n) + " exceeds the data");
        return n;
    }
    const std::uint8_t* take(std::size_t size)
    {
        need(size);
        const std::uint8_t* p = m_data + m_position;
        m_position += size;
        return p;
    }

    std::size_t remaining() const { return m_size - m_position; }
    /// The next unread byte (for decoders that walk ahead and then take() what they used).
    const std::uint8_t* here() const { return m_data + m_position; }
    std::size_t position() const { return m_position; }
    bool atEnd() const { return m_position == m_size; }

    [[noreturn]] void fail(const std::string& what) const
    {
        throw FormatError("corrupt trace: section '" + m_section + "' (at file offset " +
                          std::to_string(m_sectionOffset) + "), byte " +
                          std::to_string(m_base + m_position) + ": " + what);
    }

private:
    void need(std::uint64_t bytes) const
    {
        if (bytes > m_size - m_position)
            fail("truncated (needs " + std::to_string(bytes) + " more bytes, has " +
                 std::to_string(m_size - m_position) + ")");
    }
    template <class T> T read()
    {
        need(sizeof(T));
        T v;
        std::memcpy(&v, m_data + m_position, sizeof v);
        m_position += sizeof v;
        return v;
    }

    const std::uint8_t* m_data;
    std::size_t m_size;
    std::size_t m_position = 0;
    std::string m_section;
    std::uint64_t m_sectionOffset;
    std::size_t m_base;
};

} // namespace interleave
