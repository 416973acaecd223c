#include "engine/sampler.h"

#include "base/threadname.h"

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <string>
#include <unistd.h>

namespace interleave {

namespace {

/// Reads a small /proc file from offset 0 into `buffer`; returns its length (0 on failure).
std::size_t readProc(int fd, char* buffer, std::size_t size)
{
    const ssize_t n = pread(fd, buffer, size - 1, 0);
    if (n <= 0)
        return 0;
    buffer[n] = '\0';
    return std::size_t(n);
}

std::uint64_t parseNumber(const char*& p, const char* end)
{
    while (p < end && (*p == ' ' || *p == '\t'))
        ++p;
    std::uint64_t value = 0;
    const auto result = std::from_chars(p, end, value);
    p = result.ptr;
    return value;
}

} // namespace

Sampler::Sampler(SharedSegment& segment, std::chrono::microseconds workerInterval,
                 std::chrono::milliseconds coreInterval)
    : m_segment(segment)
    , m_recorder(segment.producer(kSamplerSlot), kNoWorker)
    , m_workerInterval(workerInterval)
    , m_coreInterval(coreInterval)
{
    const long ticks = sysconf(_SC_CLK_TCK);
    m_nsPerTick = ticks > 0 ? 1'000'000'000ull / std::uint64_t(ticks) : 10'000'000ull;
}

Sampler::~Sampler()
{
    stop();
}

void Sampler::start()
{
    sampleCores(Clock::now()); // baseline for the first interval
    m_thread = std::thread([this] { loop(); });
}

void Sampler::stop()
{
    if (!m_thread.joinable())
        return;
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    m_thread.join();
    for (Tracked& tracked : m_tracked)
        closeTracked(tracked);
}

void Sampler::closeTracked(Tracked& tracked)
{
    if (tracked.schedstatFd >= 0)
        close(tracked.schedstatFd);
    if (tracked.statFd >= 0)
        close(tracked.statFd);
    tracked.schedstatFd = tracked.statFd = -1;
}

void Sampler::loop()
{
    nameThisThread("il-sampler");
    auto nextCores = std::chrono::steady_clock::now() + m_coreInterval;
    std::unique_lock lock(m_mutex);
    while (!m_stop) {
        lock.unlock();
        const std::uint64_t now = Clock::now();
        sampleWorkers();
        if (std::chrono::steady_clock::now() >= nextCores) {
            sampleCores(now);
            nextCores += m_coreInterval;
        }
        lock.lock();
        m_wake.wait_for(lock, m_workerInterval, [this] { return m_stop; });
    }
    lock.unlock();
    sampleWorkers();
    sampleCores(Clock::now()); // the last, partial interval: short runs get a sample too
}

void Sampler::sampleWorkers()
{
    ++m_pass;
    const std::uint32_t slots = m_segment.slotCount();
    if (m_tracked.size() < slots)
        m_tracked.resize(slots);
    char buffer[1024];
    for (std::uint32_t index = kFirstWorkerSlot; index < slots; ++index) {
        Tracked& tracked = m_tracked[index];
        if (tracked.finished)
            continue;
        WorkerSlot& slot = m_segment.slot(index);
        const auto state = SlotState(slot.state.load(std::memory_order_acquire));
        const std::int32_t pid = slot.pid.load(std::memory_order_relaxed);
        const std::int32_t tid = slot.tid.load(std::memory_order_relaxed);
        if (tracked.schedstatFd < 0) {
            if (tid == 0 || pid == 0 || state >= SlotState::Ended) {
                tracked.finished = state >= SlotState::Ended;
                continue;
            }
            const std::string base =
                "/proc/" + std::to_string(pid) + "/task/" + std::to_string(tid) + "/";
            tracked.schedstatFd = open((base + "schedstat").c_str(), O_RDONLY | O_CLOEXEC);
            tracked.statFd = open((base + "stat").c_str(), O_RDONLY | O_CLOEXEC);
            if (tracked.schedstatFd < 0) {
                closeTracked(tracked);
                continue;
            }
        }

        std::size_t n = readProc(tracked.schedstatFd, buffer, sizeof buffer);
        if (n == 0) { // the thread is gone
            closeTracked(tracked);
            tracked.finished = true;
            continue;
        }
        // Stamped per read: a sampler preempted mid-pass must not misdate later lanes.
        const std::uint64_t readAt = Clock::now();
        const char* p = buffer;
        const std::uint64_t onCpu = parseNumber(p, buffer + n);
        const std::uint64_t waited = parseNumber(p, buffer + n);

        std::uint16_t cpu = 0;
        if (tracked.statFd >= 0 && (n = readProc(tracked.statFd, buffer, sizeof buffer)) > 0) {
            // Field 39 "processor"; skip the command name, which may contain spaces.
            const char* q = std::strrchr(buffer, ')');
            int field = 2;
            while (q != nullptr && *q != '\0' && field < 39) {
                if (*q == ' ')
                    ++field;
                ++q;
            }
            if (q != nullptr)
                cpu = std::uint16_t(parseNumber(q, buffer + n));
        }
        m_recorder.push(Event{readAt, workerOfSlot(index), EventKind::WorkerSample, 0, cpu, m_pass,
                              onCpu, waited});
        if (state >= SlotState::Ended) {
            closeTracked(tracked);
            tracked.finished = true;
        }
    }
}

void Sampler::sampleCores(std::uint64_t now)
{
    FILE* file = std::fopen("/proc/stat", "re");
    if (file == nullptr)
        return;
    char line[512];
    std::vector<CoreTimes> current;
    while (std::fgets(line, sizeof line, file) != nullptr) {
        if (std::strncmp(line, "cpu", 3) != 0 || line[3] < '0' || line[3] > '9')
            continue;
        const char* p = line + 3;
        const char* end = line + std::strlen(line);
        const std::uint64_t core = parseNumber(p, end);
        std::uint64_t fields[8] = {};
        for (std::uint64_t& field : fields)
            field = parseNumber(p, end);
        // user nice system idle iowait irq softirq steal
        const std::uint64_t busy =
            fields[0] + fields[1] + fields[2] + fields[5] + fields[6] + fields[7];
        const std::uint64_t total = busy + fields[3] + fields[4];
        if (current.size() <= core)
            current.resize(core + 1);
        current[core] = CoreTimes{busy, total};
    }
    std::fclose(file);
    if (m_previousCores.size() == current.size()) {
        for (std::size_t core = 0; core < current.size(); ++core) {
            const CoreTimes& before = m_previousCores[core];
            const CoreTimes& after = current[core];
            if (after.total <= before.total)
                continue;
            m_recorder.push(Event{now, kNoWorker, EventKind::CoreSample, 0, std::uint16_t(core),
                                  std::uint16_t(core), (after.busy - before.busy) * m_nsPerTick,
                                  (after.total - before.total) * m_nsPerTick});
        }
    }
    m_previousCores = std::move(current);
}

} // namespace interleave
