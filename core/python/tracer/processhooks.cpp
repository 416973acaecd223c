#include "shm/processexit.h"
#include "tracerprocess.h"

#include <csignal>
#include <dlfcn.h>
#include <sys/wait.h>
#include <unistd.h>

/// The processes a traced interpreter makes: fork() gives the child a process lane of its own
/// (named later by the program: multiprocessing's Process-1), _exit() ends the calling lane (a
/// multiprocessing child leaves through os._exit), and waitpid() records how a traced child
/// ended — its exit code or the signal that killed it — and ends its threads' lanes.
namespace interleave::pytrace {
namespace {

template <typename Function> Function next(const char* name)
{
    return reinterpret_cast<Function>(dlsym(RTLD_NEXT, name));
}

/// A child reaped by this process: its fate goes on the reaping thread's ring.
void noteReaped(pid_t pid, int status)
{
    TracerProcess* tracer = TracerProcess::instance();
    ThreadLane* lane = tracer ? tracer->currentLane() : nullptr;
    if (lane == nullptr || pid <= 0 || !(WIFEXITED(status) || WIFSIGNALED(status)))
        return;
    const std::uint32_t slot = liveProcessSlotOf(tracer->segment(), pid);
    if (slot == 0)
        return;
    // SIGTERM is how a program ends its own children (Pool.terminate, Process.terminate): an
    // end it asked for, not a crash.
    const bool terminated = WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM;
    const int signal =
        recordProcessFate(tracer->segment(), lane->recorder, slot, pid, status, terminated);
    endThreadLanesOf(tracer->segment(), lane->recorder, pid, signal);
}

} // namespace
} // namespace interleave::pytrace

using namespace interleave;
using namespace interleave::pytrace;

extern "C" {

__attribute__((visibility("default"))) pid_t fork(void)
{
    static const auto real = next<pid_t (*)()>("fork");
    TracerProcess* tracer = TracerProcess::instance();
    const std::uint32_t slot =
        tracer != nullptr && tracer->runsPython() ? tracer->reserveChildLane() : 0;
    const pid_t pid = real();
    if (slot == 0)
        return pid;
    if (pid == 0)
        tracer->becomeForkedChild(slot);
    else
        tracer->forkReturned(slot, pid);
    return pid;
}

__attribute__((visibility("default"), noreturn)) void _exit(int status)
{
    static const auto real = next<void (*)(int)>("_exit");
    if (TracerProcess* tracer = TracerProcess::instance())
        tracer->endCurrentThread();
    real(status);
    __builtin_unreachable();
}

__attribute__((visibility("default"))) pid_t waitpid(pid_t pid, int* status, int options)
{
    static const auto real = next<pid_t (*)(pid_t, int*, int)>("waitpid");
    int local = 0;
    int* where = status != nullptr ? status : &local;
    const pid_t done = real(pid, where, options);
    noteReaped(done, *where);
    return done;
}

__attribute__((visibility("default"))) pid_t wait4(pid_t pid, int* status, int options,
                                                   struct rusage* usage)
{
    static const auto real = next<pid_t (*)(pid_t, int*, int, struct rusage*)>("wait4");
    int local = 0;
    int* where = status != nullptr ? status : &local;
    const pid_t done = real(pid, where, options, usage);
    noteReaped(done, *where);
    return done;
}

} // extern "C"
