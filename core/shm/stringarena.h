#pragma once

#include <atomic>
#include <cstdint>
#include <string_view>

namespace interleave {

/// Append-only store of strings in shared memory, written by any thread of any process. A string
/// is referenced by a 32-bit id; 0 means "no string". A full arena never blocks: the string is
/// counted as dropped and id 0 is returned.
class StringArena {
public:
    StringArena() = default;
    StringArena(char* base, std::uint64_t capacity, std::atomic<std::uint64_t>* used,
                std::atomic<std::uint64_t>* dropped);

    std::uint32_t intern(std::string_view text);
    /// The string with this id; empty for 0 or for an id that is not a valid entry.
    std::string_view lookup(std::uint32_t id) const;

    std::uint64_t bytesUsed() const;

private:
    char* m_base = nullptr;
    std::uint64_t m_capacity = 0;
    std::atomic<std::uint64_t>* m_used = nullptr;
    std::atomic<std::uint64_t>* m_dropped = nullptr;
};

} // namespace interleave
