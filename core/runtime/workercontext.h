#pragma once

#include "runtime/cancellation.h"
#include "runtime/recorder.h"
#include "runtime/workerlauncher.h"
#include "scenario/parameters.h"
#include "shm/sharedsegment.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace interleave {

class Gil;

/// Everything a worker's code can do, traced: the C++ counterpart of the Python statements in a
/// lesson (print, time.sleep, math.factorial, Thread.start/join...). One per worker, used only
/// by that worker's thread. Blocking calls release the emulated GIL the way CPython does and
/// throw RunCancelled when the run stops.
class WorkerContext {
public:
    struct Setup {
        SharedSegment* segment = nullptr;
        std::uint32_t slotIndex = 0;
        Gil* gil = nullptr; ///< This process's GIL; null when free-threaded.
        const ParameterValues* parameters = nullptr;
        WorkerLauncher* launcher = nullptr;
    };

    explicit WorkerContext(const Setup& setup);
    WorkerContext(const WorkerContext&) = delete;
    WorkerContext& operator=(const WorkerContext&) = delete;

    // Identity.
    std::uint16_t worker() const { return m_recorder.worker(); }
    std::string name() const;
    std::int64_t argument() const;
    const ParameterValues& parameters() const { return *m_parameters; }
    std::int64_t integer(const std::string& name) const { return m_parameters->integer(name); }
    double real(const std::string& name) const { return m_parameters->real(name); }
    bool boolean(const std::string& name) const { return m_parameters->boolean(name); }
    const std::string& choice(const std::string& name) const { return m_parameters->choice(name); }
    /// Factor applied to every sleep and simulated I/O (the scenario's time_scale parameter).
    double timeScale() const { return m_timeScale; }

    // Plumbing for primitives and the engine.
    Recorder& recorder() { return m_recorder; }
    const CancelToken& cancel() const { return m_cancel; }
    SharedSegment& segment() { return *m_segment; }
    WorkerSlot& slot() { return m_segment->slot(m_slotIndex); }

    // Lifecycle, driven by the engine.
    void recordStart();
    void recordEnd(EndReason reason);
    /// Takes the GIL at the start of a GIL-mode worker (thread bootstrap).
    void enterInterpreter();
    /// Releases the GIL if held, at the end of the worker.
    void leaveInterpreter();

    // The GIL around blocking calls: CPython's Py_BEGIN_ALLOW_THREADS / Py_END_ALLOW_THREADS.
    void releaseGil();
    void reacquireGil();
    bool holdsGil() const { return m_holdsGil; }
    bool gilMode() const { return m_gil != nullptr; }
    /// The holder's eval-breaker check between bytecodes: honours a pending drop request.
    void checkEvalBreaker();

    // Output and time.
    void print(std::string_view line);
    void printError(std::string_view line);
    void mark(std::string_view label);
    /// time.sleep(seconds × time_scale).
    void sleep(double seconds);
    /// A blocking I/O wait of seconds × time_scale (a simulated download, say).
    void simulatedIo(double seconds);

    // Compute.
    /// math.factorial(n): one C call that holds the GIL from start to end.
    void factorial(std::uint64_t n);
    /// A pure-Python loop of `steps` bytecodes: recorded as compute, honours drop requests.
    void bytecode(std::uint64_t steps);
    /// A few bytecodes of glue code, not recorded as compute (still honours drop requests).
    void interpret(std::uint64_t steps);

    // Workers.
    WorkerHandle startThread(std::string_view name, std::string_view role,
                             std::int64_t argument = 0, bool daemon = false);
    WorkerHandle startProcess(std::string_view name, std::string_view role,
                              std::int64_t argument = 0);
    /// A program of its own (see ProgramLaunch) as a process lane.
    WorkerHandle startProgram(std::string_view name, std::string_view role,
                              const ProgramLaunch& program);
    /// Thread.join() / Process.join(): waits until the worker ended (a process: was reaped).
    void join(WorkerHandle handle);

    // Shared objects.
    std::uint16_t createObject(ObjectKind kind, std::string_view name, bool processShared,
                               std::uint32_t capacity = 0);
    /// The object of this kind and name created by the parent; throws if there is none.
    std::uint16_t findObject(ObjectKind kind, std::string_view name) const;

private:
    void sleepFor(double seconds, std::uint8_t flags);

    SharedSegment* m_segment;
    std::uint32_t m_slotIndex;
    Gil* m_gil;
    const ParameterValues* m_parameters;
    WorkerLauncher* m_launcher;
    Recorder m_recorder;
    CancelToken m_cancel;
    double m_timeScale = 1.0;
    bool m_holdsGil = false;
};

} // namespace interleave
