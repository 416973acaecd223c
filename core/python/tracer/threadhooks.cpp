#include "tracerprocess.h"

#include <dlfcn.h>
#include <pthread.h>

/// Threads the interpreter starts get their lane from pthread_create: the slot is reserved and
/// the spawn recorded on the parent's lane before the thread exists, and the new thread binds
/// the lane before it runs a single line of Python.
namespace interleave::pytrace {

namespace {

using PthreadCreate = int (*)(pthread_t*, const pthread_attr_t*, void* (*)(void*), void*);

PthreadCreate realCreate()
{
    static const PthreadCreate real = [] {
        auto found =
            reinterpret_cast<PthreadCreate>(dlvsym(RTLD_NEXT, "pthread_create", "GLIBC_2.34"));
        if (found == nullptr)
            found = reinterpret_cast<PthreadCreate>(dlsym(RTLD_NEXT, "pthread_create"));
        return found;
    }();
    return real;
}

struct Launch {
    void* (*start)(void*);
    void* argument;
    std::uint32_t slot;
};

void* startTracedThread(void* raw)
{
    const Launch launch = *static_cast<Launch*>(raw);
    delete static_cast<Launch*>(raw);
    if (TracerProcess* tracer = TracerProcess::instance())
        tracer->beginThread(launch.slot);
    return launch.start(launch.argument);
}

} // namespace

} // namespace interleave::pytrace

using namespace interleave;
using namespace interleave::pytrace;

extern "C" __attribute__((visibility("default"))) int
pthread_create(pthread_t* thread, const pthread_attr_t* attributes, void* (*start)(void*),
               void* argument)
{
    const PthreadCreate real = realCreate();
    TracerProcess* tracer = TracerProcess::instance();
    ThreadLane* parent = tracer ? tracer->currentLane() : nullptr;
    if (parent == nullptr || !parent->expectingThread)
        return real(thread, attributes, start, argument);
    parent->expectingThread = false;
    const std::uint32_t slot =
        tracer->reserveThreadLane(*parent, parent->expectedName, parent->expectedDaemon);
    if (slot == 0) {
        parent->lastStarted = kNoWorker;
        return real(thread, attributes, start, argument);
    }
    auto* launch = new Launch{start, argument, slot};
    const int result = real(thread, attributes, &startTracedThread, launch);
    const std::uint16_t worker = workerOfSlot(slot);
    if (result != 0) {
        delete launch;
        // The lane exists already: end it where it began, as a failed start.
        parent->recorder.recordFor(worker, Clock::now(), EventKind::WorkerEnd, 0, 0, 0,
                                   std::uint8_t(EndReason::Failed));
        parent->lastStarted = kNoWorker;
        return result;
    }
    parent->lastStarted = worker;
    return result;
}
