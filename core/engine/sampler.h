#pragma once

#include "runtime/recorder.h"
#include "shm/sharedsegment.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>
#include <vector>

namespace interleave {

/// Samples what the kernel knows and the events cannot tell: per-core utilisation from
/// /proc/stat, and per worker its on-CPU time, run-queue wait (schedstat) and current CPU.
/// Run-queue wait is what shows a lane "runnable but not running" when busy workers outnumber
/// cores. Samples go through the sampler's own ring like any event.
class Sampler {
public:
    Sampler(SharedSegment& segment, std::chrono::microseconds workerInterval,
            std::chrono::milliseconds coreInterval);
    ~Sampler();
    Sampler(const Sampler&) = delete;
    Sampler& operator=(const Sampler&) = delete;

    void start();
    /// Takes a last sample of every worker and ends the thread.
    void stop();

private:
    struct Tracked {
        int schedstatFd = -1;
        int statFd = -1;
        bool finished = false;
    };
    struct CoreTimes {
        std::uint64_t busy = 0;
        std::uint64_t total = 0;
    };

    void loop();
    void sampleWorkers();
    void sampleCores(std::uint64_t now);
    void closeTracked(Tracked& tracked);

    SharedSegment& m_segment;
    Recorder m_recorder;
    std::chrono::microseconds m_workerInterval;
    std::chrono::milliseconds m_coreInterval;
    std::vector<Tracked> m_tracked; ///< By slot index.
    std::vector<CoreTimes> m_previousCores;
    std::uint64_t m_nsPerTick;
    std::uint16_t m_pass = 0; ///< Numbers each pass over the workers (the samples' object).
    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stop = false;
};

} // namespace interleave
