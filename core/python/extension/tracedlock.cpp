#include "tracedlock.h"

#include "base/event.h"
#include "python/tracer/pytraceapi.h"

#include <cstdint>
#include <initializer_list>
#include <pythread.h>

namespace interleave::pyext {

namespace {

struct TracedLock {
    PyObject_HEAD PyThread_type_lock lock;
    std::uint16_t id;           ///< Object id in the run, or kNoWorker when not tracing.
    std::uint16_t lastReleaser; ///< Lane that released it last (kNoWorker: none).
    bool locked;
    // RLock only.
    unsigned long owner;
    unsigned long count;
    PyObject* weakReferences;
};

void record(EventKind kind, const TracedLock* self, std::uint64_t a = 0, std::uint8_t flags = 0)
{
    if (self->id != kNoWorker)
        il_record(std::uint8_t(kind), self->id, a, 0, flags);
}

/// Parses acquire(blocking=True, timeout=-1) into a timeout in µs (-1: forever, 0: try once).
bool parseAcquireArguments(PyObject* args, PyObject* kwargs, PY_TIMEOUT_T& timeoutUs)
{
    static const char* keywords[] = {"blocking", "timeout", nullptr};
    int blocking = 1;
    PyObject* timeoutObject = nullptr;
    timeoutUs = -1;
    if (args == nullptr && kwargs == nullptr)
        return true;
    if (!PyArg_ParseTupleAndKeywords(args ? args : PyTuple_New(0), kwargs, "|pO:acquire",
                                     const_cast<char**>(keywords), &blocking, &timeoutObject))
        return false;
    double timeout = -1;
    if (timeoutObject != nullptr) {
        timeout = PyFloat_AsDouble(timeoutObject);
        if (timeout == -1 && PyErr_Occurred())
            return false;
    }
    if (!blocking && timeout != -1) {
        PyErr_SetString(PyExc_ValueError, "can't specify a timeout for a non-blocking call");
        return false;
    }
    if (timeout < 0 && timeout != -1) {
        PyErr_SetString(PyExc_ValueError, "timeout value must be a non-negative number");
        return false;
    }
    if (!blocking)
        timeoutUs = 0;
    else if (timeout >= 0) {
        const double microseconds = timeout * 1e6;
        if (microseconds > double(PY_TIMEOUT_MAX)) {
            PyErr_SetString(PyExc_OverflowError, "timeout value is too large");
            return false;
        }
        timeoutUs = static_cast<PY_TIMEOUT_T>(microseconds);
    }
    return true;
}

/// Takes the underlying lock: once without waiting, then (GIL released, as CPython does)
/// waiting, with signal handlers run when a signal interrupts the wait. Returns 1 acquired,
/// 0 not acquired, -1 with an exception set.
int takeLock(TracedLock* self, PY_TIMEOUT_T timeoutUs)
{
    if (PyThread_acquire_lock_timed(self->lock, 0, 0) == PY_LOCK_ACQUIRED) {
        record(EventKind::LockAcquire, self,
               self->lastReleaser == kNoWorker ? 0 : self->lastReleaser + 1u);
        return 1;
    }
    if (timeoutUs == 0)
        return 0;
    record(EventKind::LockRequest, self);
    const std::uint64_t deadline = timeoutUs > 0 ? il_now() + std::uint64_t(timeoutUs) * 1000 : 0;
    for (;;) {
        PyThreadState* saved = PyEval_SaveThread();
        const PyLockStatus status = PyThread_acquire_lock_timed(self->lock, timeoutUs, 1);
        // Recorded when the lock was taken, before the GIL is asked for again. The lock is
        // ours, so its fields are safe to read without the GIL.
        if (status == PY_LOCK_ACQUIRED)
            record(EventKind::LockAcquire, self,
                   self->lastReleaser == kNoWorker ? 0 : self->lastReleaser + 1u, LockContended);
        PyEval_RestoreThread(saved);
        if (status == PY_LOCK_ACQUIRED)
            return 1;
        if (status == PY_LOCK_INTR) {
            if (Py_MakePendingCalls() < 0) {
                record(EventKind::LockGiveUp, self);
                return -1;
            }
            if (timeoutUs > 0) {
                const std::uint64_t now = il_now();
                if (now >= deadline) {
                    record(EventKind::LockGiveUp, self);
                    return 0;
                }
                timeoutUs = static_cast<PY_TIMEOUT_T>((deadline - now) / 1000);
            }
            continue;
        }
        record(EventKind::LockGiveUp, self);
        return 0;
    }
}

void releaseLock(TracedLock* self)
{
    // Recorded before unlocking: the release is stamped before the acquire it enables.
    self->lastReleaser = il_worker();
    record(EventKind::LockRelease, self);
    self->locked = false;
    PyThread_release_lock(self->lock);
}

PyObject* newLock(PyTypeObject* type, PyObject* args, PyObject* kwargs)
{
    static const char* keywords[] = {"name", nullptr};
    const char* name = "Lock";
    Py_ssize_t nameLength = 4;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "|s#", const_cast<char**>(keywords), &name,
                                     &nameLength))
        return nullptr;
    auto* self = reinterpret_cast<TracedLock*>(type->tp_alloc(type, 0));
    if (self == nullptr)
        return nullptr;
    self->lock = PyThread_allocate_lock();
    if (self->lock == nullptr) {
        Py_DECREF(self);
        PyErr_SetString(PyExc_MemoryError, "cannot allocate lock");
        return nullptr;
    }
    self->id = il_new_object(1 /* ObjectKind::Mutex */, name, size_t(nameLength), 0);
    self->lastReleaser = kNoWorker;
    return reinterpret_cast<PyObject*>(self);
}

