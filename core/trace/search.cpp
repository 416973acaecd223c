#include "trace/search.h"

#include "base/durationformat.h"
#include "trace/tracestore.h"

#include <algorithm>
#include <cctype>

namespace interleave {

namespace {

bool contains(std::string_view text, const std::string& needle)
{
    if (needle.empty() || text.size() < needle.size())
        return false;
    const auto it =
        std::search(text.begin(), text.end(), needle.begin(), needle.end(), [](char a, char b) {
            return std::tolower(static_cast<unsigned char>(a)) == b;
        });
    return it != text.end();
}

std::string since(std::uint64_t t, std::uint64_t origin)
{
    return formatPrecise(t - std::min(t, origin));
}

} // namespace

std::vector<SearchHit> searchTrace(const TraceStore& trace, std::string_view query,
                                   std::uint64_t origin, std::size_t limit)
{
    std::string needle(query);
    std::transform(needle.begin(), needle.end(), needle.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    std::vector<SearchHit> hits;
    if (needle.empty())
        return hits;
    auto full = [&] { return hits.size() >= limit; };

    // Lanes by name: a jump shows the lane from where it starts.
    for (std::size_t i = 0; i < trace.laneCount() && !full(); ++i) {
        const Lane& lane = trace.lane(i);
        if (!contains(lane.info.name, needle))
            continue;
        SearchHit hit;
        hit.kind = SearchHit::Kind::Lane;
        const std::uint64_t start = !lane.spans.empty()  ? lane.spans.front().start
                                    : lane.events.size() ? lane.events.time(0)
                                                         : lane.info.startNs;
        hit.target = TimelineTarget{std::uint16_t(i), start, start};
        hit.label = "lane " + lane.info.name;
        hits.push_back(std::move(hit));
    }
    // Objects by name, at the first event that uses them.
    std::vector<bool> objectMatches(trace.objects().size(), false);
    for (const ObjectInfo& object : trace.objects())
        objectMatches[object.id] = contains(object.name, needle);
    const bool anyObject =
        std::find(objectMatches.begin(), objectMatches.end(), true) != objectMatches.end();
    std::vector<bool> objectFound(objectMatches.size(), false);

    std::vector<SearchHit> texts;
    for (std::size_t i = 0; i < trace.laneCount(); ++i) {
        const Lane& lane = trace.lane(i);
        const auto laneId = std::uint16_t(i);
        for (std::size_t e = 0; e < lane.events.size() && texts.size() < limit; ++e) {
            const EventKind kind = lane.events.kind(e);
            const bool text =
                kind == EventKind::Print || kind == EventKind::Mark || kind == EventKind::Instant;
            if (!text && !anyObject)
                continue;
            const Event event = lane.events.at(e, laneId);
            SearchHit hit;
            hit.item.kind = TimelineItem::Kind::Event;
            hit.item.lane = laneId;
            hit.item.index = e;
            hit.target = TimelineTarget{laneId, event.tNs, event.tNs};
            if (text) {
                const std::string& said = trace.string(std::uint32_t(event.a));
                if (!contains(said, needle))
                    continue;
                hit.kind =
                    kind == EventKind::Print ? SearchHit::Kind::Print : SearchHit::Kind::Mark;
                hit.label = (kind == EventKind::Print ? "print “" + said + "”" : said) + " · " +
                            lane.info.name + " · " + since(event.tNs, origin);
                texts.push_back(std::move(hit));
            } else if (event.object < objectMatches.size() && objectMatches[event.object] &&
                       !objectFound[event.object] && kind != EventKind::WorkerStart &&
                       kind != EventKind::ComputeBegin && kind != EventKind::ComputeEnd) {
                objectFound[event.object] = true;
                const ObjectInfo& object = *trace.object(event.object);
                hit.kind = SearchHit::Kind::Object;
                hit.label = std::string(objectKindName(object.kind)) + " " + object.name +
                            " · first used by " + lane.info.name + " at " +
                            since(event.tNs, origin);
                hits.push_back(std::move(hit));
            }
        }
        // Imported slices by name.
        for (int depth = 0; depth < lane.slices.depth() && texts.size() < limit; ++depth) {
            const SliceRow& row = lane.slices.row(depth);
            for (std::size_t s = 0; s < row.size() && texts.size() < limit; ++s) {
                const std::string& name = trace.string(row[s].name);
                if (!contains(name, needle))
                    continue;
                SearchHit hit;
                hit.kind = SearchHit::Kind::Slice;
                hit.item.kind = TimelineItem::Kind::Slice;
                hit.item.lane = laneId;
                hit.item.depth = depth;
                hit.item.index = s;
                hit.target = TimelineTarget{laneId, row[s].start, row[s].end};
                hit.label = name + " · " + lane.info.name + " · " + since(row[s].start, origin) +
                            " (" + formatPrecise(row[s].duration()) + ")";
                texts.push_back(std::move(hit));
            }
        }
    }
    std::stable_sort(texts.begin(), texts.end(), [](const SearchHit& x, const SearchHit& y) {
        return x.target.start < y.target.start;
    });
    for (SearchHit& hit : texts) {
        if (full())
            break;
        hits.push_back(std::move(hit));
    }
    return hits;
}

} // namespace interleave
