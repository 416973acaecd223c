#pragma once

#include "runtime/recorder.h"
#include "shm/sharedsegment.h"

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <sys/types.h>
#include <thread>
#include <vector>

namespace interleave {

/// What to start: argv[0] is the executable; `keepFds` stay open in the child (everything else
/// the parent has is close-on-exec).
struct SpawnRequest {
    std::vector<std::string> argv;
    std::vector<int> keepFds;
    std::uint32_t slot = 0;
    /// A program of its own (ProgramLaunch): its environment, folder and standard streams, and
    /// its process group is interrupted at a stop and killed once it exits.
    bool program = false;
    std::vector<std::string> environment;
    std::string workingDirectory;
    bool stdinFromNull = false;
    bool outputToNull = false;
};

/// Starts, reaps and if need be kills a run's worker processes, all from one thread that lives
/// until the last child is gone. Spawning from that thread matters: a child's PR_SET_PDEATHSIG
/// fires when the *thread* that created it ends, not the process. Exits are noticed through
/// pidfds and recorded as WorkerExit events on the reaper's ring.
class ProcessSupervisor {
public:
    /// Called on the supervisor thread after a child was reaped and its exit recorded.
    using ExitHandler = std::function<void(std::uint32_t slot, int waitStatus, bool killedByUs)>;

    ProcessSupervisor(SharedSegment& segment, ExitHandler onExit);
    ~ProcessSupervisor();
    ProcessSupervisor(const ProcessSupervisor&) = delete;
    ProcessSupervisor& operator=(const ProcessSupervisor&) = delete;

    void start();
    /// posix_spawn on the supervisor thread; returns the pid or throws SystemError.
    pid_t spawn(const SpawnRequest& request);
    std::size_t aliveCount() const;
    /// Waits until every child has been reaped; false on timeout.
    bool waitAllExited(std::chrono::milliseconds timeout);
    /// SIGKILL to every child still alive and its process group (a stopping run's last resort).
    void killAll();
    /// SIGINT to the process group of every program child: Python's KeyboardInterrupt, so that
    /// its finally blocks and its own children's clean-up run before the kill.
    void interruptPrograms();
    /// Ends the thread once no child is left (kills stragglers first).
    void stop();

private:
    struct Child {
        pid_t pid = 0;
        int pidfd = -1;
        std::uint32_t slot = 0;
        bool killed = false;
        bool program = false;
    };
    struct PendingSpawn {
        const SpawnRequest* request = nullptr;
        pid_t pid = 0;
        int error = 0;
        bool done = false;
    };

    void loop();
    void wake();
    void serveSpawns();
    void reap();
    void handleExit(const Child& child, int status);

    SharedSegment& m_segment;
    ExitHandler m_onExit;
    Recorder m_recorder;
    int m_wakeFd = -1;
    std::thread m_thread;
    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<PendingSpawn*> m_pending;
    std::vector<Child> m_children;
    bool m_stopping = false;
};

} // namespace interleave