void deallocLock(PyObject* object)
{
    auto* self = reinterpret_cast<TracedLock*>(object);
    if (self->weakReferences != nullptr)
        PyObject_ClearWeakRefs(object);
    if (self->lock != nullptr) {
        if (self->locked)
            PyThread_release_lock(self->lock);
        PyThread_free_lock(self->lock);
    }
    Py_TYPE(object)->tp_free(object);
}

// ---- Lock -------------------------------------------------------------------------------

PyObject* lockAcquire(PyObject* object, PyObject* args, PyObject* kwargs)
{
    auto* self = reinterpret_cast<TracedLock*>(object);
    PY_TIMEOUT_T timeoutUs = -1;
    if (!parseAcquireArguments(args, kwargs, timeoutUs))
        return nullptr;
    const int taken = takeLock(self, timeoutUs);
    if (taken < 0)
        return nullptr;
    if (taken)
        self->locked = true;
    return PyBool_FromLong(taken);
}

PyObject* lockEnter(PyObject* object, PyObject*)
{
    return lockAcquire(object, nullptr, nullptr);
}

PyObject* lockRelease(PyObject* object, PyObject*)
{
    auto* self = reinterpret_cast<TracedLock*>(object);
    if (!self->locked) {
        PyErr_SetString(PyExc_RuntimeError, "release unlocked lock");
        return nullptr;
    }
    releaseLock(self);
    Py_RETURN_NONE;
}

PyObject* lockExit(PyObject* object, PyObject*)
{
    return lockRelease(object, nullptr);
}

PyObject* lockLocked(PyObject* object, PyObject*)
{
    return PyBool_FromLong(reinterpret_cast<TracedLock*>(object)->locked);
}

PyObject* lockAtForkReinit(PyObject* object, PyObject*)
{
    auto* self = reinterpret_cast<TracedLock*>(object);
    PyThread_free_lock(self->lock);
    self->lock = PyThread_allocate_lock();
    self->locked = false;
    self->owner = 0;
    self->count = 0;
    if (self->lock == nullptr)
        return PyErr_NoMemory();
    Py_RETURN_NONE;
}

PyObject* lockRepr(PyObject* object)
{
    auto* self = reinterpret_cast<TracedLock*>(object);
    return PyUnicode_FromFormat("<%s %s object at %p>", self->locked ? "locked" : "unlocked",
                                Py_TYPE(object)->tp_name, object);
}

PyMethodDef lockMethods[] = {
    {"acquire", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(lockAcquire)),
     METH_VARARGS | METH_KEYWORDS, "Acquire the lock (traced)."},
    {"release", lockRelease, METH_NOARGS, "Release the lock (traced)."},
    {"locked", lockLocked, METH_NOARGS, "Whether the lock is held."},
    {"__enter__", lockEnter, METH_NOARGS, nullptr},
    {"__exit__", lockExit, METH_VARARGS, nullptr},
    {"_at_fork_reinit", lockAtForkReinit, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr}};

// ---- RLock ------------------------------------------------------------------------------

PyObject* rlockAcquire(PyObject* object, PyObject* args, PyObject* kwargs)
{
    auto* self = reinterpret_cast<TracedLock*>(object);
    PY_TIMEOUT_T timeoutUs = -1;
    if (!parseAcquireArguments(args, kwargs, timeoutUs))
        return nullptr;
    const unsigned long me = PyThread_get_thread_ident();
    if (self->count > 0 && self->owner == me) {
        if (self->count == ~0ul) {
            PyErr_SetString(PyExc_OverflowError, "Internal lock count overflowed");
            return nullptr;
        }
        ++self->count;
        record(EventKind::LockAcquire, self);
        Py_RETURN_TRUE;
    }
    const int taken = takeLock(self, timeoutUs);
    if (taken < 0)
        return nullptr;
    if (taken) {
        self->locked = true;
        self->owner = me;
        self->count = 1;
    }
    return PyBool_FromLong(taken);
}

