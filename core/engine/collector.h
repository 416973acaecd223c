#pragma once

#include "base/event.h"
#include "shm/sharedsegment.h"
#include "shm/spscring.h"
#include "trace/tracestore.h"

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

namespace interleave {

/// Drains every ring of a run into the trace store while the run goes on: registers workers and
/// objects as they appear, turns arena strings into trace strings, and keeps each lane's events
/// in order (a reaped process's ring is emptied before its exit is recorded).
class Collector {
public:
    /// One printed line as it is collected.
    struct PrintedLine {
        std::uint64_t t = 0;
        std::uint16_t worker = kNoWorker;
        std::string workerName;
        std::string text;
        bool error = false;
    };
    /// Receives each printed line as it is collected (terminal echo, GUI console), on the
    /// collector thread, outside any lock.
    using OutputHandler = std::function<void(const PrintedLine& line)>;

    Collector(SharedSegment& segment, std::shared_ptr<TraceStore> trace, OutputHandler onOutput);
    ~Collector();
    Collector(const Collector&) = delete;
    Collector& operator=(const Collector&) = delete;

    void start();
    /// Drains what is left, ends the thread and totals the rings' wait statistics.
    void stopAndDrain();

    std::uint64_t eventsCollected() const { return m_events.load(std::memory_order_relaxed); }

private:
    void loop();
    /// Sleeps the pause out unless a producer's ring is half full or one wakes it.
    void sleepUnlessWoken();
    /// One sweep over all rings; returns the number of events moved.
    std::size_t pass();
    void registerWorkers();
    void registerObjects();
    std::size_t drainSlot(std::uint32_t index, std::vector<PrintedLine>& printed);
    void ingest(std::uint32_t index, Event& event, std::vector<PrintedLine>& printed);
    std::uint32_t traceString(std::uint32_t arenaId);
    void totalRings();

    SharedSegment& m_segment;
    std::shared_ptr<TraceStore> m_trace;
    OutputHandler m_onOutput;
    std::vector<RingConsumer> m_consumers;
    std::vector<Event> m_batch;
    bool m_draining = false; ///< Inside drainSlot (on the collector thread).
    std::uint32_t m_registeredSlots = 0;
    std::uint32_t m_registeredObjects = 0;
    std::unordered_map<std::uint32_t, std::uint32_t> m_strings; ///< Arena id -> trace id.
    std::atomic<std::uint64_t> m_events{0};
    std::thread m_thread;
    std::atomic<bool> m_stop{false};
};

} // namespace interleave
