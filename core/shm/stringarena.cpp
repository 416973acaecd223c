#include "shm/stringarena.h"

#include <algorithm>
#include <cstring>

namespace interleave {

namespace {
/// Entries are a 4-byte length then the bytes, padded to 4 so ids can be offset / 4 + 1.
constexpr std::uint64_t kAlign = 4;
constexpr std::uint32_t kMaxLength = 1u << 20;
} // namespace

StringArena::StringArena(char* base, std::uint64_t capacity, std::atomic<std::uint64_t>* used,
                         std::atomic<std::uint64_t>* dropped)
    : m_base(base)
    , m_capacity(capacity)
    , m_used(used)
    , m_dropped(dropped)
{
}

std::uint32_t StringArena::intern(std::string_view text)
{
    const auto length = std::uint32_t(std::min<std::size_t>(text.size(), kMaxLength));
    const std::uint64_t bytes = (sizeof(std::uint32_t) + length + kAlign - 1) & ~(kAlign - 1);
    const std::uint64_t offset = m_used->fetch_add(bytes, std::memory_order_relaxed);
    if (offset + bytes > m_capacity || (offset / kAlign + 1) > 0xFFFFFFFFull) {
        m_dropped->fetch_add(1, std::memory_order_relaxed);
        return 0;
    }
    std::memcpy(m_base + offset, &length, sizeof length);
    std::memcpy(m_base + offset + sizeof length, text.data(), length);
    // Visibility to readers comes with the event that carries the id (ring release/acquire).
    return std::uint32_t(offset / kAlign + 1);
}

std::string_view StringArena::lookup(std::uint32_t id) const
{
    if (id == 0 || m_base == nullptr)
        return {};
    const std::uint64_t offset = std::uint64_t(id - 1) * kAlign;
    const std::uint64_t used = std::min(m_used->load(std::memory_order_acquire), m_capacity);
    if (offset + sizeof(std::uint32_t) > used)
        return {};
    std::uint32_t length = 0;
    std::memcpy(&length, m_base + offset, sizeof length);
    if (length > kMaxLength || offset + sizeof length + length > used)
        return {};
    return {m_base + offset + sizeof length, length};
}

std::uint64_t StringArena::bytesUsed() const
{
    return std::min(m_used->load(std::memory_order_relaxed), m_capacity);
}

} // namespace interleave
