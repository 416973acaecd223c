#pragma once

#include "base/chunkedvector.h"
#include "base/event.h"
#include "shm/segmentlayout.h"
#include "trace/lanestate.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace interleave {

enum class WorkerKind : std::uint8_t { Thread = 0, Process = 1 };

/// How a worker's life ended.
enum class WorkerFate : std::uint8_t {
    Unknown = 0,   ///< Still running, or the trace ended first.
    Returned = 1,  ///< Its code returned.
    Failed = 2,    ///< Its code raised an error.
    Cancelled = 3, ///< Stopped by the user or as a daemon at exit.
    Crashed = 4,   ///< Killed by a signal or exited without ending cleanly.
};

const char* workerKindName(WorkerKind kind);
const char* workerFateName(WorkerFate fate);

/// One lane: a thread or a process of the run.
struct WorkerInfo {
    std::uint16_t id = 0;
    std::string name;
    std::string role;
    WorkerKind kind = WorkerKind::Thread;
    std::uint16_t parent = kNoWorker;
    bool gil = false; ///< Ran under an emulated GIL.
    std::int32_t pid = 0;
    std::int32_t tid = 0;
    std::uint64_t spawnNs = 0;
    std::uint64_t startNs = 0; ///< 0 until it started.
    std::uint64_t endNs = 0;   ///< 0 until it ended.
    WorkerFate fate = WorkerFate::Unknown;
    std::int32_t exitCode = 0;  ///< Processes: exit status, or -signal.
    std::int64_t sortIndex = 0; ///< Imported traces: order within the process (Chrome "M").
};

/// A lock, queue, value, pipe or GIL.
struct ObjectInfo {
    std::uint16_t id = 0;
    ObjectKind kind = ObjectKind::None;
    std::string name;
    bool processShared = false;
    std::uint32_t capacity = 0;
    std::int32_t ownerPid = 0;
};

const char* objectKindName(ObjectKind kind);

/// A maximal stretch of one state on one lane: [start, end).
struct StateSpan {
    std::uint64_t start = 0;
    std::uint64_t end = 0;
    LaneState state = LaneState::Running;
    std::uint16_t object = 0;          ///< Lock / queue / pipe waited on (wait states).
    std::uint16_t related = kNoWorker; ///< Joined worker (Joining).

    std::uint64_t duration() const { return end - start; }
};

/// A lane's spans in time order, stored in chunks that never move.
using SpanList = ChunkedVector<StateSpan, 10>;

/// A time interval [start, end).
struct Interval {
    std::uint64_t start = 0;
    std::uint64_t end = 0;
};

/// Queue depth and core utilisation are Interleave's own; Custom counters come from imported
/// traces (Chrome "C" events), named after their process and series.
enum class CounterKind : std::uint8_t { QueueDepth = 0, CoreUtilisation = 1, Custom = 2 };

/// A value over time (queue depth after each put/get, utilisation of a core per sample).
struct CounterSeries {
    CounterKind kind = CounterKind::QueueDepth;
    std::uint16_t key = 0; ///< Queue id or core number.
    std::string name;
    std::vector<std::uint64_t> times;
    std::vector<double> values;
    /// times[0, sortedPrefix) are in order; points arriving from other lanes may not be.
    std::size_t sortedPrefix = 0;
    /// The largest value so far (0 for none), kept by append(): charts scale to it per frame.
    double highest = 0;

    void append(std::uint64_t t, double value);
    /// Puts every point in time order (stable); cheap when already sorted.
    void sort();
};

struct MachineInfo {
    int cores = 0;
    std::string cpuModel;
    std::string kernel;
};

/// What the scenario ran with and how the run ended.
struct RunInfo {
    std::string scenario;
    std::string title;
    std::vector<std::pair<std::string, std::string>> parameters;
    MachineInfo machine;
    std::uint64_t startNs = 0;         ///< CLOCK_MONOTONIC when the run started.
    std::uint64_t endNs = 0;           ///< CLOCK_MONOTONIC when the last worker ended.
    std::int64_t wallClockStartMs = 0; ///< Unix time of the start, for humans.
    bool gil = true;
    std::uint32_t switchIntervalUs = 5000;
    std::string outcome = "completed"; ///< completed, cancelled, crashed, failed.
    std::string message;               ///< One line explaining a non-completed outcome.
    std::string version;               ///< Interleave version that recorded it.
    /// Empty for Interleave's own recordings; else the format the trace was imported from
    /// ("Chrome JSON"): its lanes show slices instead of Interleave's states.
    std::string importedFrom;

