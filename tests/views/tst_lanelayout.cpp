// The lanes as the user arranges them: pinned, hidden, folded and moved, and an imported
// trace's lanes told apart and without the empty ones.
#include "timeline/lanealignment.h"
#include "timeline/lanearrangement.h"
#include "timeline/lanelayout.h"
#include "trace/tracestore.h"

#include <QtTest>
#include <map>

using namespace interleave;

namespace {

/// Threads t0..t2 of the recording process and processes p3, p4.
std::unique_ptr<TraceStore> recordedTrace()
{
    auto trace = std::make_unique<TraceStore>();
    for (std::uint16_t i = 0; i < 5; ++i) {
        WorkerInfo info;
        info.id = i;
        info.kind = i < 3 ? WorkerKind::Thread : WorkerKind::Process;
        info.name = (i < 3 ? "t" : "p") + std::to_string(i);
        info.pid = i < 3 ? 7 : 100 + i;
        trace->addLane(info);
    }
    return trace;
}

std::vector<std::string> labels(const LaneLayout& layout)
{
    std::vector<std::string> out;
    for (const LaneRow& row : layout.rows())
        out.push_back(row.header ? "[" + row.label + "]" : row.label);
    return out;
}

using Names = std::vector<std::string>;

/// A recording with these lanes: threads of one process, or processes after a main thread.
std::unique_ptr<TraceStore> namedTrace(const Names& names, WorkerKind workers)
{
    auto trace = std::make_unique<TraceStore>();
    for (std::uint16_t i = 0; i < names.size(); ++i) {
        WorkerInfo info;
        info.id = i;
        info.kind = i == 0 ? WorkerKind::Thread : workers;
        info.name = names[i];
        info.pid = info.kind == WorkerKind::Thread ? 7 : 100 + i;
        trace->addLane(info);
    }
    return trace;
}

/// Each row's top, by label ("[group]" for headers).
std::map<std::string, int> topsOf(const LaneLayout& layout)
{
    std::map<std::string, int> tops;
    for (const LaneRow& row : layout.rows())
        tops[row.header ? "[" + row.label + "]" : row.label] = row.top;
    return tops;
}

} // namespace

class TestLaneLayout : public QObject {
    Q_OBJECT
private slots:
    void pinnedLanesComeFirstHiddenOnesGo()
    {
        const auto owned = recordedTrace();
        const TraceStore& trace = *owned;
        LaneArrangement arrangement;
        arrangement.setPinned("p4", true);
        arrangement.setPinned("t1", true);
        arrangement.setHidden("t2", true);
        LaneLayout layout;
        layout.build(trace, {}, {}, &arrangement);
        QCOMPARE(labels(layout), (Names{"[Pinned]", "p4", "t1", "[MainProcess]", "t0",
                                        "[Worker processes]", "p3"}));
        QVERIFY(layout.laneRow(2) == nullptr);
        QCOMPARE(layout.laneRow(4)->group, std::string(LaneLayout::kPinnedGroup));
        arrangement.setPinned("p4", false);
        arrangement.showAll();
        layout.build(trace, {}, {}, &arrangement);
        QCOMPARE(labels(layout), (Names{"[Pinned]", "t1", "[MainProcess]", "t0", "t2",
                                        "[Worker processes]", "p3", "p4"}));
    }

    void aFoldedGroupKeepsItsHeaderAndCount()
    {
        const auto owned = recordedTrace();
        const TraceStore& trace = *owned;
        LaneArrangement arrangement;
        arrangement.setCollapsed("MainProcess", true);
        LaneLayout layout;
        layout.build(trace, LaneMetrics{20, 10}, {}, &arrangement);
        QCOMPARE(labels(layout), (Names{"[MainProcess]", "[Worker processes]", "p3", "p4"}));
        QVERIFY(layout.rows()[0].collapsed);
        QCOMPARE(layout.rows()[0].lanes, 3);
        QCOMPARE(layout.contentHeight(), 2 * 10 + 2 * 20);
    }

