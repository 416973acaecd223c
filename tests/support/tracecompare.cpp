#include "tracecompare.h"

#include "trace/tracestore.h"

#include <cstring>

namespace interleave::test {

namespace {

bool sameEvent(const Event& x, const Event& y)
{
    return x.tNs == y.tNs && x.worker == y.worker && x.kind == y.kind && x.flags == y.flags &&
           x.cpu == y.cpu && x.object == y.object && x.a == y.a && x.b == y.b;
}

} // namespace

std::string traceDifference(const TraceStore& a, const TraceStore& b)
{
    if (a.run.scenario != b.run.scenario || a.run.title != b.run.title)
        return "scenario or title";
    if (a.run.startNs != b.run.startNs || a.run.endNs != b.run.endNs)
        return "run times";
    if (a.run.outcome != b.run.outcome || a.run.message != b.run.message)
        return "outcome";
    if (a.run.importedFrom != b.run.importedFrom)
        return "import";
    if (a.run.parameters != b.run.parameters)
        return "parameters";
    if (a.results.verdict != b.results.verdict ||
        a.results.values.size() != b.results.values.size())
        return "results";
    if (a.laneCount() != b.laneCount())
        return "lanes: " + std::to_string(a.laneCount()) + " vs " + std::to_string(b.laneCount());
    if (a.objects().size() != b.objects().size())
        return "objects";
    for (std::size_t i = 0; i < a.objects().size(); ++i) {
        if (a.objects()[i].name != b.objects()[i].name ||
            a.objects()[i].kind != b.objects()[i].kind)
            return "object " + std::to_string(i);
    }
    for (std::size_t l = 0; l < a.laneCount(); ++l) {
        const Lane& x = a.lane(l);
        const Lane& y = b.lane(l);
        const std::string lane = "lane " + std::to_string(l) + ": ";
        if (x.info.name != y.info.name || x.info.pid != y.info.pid || x.info.tid != y.info.tid ||
            x.info.kind != y.info.kind || x.info.fate != y.info.fate)
            return lane + "identity";
        if (x.events.size() != y.events.size())
            return lane + std::to_string(x.events.size()) + " events vs " +
                   std::to_string(y.events.size());
        for (std::size_t e = 0; e < x.events.size(); ++e) {
            if (!sameEvent(x.events.at(e, std::uint16_t(l)), y.events.at(e, std::uint16_t(l))))
                return lane + "event " + std::to_string(e);
            // Strings are compared by text: ids may be renumbered.
            const EventKind kind = x.events.kind(e);
            if ((kind == EventKind::Print || kind == EventKind::Mark) &&
                a.string(std::uint32_t(x.events.at(e, 0).a)) !=
                    b.string(std::uint32_t(y.events.at(e, 0).a)))
                return lane + "text of event " + std::to_string(e);
        }
        if (x.spans.size() != y.spans.size())
            return lane + std::to_string(x.spans.size()) + " spans vs " +
                   std::to_string(y.spans.size());
        for (std::size_t s = 0; s < x.spans.size(); ++s) {
            const StateSpan& p = x.spans[s];
            const StateSpan& q = y.spans[s];
            if (p.start != q.start || p.end != q.end || p.state != q.state ||
                p.object != q.object || p.related != q.related)
                return lane + "span " + std::to_string(s);
        }
        if (x.slices.depth() != y.slices.depth() || x.slices.sliceCount() != y.slices.sliceCount())
            return lane + "slices";
        for (int d = 0; d < x.slices.depth(); ++d) {
            for (std::size_t s = 0; s < x.slices.row(d).size(); ++s) {
                const Slice& p = x.slices.row(d)[s];
                const Slice& q = y.slices.row(d)[s];
                if (p.start != q.start || p.end != q.end || a.string(p.name) != b.string(q.name))
                    return lane + "slice " + std::to_string(s) + " at depth " + std::to_string(d);
            }
        }
    }
    if (a.counters().size() != b.counters().size())
        return "counters";
    for (std::size_t c = 0; c < a.counters().size(); ++c) {
        if (a.counters()[c].times != b.counters()[c].times ||
            a.counters()[c].values != b.counters()[c].values)
            return "counter " + std::to_string(c);
    }
    if (a.flows.size() != b.flows.size())
        return "flows";
    if (a.annotations.size() != b.annotations.size())
        return "notes";
    if (a.view.start != b.view.start || a.view.end != b.view.end)
        return "saved view";
    return {};
}

} // namespace interleave::test