PyObject* rlockEnter(PyObject* object, PyObject*)
{
    return rlockAcquire(object, nullptr, nullptr);
}

PyObject* rlockRelease(PyObject* object, PyObject*)
{
    auto* self = reinterpret_cast<TracedLock*>(object);
    if (self->count == 0 || self->owner != PyThread_get_thread_ident()) {
        PyErr_SetString(PyExc_RuntimeError, "cannot release un-acquired lock");
        return nullptr;
    }
    if (--self->count > 0) {
        record(EventKind::LockRelease, self);
        Py_RETURN_NONE;
    }
    self->owner = 0;
    releaseLock(self);
    Py_RETURN_NONE;
}

PyObject* rlockExit(PyObject* object, PyObject*)
{
    return rlockRelease(object, nullptr);
}

PyObject* rlockIsOwned(PyObject* object, PyObject*)
{
    auto* self = reinterpret_cast<TracedLock*>(object);
    return PyBool_FromLong(self->count > 0 && self->owner == PyThread_get_thread_ident());
}

/// Condition.wait() gives the lock up entirely, whatever the depth, and restores it after.
PyObject* rlockReleaseSave(PyObject* object, PyObject*)
{
    auto* self = reinterpret_cast<TracedLock*>(object);
    if (self->count == 0) {
        PyErr_SetString(PyExc_RuntimeError, "cannot release un-acquired lock");
        return nullptr;
    }
    const unsigned long count = self->count, owner = self->owner;
    // One release per level, so the holds nest back to nothing on the timeline.
    for (unsigned long level = 1; level < count; ++level)
        record(EventKind::LockRelease, self);
    self->count = 0;
    self->owner = 0;
    releaseLock(self);
    return Py_BuildValue("(kk)", count, owner);
}

PyObject* rlockAcquireRestore(PyObject* object, PyObject* state)
{
    auto* self = reinterpret_cast<TracedLock*>(object);
    unsigned long count = 0, owner = 0;
    if (!PyArg_ParseTuple(state, "kk:_acquire_restore", &count, &owner))
        return nullptr;
    const int taken = takeLock(self, -1);
    if (taken <= 0)
        return taken < 0 ? nullptr : PyErr_Format(PyExc_RuntimeError, "could not reacquire");
    for (unsigned long level = 1; level < count; ++level)
        record(EventKind::LockAcquire, self);
    self->locked = true;
    self->owner = owner;
    self->count = count;
    Py_RETURN_NONE;
}

PyObject* rlockRepr(PyObject* object)
{
    auto* self = reinterpret_cast<TracedLock*>(object);
    return PyUnicode_FromFormat("<%s %s object owner=%lu count=%lu at %p>",
                                self->count > 0 ? "locked" : "unlocked", Py_TYPE(object)->tp_name,
                                self->owner, self->count, object);
}

PyMethodDef rlockMethods[] = {
    {"acquire", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(rlockAcquire)),
     METH_VARARGS | METH_KEYWORDS, "Acquire the lock (traced)."},
    {"release", rlockRelease, METH_NOARGS, "Release the lock (traced)."},
    {"__enter__", rlockEnter, METH_NOARGS, nullptr},
    {"__exit__", rlockExit, METH_VARARGS, nullptr},
    {"_is_owned", rlockIsOwned, METH_NOARGS, nullptr},
    {"_release_save", rlockReleaseSave, METH_NOARGS, nullptr},
    {"_acquire_restore", rlockAcquireRestore, METH_O, nullptr},
    {"_at_fork_reinit", lockAtForkReinit, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr}};

PyTypeObject makeType(const char* name, PyMethodDef* methods, reprfunc repr)
{
    PyTypeObject type = {PyVarObject_HEAD_INIT(nullptr, 0)};
    type.tp_name = name;
    type.tp_basicsize = sizeof(TracedLock);
    type.tp_flags = Py_TPFLAGS_DEFAULT;
    type.tp_new = newLock;
    type.tp_dealloc = deallocLock;
    type.tp_methods = methods;
    type.tp_repr = repr;
    type.tp_weaklistoffset = offsetof(TracedLock, weakReferences);
    return type;
}

} // namespace

PyTypeObject TracedLockType = makeType("_interleave.Lock", lockMethods, lockRepr);
PyTypeObject TracedRLockType = makeType("_interleave.RLock", rlockMethods, rlockRepr);

bool addLockTypes(PyObject* module)
{
    for (PyTypeObject* type : {&TracedLockType, &TracedRLockType}) {
        if (PyType_Ready(type) < 0)
            return false;
        Py_INCREF(type);
        const char* shortName = type == &TracedLockType ? "Lock" : "RLock";
        if (PyModule_AddObject(module, shortName, reinterpret_cast<PyObject*>(type)) < 0) {
            Py_DECREF(type);
            return false;
        }
    }
    return true;
}

} // namespace interleave::pyext