    void movedLanesStayWhereTheyWerePut()
    {
        const auto owned = recordedTrace();
        const TraceStore& trace = *owned;
        LaneArrangement arrangement;
        arrangement.move("t2", "t0", {"t0", "t1", "t2"});
        LaneLayout layout;
        layout.build(trace, {}, {}, &arrangement);
        QCOMPARE(layout.groupLanes("MainProcess"), (std::vector<std::uint16_t>{2, 0, 1}));
        arrangement.move("t2", "", {"t2", "t0", "t1"}); // to the end
        layout.build(trace, {}, {}, &arrangement);
        QCOMPARE(layout.groupLanes("MainProcess"), (std::vector<std::uint16_t>{0, 1, 2}));
        QVERIFY(!arrangement.empty());
        arrangement.clear();
        QVERIFY(arrangement.empty());
    }

    void importedThreadsOfOneNameCarryTheirTidAndEmptyLanesGo()
    {
        TraceStore trace;
        trace.run.importedFrom = "Chrome JSON";
        for (std::uint16_t i = 0; i < 3; ++i) {
            WorkerInfo info;
            info.id = i;
            info.name = "ThreadPoolForegroundWorker";
            info.pid = 1;
            info.tid = 40 + i;
            trace.addLane(info);
        }
        // Two of them have a slice; the third was only named in the metadata.
        for (std::uint16_t i = 0; i < 2; ++i) {
            Slice slice;
            slice.start = 10;
            slice.end = 20;
            trace.lane(i).slices.assign({slice});
        }
        LaneLayout layout;
        layout.build(trace);
        QCOMPARE(labels(layout), (Names{"[Process 1]", "ThreadPoolForegroundWorker · tid 40",
                                        "ThreadPoolForegroundWorker · tid 41"}));
        QVERIFY(layout.laneRow(2) == nullptr);
    }

    void comparedLanesOfOneNameOrWorkerNumberSitOpposite()
    {
        // Threads against processes: Thread-2 and Process-2 are the same worker of the lesson.
        const auto threads =
            namedTrace({"MainThread", "Thread-1", "Thread-2", "Thread-3"}, WorkerKind::Thread);
        const auto processes =
            namedTrace({"MainThread", "Process-1", "Process-2"}, WorkerKind::Process);
        LaneLayout first, second;
        first.build(*threads);
        second.build(*processes);
        const LaneAlignment alignment = alignLanes(first, second);
        alignment.apply(first, 0);
        alignment.apply(second, 1);
        const auto a = topsOf(first);
        const auto b = topsOf(second);
        QCOMPARE(a.at("[MainProcess]"), b.at("[MainProcess]"));
        QCOMPARE(a.at("MainThread"), b.at("MainThread"));
        QCOMPARE(a.at("Thread-1"), b.at("Process-1"));
        QCOMPARE(a.at("Thread-2"), b.at("Process-2"));
        // The processes' header has no partner: the threads leave a gap for it.
        QVERIFY(b.at("[Worker processes]") < b.at("Process-1"));
        QVERIFY(a.at("Thread-1") >=
                a.at("MainThread") + LaneMetrics{}.laneHeight + LaneMetrics{}.headerHeight);
        // Thread-3 has none either: it sits below everything of the second.
        QVERIFY(a.at("Thread-3") > b.at("Process-2"));
        QCOMPARE(first.contentHeight(), second.contentHeight());
        QCOMPARE(first.rowAt(a.at("Thread-2") + 1)->label, std::string("Thread-2"));
        QVERIFY(second.rowAt(a.at("Thread-3") + 1) == nullptr); // a gap
    }

    void comparedLanesOfTheSameNamesMatchWhateverTheOrder()
    {
        const auto one = namedTrace({"MainThread", "a", "b", "c"}, WorkerKind::Thread);
        const auto other = namedTrace({"MainThread", "a", "x", "c"}, WorkerKind::Thread);
        LaneLayout first, second;
        first.build(*one);
        second.build(*other);
        const LaneAlignment alignment = alignLanes(first, second);
        alignment.apply(first, 0);
        alignment.apply(second, 1);
        const auto a = topsOf(first);
        const auto b = topsOf(second);
        QCOMPARE(a.at("a"), b.at("a"));
        QCOMPARE(a.at("c"), b.at("c"));
        // b and x have no partner: one above the other, each opposite a gap.
        QVERIFY(a.at("b") != b.at("x"));
        QVERIFY(a.at("c") > std::max(a.at("b"), b.at("x")));
    }
};

QTEST_APPLESS_MAIN(TestLaneLayout)
#include "tst_lanelayout.moc"
