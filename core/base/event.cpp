#include "base/event.h"

namespace interleave {

const char* eventKindName(EventKind kind)
{
    switch (kind) {
    case EventKind::None: return "none";
    case EventKind::WorkerSpawn: return "spawn";
    case EventKind::WorkerStart: return "start";
    case EventKind::WorkerEnd: return "end";
    case EventKind::WorkerExit: return "exit";
    case EventKind::JoinBegin: return "join";
    case EventKind::JoinEnd: return "joined";
    case EventKind::ComputeBegin: return "compute";
    case EventKind::ComputeEnd: return "compute done";
    case EventKind::SleepBegin: return "sleep";
    case EventKind::SleepEnd: return "wake";
    case EventKind::Print: return "print";
    case EventKind::Mark: return "mark";
    case EventKind::TaskBegin: return "task";
    case EventKind::TaskEnd: return "task done";
    case EventKind::Instant: return "instant";
    case EventKind::LockRequest: return "lock request";
    case EventKind::LockAcquire: return "lock acquire";
    case EventKind::LockRelease: return "lock release";
    case EventKind::LockGiveUp: return "lock not taken";
    case EventKind::GilRequest: return "GIL request";
    case EventKind::GilDropRequest: return "GIL drop request";
    case EventKind::GilAcquire: return "GIL acquire";
    case EventKind::GilRelease: return "GIL release";
    case EventKind::QueuePutBegin: return "put (waiting)";
    case EventKind::QueuePut: return "put";
    case EventKind::QueueGetBegin: return "get (waiting)";
    case EventKind::QueueGet: return "get";
    case EventKind::QueueTaskDone: return "task done";
    case EventKind::QueueJoinBegin: return "queue join";
    case EventKind::QueueJoinEnd: return "queue joined";
    case EventKind::PipeSend: return "send";
    case EventKind::PipeRecvBegin: return "recv (waiting)";
    case EventKind::PipeRecv: return "recv";
    case EventKind::ValueRead: return "read";
    case EventKind::ValueWrite: return "write";
    case EventKind::CoreSample: return "core sample";
    case EventKind::WorkerSample: return "worker sample";
    }
    return "unknown";
}

} // namespace interleave