    std::uint64_t durationNs() const { return endNs > startNs ? endNs - startNs : 0; }
    /// The value of a parameter it ran with, empty when there is none.
    std::string parameter(const std::string& name) const;
    /// How to run it again: "interleave run ID --set k=v" or "interleave trace SCRIPT ARGS".
    std::string commandLine() const;
};

using ResultValue = std::variant<std::int64_t, double, bool, std::string>;

/// The scenario's own verdict: named values (final_value, expected...) and one sentence.
struct Results {
    std::vector<std::pair<std::string, ResultValue>> values;
    std::string verdict;
    bool lessonShown = false;

    void set(const std::string& name, ResultValue value);
    const ResultValue* find(const std::string& name) const;
    std::optional<std::int64_t> integer(const std::string& name) const;
    std::optional<double> real(const std::string& name) const;
};

/// A note the user pinned to a moment or a range, and optionally to one lane; saved with the
/// trace so a lecturer can prepare it.
struct Annotation {
    std::uint64_t start = 0;
    std::uint64_t end = 0;          ///< Equal to start for a moment.
    std::uint16_t lane = kNoWorker; ///< kNoWorker: the note is about every lane.
    std::string text;

    bool isRange() const { return end > start; }
};

/// What a moment of a lesson is about.
enum class MomentKind : std::uint8_t {
    LostUpdate = 1,    ///< Two workers read the same value; the later write wiped one out.
    GilHandOver = 2,   ///< The GIL holder was asked to drop it and a waiter took it.
    FirstLockWait = 3, ///< The first time a worker waited for a lock another held.
    DeepestQueue = 4,  ///< A queue at its deepest.
    Sentinel = 5,      ///< A consumer took its last item and stopped.
    PoolBusy = 6,      ///< Every worker of a pool runs a task at once.
};
const char* momentKindName(MomentKind kind);

/// One event a moment points at: highlighted when the moment is shown.
struct MomentPoint {
    std::uint16_t lane = kNoWorker;
    std::uint64_t t = 0;
};

/// A moment a lesson is about, found in the trace's events: where playback stops, what the
/// lecturer explains, in the lesson's words.
struct Moment {
    std::uint64_t t = 0;            ///< The moment itself (absolute ns).
    std::uint16_t lane = kNoWorker; ///< The lane it is about (kNoWorker: several).
    MomentKind kind = MomentKind::LostUpdate;
    std::string text;                ///< One line.
    std::vector<MomentPoint> points; ///< The events it relates: the view fits them.
};

/// Where the user was looking when the trace was saved, to reopen it at the same spot.
struct SavedView {
    std::uint64_t start = 0; ///< Visible window, absolute ns.
    std::uint64_t end = 0;
    std::uint64_t selectionStart = 0;
    std::uint64_t selectionEnd = 0;
    std::int32_t scrollY = 0; ///< Vertical scroll of the lanes, in pixels.

    bool valid() const { return end > start; }
};

/// A named slice of an imported trace (Chrome "B"/"E" or "X" events). Slices nest: depth 0 is
/// the outermost, and slices of one depth never overlap.
struct Slice {
    std::uint64_t start = 0;
    std::uint64_t end = 0;
    std::uint32_t name = 0;     ///< String id.
    std::uint32_t category = 0; ///< String id.
    std::uint32_t args = 0;     ///< String id of the event's args as compact JSON.
    std::uint16_t depth = 0;
    std::uint16_t reserved = 0;

    std::uint64_t duration() const { return end - start; }
};

/// An arrow from a moment on one lane to a moment on another (Chrome flow events).
struct Flow {
    std::uint64_t fromTime = 0;
    std::uint64_t toTime = 0;
    std::uint16_t fromLane = 0;
    std::uint16_t toLane = 0;
    std::uint32_t name = 0; ///< String id.
};

/// A process of an imported trace: its name and place in the list (Chrome "M" events).
struct ProcessInfo {
    std::int32_t pid = 0;
    std::string name;
    std::int64_t sortIndex = 0;
};

/// Ring health over the run, summed over every ring.
struct RingTotals {
    std::uint64_t fullWaits = 0;
    std::uint64_t stallNs = 0;
    std::uint64_t dropped = 0;
    std::uint64_t stringsDropped = 0;
};

} // namespace interleave
