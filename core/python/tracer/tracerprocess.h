#pragma once

#include "runtime/programenvironment.h"
#include "runtime/recorder.h"
#include "shm/sharedsegment.h"

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>

/// Inside a traced interpreter: the run's segment and the lanes of the interpreter's threads.
/// One instance per process, created when the preloaded library is loaded (before Python
/// starts) from what the recording parent put in the environment.
namespace interleave::pytrace {

/// The lane of one thread of the interpreter, owned by that thread.
struct ThreadLane {
    Recorder recorder;
    std::uint32_t slot = 0;
    std::uint16_t lastStarted = kNoWorker;
    // Set by il_expect_thread, consumed by the next pthread_create of this thread.
    bool expectingThread = false;
    bool expectedDaemon = false;
    std::uint32_t expectedName = 0;
};

/// How this process came to be traced.
enum class TracedBy : std::uint8_t {
    Root,       ///< The interpreter `interleave trace` started (slot given by the recorder).
    Descendant, ///< Started by exec from a traced process (spawn, forkserver, subprocess).
    Fork,       ///< A fork() of a traced interpreter.
};

class TracerProcess {
public:
    /// The tracer of this process, or null when it is not being traced (or was forked from one).
    static TracerProcess* instance();
    /// Called once from the library's constructor.
    static void initialise();
    /// A process forked behind the tracer's back (not through its fork()) records nothing: it
    /// would share its parent's rings.
    static void disableAfterFork();

    /// Before fork(): reserves the child's process lane (recording the spawn on the calling
    /// thread's lane); 0 when the calling thread is not traced or the run has no room.
    std::uint32_t reserveChildLane();
    /// In the child, right after fork(): the lane of the one thread that goes on, its own GIL.
    void becomeForkedChild(std::uint32_t slot);
    /// In the parent: fork() returned `pid` (or failed, pid < 0).
    void forkReturned(std::uint32_t slot, pid_t pid);
    /// The process lane's name, once the program knows it (multiprocessing's Process-1).
    void nameProcess(std::string_view name);
    bool runsPython() const { return m_python; }

    SharedSegment& segment() { return *m_segment; }
    /// Lane of the calling thread, or null.
    ThreadLane* currentLane();
    /// Reserves and publishes a lane for a thread about to be started by the calling thread;
    /// returns its slot, or 0 when the run has no room (the thread then runs untraced).
    std::uint32_t reserveThreadLane(ThreadLane& parent, std::uint32_t nameString, bool daemon);
    /// First thing on a new thread: binds the lane and records WorkerStart.
    void beginThread(std::uint32_t slot);
    /// Records WorkerEnd on the calling thread's lane (thread exit, or the interpreter's exit).
    void endCurrentThread();

    std::uint16_t newObject(ObjectKind kind, std::string_view name, std::uint32_t capacity);
    std::uint16_t gilObject() const { return m_gilObject; }
    /// Whether GIL events come from the interpreter's own GIL (else they are inferred later).
    bool gilFromInterpreter() const { return m_gilRead && m_gilObject != kNoWorker; }
    /// Stops recording GIL events (the layout check failed): the calling thread's lane, the
    /// only one yet, goes on with an inferred GIL.
    void abandonGil();
    std::uint32_t untracedThreads() const { return m_untraced.load(std::memory_order_relaxed); }

private:
    TracerProcess(SharedSegment segment, std::uint32_t mainSlot);
    /// The segment a descendant reopens through the recording process, and its process lane:
    /// the one a traced fork() made for this pid before it exec'd, else a new one.
    static bool attachDescendant(long recorderPid, long fd);
    /// Starts reading this interpreter's GIL (or says why not) and begins the main lane.
    void startMainLane(bool python, bool tookOver);
    void bindLane(std::uint32_t slot);
    /// Reserves, fills and publishes a slot for a lane the calling thread starts, and records
    /// the spawn on `parent`; 0 when the run has no room (it then runs untraced).
    std::uint32_t publishLane(ThreadLane& parent, SlotKind kind, std::uint32_t gilMode,
                              std::uint32_t nameString, std::string_view role);
    /// Why this interpreter's GIL is not read, or "" when it is about to be.
    static std::string gilUnreadReason();
    /// Says on the main lane that its GIL is inferred, and why.
    void noteInferredGil(const std::string& reason);

    std::optional<SharedSegment> m_segment;
    std::uint32_t m_mainSlot = 0;
    TracedBy m_tracedBy = TracedBy::Root;
    bool m_python = true;
    std::uint16_t m_gilObject = kNoWorker;
    bool m_gilRead = false;
    std::atomic<std::uint32_t> m_untraced{0};
};

/// Flags of WorkerStart for a thread of this interpreter.
std::uint8_t startFlags();

} // namespace interleave::pytrace
