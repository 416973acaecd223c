#pragma once

#include "base/progress.h"
#include "format/chromeevents.h"

#include <cstdint>
#include <simdjson.h>
#include <string>
#include <string_view>

namespace interleave {

/// Reads trace events from simdjson on-demand values into ChromeEvents: one event at a time,
/// fields in any order, nothing kept of the document but what the trace needs. One parser per
/// thread; a split file gets one per part (see chromeimport.cpp).
class ChromeEventParser {
public:
    using Array = simdjson::ondemand::array;
    using Document = simdjson::ondemand::document;
    using Object = simdjson::ondemand::object;

    /// `region` is the text being parsed inside its padded buffer, whose usable size from
    /// region.data() on is `capacity`; progress is reported as the share of `region` read.
    ChromeEventParser(ChromeEvents& out, std::string_view region, std::size_t capacity,
                      Progress progress);

    /// Reads every element of an events array.
    void readEvents(Array events, Document& document);
    /// Reads otherData: scalar fields as text, and Interleave's list of workers.
    void readOtherData(Object other);

private:
    struct RawEvent;
    RawEvent readEvent(Object object);
    void handle(const RawEvent& e);
    void metadata(const RawEvent& e);
    void counter(const RawEvent& e, std::int64_t t);
    std::uint32_t threadOf(std::int64_t pid, std::int64_t tid);
    void note(std::uint32_t thread, std::int64_t t);
    /// Runs `body` over a raw JSON object inside the buffer, parsed in place.
    template <class Body> void withObject(std::string_view raw, Body body);

    ChromeEvents& m_out;
    std::string_view m_region;
    std::size_t m_capacity;
    Progress m_progress;
    simdjson::ondemand::parser m_argsParser;
    /// The thread of the previous event (none before the first: no key is reserved for that).
    bool m_haveLast = false;
    std::uint64_t m_lastKey = 0;
    std::uint32_t m_lastThread = 0;
    std::string m_idStorage;
    std::string m_bindStorage;
    std::unordered_map<std::string, std::size_t> m_counterIds;
};

} // namespace interleave
