#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace interleave {

/// Equal strings share one id; id 0 is the empty string. Looked up by string_view, so the
/// parser interns names without allocating for the ones it has seen.
class StringInterner {
public:
    StringInterner();
    std::uint32_t intern(std::string_view text);
    const std::string& text(std::uint32_t id) const { return m_strings[id]; }
    std::size_t size() const { return m_strings.size(); }
    std::vector<std::string> take() { return std::move(m_strings); }

private:
    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const;
    };
    std::vector<std::string> m_strings;
    std::unordered_map<std::string, std::uint32_t, Hash, std::equal_to<>> m_ids;
};

/// What the Chrome JSON parser collected, in nanoseconds from the first timestamp it saw
/// (so possibly negative), before it becomes a TraceStore (see chromebuild.h).
struct ChromeEvents {
    struct Slice {
        std::int64_t start = 0;
        std::int64_t end = 0;
        std::uint32_t name = 0;
        std::uint32_t category = 0;
        std::uint32_t args = 0;
    };
    struct Instant {
        std::int64_t t = 0;
        std::uint32_t name = 0;
        std::uint32_t category = 0;
        std::uint32_t args = 0;
    };
    struct Thread {
        std::int64_t pid = 0;
        std::int64_t tid = 0;
        std::string name;
        std::optional<std::int64_t> sortIndex;
        std::vector<Slice> slices;
        std::vector<Slice> open;      ///< B events waiting for their E, innermost last.
        std::uint64_t orphanEnds = 0; ///< E events that found no B; reported.
        std::vector<Instant> instants;
        /// An async track made from "b"/"e" events: its slices may overlap and are packed
        /// into rows rather than nested.
        bool async = false;
        std::int64_t first = INT64_MAX;
        std::int64_t last = INT64_MIN;
    };
    struct Process {
        std::string name;
        std::optional<std::int64_t> sortIndex;
    };
    struct Counter {
        std::int64_t pid = 0;
        std::string name;
        std::vector<std::int64_t> times;
        std::vector<double> values;
    };
    /// One end of a flow arrow: step 0 starts it, 1 passes through, 2 ends it.
    struct FlowPoint {
        std::string id;
        std::int64_t t = 0;
        std::uint32_t thread = 0;
        std::uint8_t step = 0;
        std::uint32_t name = 0;
    };
    /// An async event ("b" begins, "e" ends, "n" marks a moment), matched later per process
    /// by category and id.
    struct AsyncPoint {
        std::int64_t pid = 0;
        std::int64_t t = 0;
        std::string key; ///< Category and id.
        std::uint32_t name = 0;
        std::uint32_t category = 0;
        std::uint32_t args = 0;
        char phase = 'b';
    };
    /// A worker as Interleave's own export describes it in otherData.
    struct Worker {
        std::int64_t id = 0;
        std::string name;
        std::string kind;
        std::string role;
        std::string fate;
        std::int64_t pid = 0;
        std::int64_t tid = 0;
    };

    StringInterner strings;
    std::vector<Thread> threads;
    std::map<std::int64_t, Process> processes;
    std::vector<Counter> counters;
    std::vector<FlowPoint> flows;
    std::vector<AsyncPoint> asyncs;
    std::vector<std::pair<std::string, std::string>> otherData; ///< Scalar fields, as text.
    std::vector<Worker> workers;
    std::map<std::string, std::uint64_t> unknownPhases;
    std::uint64_t events = 0;
    std::int64_t earliest = INT64_MAX;
    std::int64_t latest = INT64_MIN;

    std::string other(std::string_view key) const;
    /// The thread with this pid and tid, created if new.
    std::uint32_t thread(std::int64_t pid, std::int64_t tid);

private:
    std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> m_threadIndex;
};

} // namespace interleave
