#include "format/chromeevents.h"

#include <xxhash.h>

namespace interleave {

std::size_t StringInterner::Hash::operator()(std::string_view s) const
{
    return std::size_t(XXH3_64bits(s.data(), s.size()));
}

StringInterner::StringInterner()
{
    m_strings.emplace_back();
    m_ids.emplace(std::string(), 0);
}

std::uint32_t StringInterner::intern(std::string_view text)
{
    if (const auto it = m_ids.find(text); it != m_ids.end())
        return it->second;
    const auto id = std::uint32_t(m_strings.size());
    m_strings.emplace_back(text);
    m_ids.emplace(std::string(text), id);
    return id;
}

std::string ChromeEvents::other(std::string_view key) const
{
    for (const auto& [name, value] : otherData) {
        if (name == key)
            return value;
    }
    return {};
}

std::uint32_t ChromeEvents::thread(std::int64_t pid, std::int64_t tid)
{
    const std::uint64_t key = std::uint64_t(pid) * 0x9E3779B97F4A7C15ull ^ std::uint64_t(tid);
    std::vector<std::uint32_t>& candidates = m_threadIndex[key];
    for (std::uint32_t index : candidates) {
        if (threads[index].pid == pid && threads[index].tid == tid)
            return index;
    }
    Thread added;
    added.pid = pid;
    added.tid = tid;
    threads.push_back(std::move(added));
    candidates.push_back(std::uint32_t(threads.size() - 1));
    return candidates.back();
}

} // namespace interleave
