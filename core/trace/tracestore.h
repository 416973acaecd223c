#pragma once

#include "trace/eventcolumns.h"
#include "trace/slicerows.h"
#include "trace/statetracker.h"
#include "trace/tracemodel.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace interleave {

/// One kernel scheduling sample of a worker (cumulative counters from schedstat).
struct WorkerSample {
    std::uint64_t t = 0;
    std::uint64_t onCpuNs = 0;
    std::uint64_t waitNs = 0; ///< Time runnable but not running (run-queue wait).
    std::uint16_t cpu = 0;    ///< CPU it last ran on.
};

/// Everything known about one worker: identity, events, derived spans and samples.
struct Lane {
    WorkerInfo info;
    EventColumns events;
    /// Closed state spans in time order. After finalize() they cover the lane from its spawn
    /// to the end of the trace, with run-queue waits split out of running time.
    SpanList spans;
    std::vector<Interval> runnable; ///< Wanted a core but had none (derived at finalize).
    std::vector<Interval> gilWaits; ///< Inferred GIL waits (derived at finalize).
    std::vector<WorkerSample> samples;
    StateTracker tracker;
    /// Imported traces only: the lane's named slices, a row per nesting depth.
    SliceRows slices;
};

/// The in-memory trace of one run: metadata, lanes, objects, strings, sampler data and results.
/// Filled live by the collector (or by the file reader), then finalize()d. Writers hold
/// mutex() exclusively while appending a batch; readers (the GUI) hold it shared.
class TraceStore {
public:
    TraceStore();
    /// Gives the pages of the trace's chunks back to the kernel, beyond a warm reserve for the
    /// next run (see PagePool::trim).
    ~TraceStore();
    TraceStore(const TraceStore&) = delete;
    TraceStore& operator=(const TraceStore&) = delete;

    RunInfo run;
    RingTotals rings;
    Results results;
    /// The user's notes, saved with the trace.
    std::vector<Annotation> annotations;
    /// The lesson's moments, found in the events once the trace is final (trace/moments.h)
    /// and saved with it.
    std::vector<Moment> moments;
    /// Where the user was looking when it was saved (invalid: show everything).
    SavedView view;
    /// Imported traces: arrows between lanes, and the processes the lanes belong to.
    std::vector<Flow> flows;
    std::vector<ProcessInfo> processes;

    // Building.
    /// Creates or updates the lane for `identity.id` with who the worker is (name, role, kind,
    /// parent, spawn time), keeping what its events already told (pid, start, fate...).
    Lane& registerWorker(const WorkerInfo& identity);
    /// Creates or replaces the lane for `info.id` with `info` as a whole (the file reader).
    Lane& addLane(const WorkerInfo& info);
    void addObject(const ObjectInfo& object);
    /// Stores a string and returns its id (0 is the empty string); equal strings share an id.
    std::uint32_t addString(std::string_view text);
    /// Replaces the string table as a whole (the file reader); strings[0] must be "".
    void loadStrings(std::vector<std::string> strings);
    /// Appends one of a lane's own events (e.worker names the lane; times must not go back).
    void appendEvent(const Event& e);
    /// Appends a sampler event (CoreSample or WorkerSample).
    void appendSample(const Event& e);
    // Loading a saved trace: derived data comes from the file as it was recorded.
    /// Stores a sample without deriving anything from it.
    void loadSample(const Event& e);
    /// Stores one of a lane's events without deriving states or counters from it (imports).
    void loadEvent(const Event& e);
    void loadCounters(std::vector<CounterSeries> counters);
    /// Ends loading: the trace is final with `eventCount` events up to `lastEventNs`.
    void finishLoading(std::uint64_t eventCount, std::uint64_t lastEventNs);

    /// Puts counter points that arrived out of order (from different lanes) in time order.
    void sortCounters();
    /// Closes every lane at run.endNs (or the last event if later) and derives final spans.
    void finalize();

    // Reading.
    std::size_t laneCount() const { return m_lanes.size(); }
    const Lane& lane(std::size_t id) const { return *m_lanes[id]; }
    Lane& lane(std::size_t id) { return *m_lanes[id]; }
    const std::vector<ObjectInfo>& objects() const { return m_objects; }
    const ObjectInfo* object(std::uint16_t id) const;
    const std::string& string(std::uint32_t id) const;
    std::size_t stringCount() const { return m_strings.size(); }
    const std::vector<Event>& samples() const { return m_samples; }
    const std::vector<CounterSeries>& counters() const { return m_counters; }
    const CounterSeries* counter(CounterKind kind, std::uint16_t key) const;
    /// The imported process with this pid, or null.
    const ProcessInfo* process(std::int32_t pid) const;
    std::uint64_t eventCount() const { return m_eventCount; }
    std::uint64_t lastEventTime() const { return m_lastEventNs; }
    bool finalized() const { return m_finalized; }
    /// Heap bytes of all lanes' event columns.
    std::size_t eventBytes() const;
    /// Heap bytes of all lanes' derived state spans.
    std::size_t spanBytes() const;

    std::shared_mutex& mutex() const { return m_mutex; }

private:
    Lane& ensureLane(std::uint16_t id);
    CounterSeries& counterFor(CounterKind kind, std::uint16_t key, const std::string& name);
    void noteLifecycle(Lane& lane, const Event& e);
    /// What the samples tell beyond the events (tracescheduling.cpp): inferred GIL waits,
    /// then run-queue waits, never more lanes running than cores.
    void reconstructScheduling();
    struct SampleWindow;
    std::vector<std::vector<SampleWindow>> sampleWindows();
    void inferGilWaits(const std::vector<std::vector<SampleWindow>>& passes);
    void placeRunQueueWaits(const std::vector<std::vector<SampleWindow>>& passes);
    void capRunning(std::size_t cap, const std::function<std::int64_t(const Lane&)>& group,
                    std::vector<Interval> Lane::*into);

    std::vector<std::unique_ptr<Lane>> m_lanes;
    std::vector<ObjectInfo> m_objects;
    std::vector<std::string> m_strings;
    std::unordered_map<std::string, std::uint32_t> m_stringIds;
    std::vector<Event> m_samples;
    std::vector<CounterSeries> m_counters;
    std::uint64_t m_eventCount = 0;
    std::uint64_t m_lastEventNs = 0;
    bool m_finalized = false;
    mutable std::shared_mutex m_mutex;
};

/// Splits the Running spans of `spans` where `runnable` says the worker waited for a core.
SpanList mergeRunnable(const SpanList& spans, const std::vector<Interval>& runnable);
/// Splits the Running spans of `spans` into `state` spans (on `object`) within `intervals`.
SpanList splitRunning(const SpanList& spans, const std::vector<Interval>& intervals,
                      LaneState state, std::uint16_t object);

} // namespace interleave
