/// `_interleave`: the traced interpreter's side of the tracer, imported by the shim. A thin
/// layer over libinterleave_pytrace.so's C API (already loaded into the process by LD_PRELOAD)
/// plus the traced lock types and time.sleep.
#include "base/event.h"
#include "python/tracer/pytraceapi.h"
#include "sharedint.h"
#include "tracedlock.h"

#include <cerrno>
#include <cmath>
#include <cstdint>
#include <ctime>

namespace interleave::pyext {

namespace {

bool toUnsigned(PyObject* value, std::uint64_t& out)
{
    if (PyLong_Check(value)) {
        out = PyLong_AsUnsignedLongLongMask(value);
        return !PyErr_Occurred();
    }
    PyErr_SetString(PyExc_TypeError, "an int is required");
    return false;
}

/// record(kind, object=0, a=0, b=0, flags=0)
PyObject* recordEvent(PyObject*, PyObject* const* args, Py_ssize_t count)
{
    if (count < 1 || count > 5) {
        PyErr_SetString(PyExc_TypeError, "record(kind, object=0, a=0, b=0, flags=0)");
        return nullptr;
    }
    std::uint64_t values[5] = {0, 0, 0, 0, 0};
    for (Py_ssize_t i = 0; i < count; ++i) {
        if (!toUnsigned(args[i], values[i]))
            return nullptr;
    }
    il_record(std::uint8_t(values[0]), std::uint16_t(values[1]), values[2], values[3],
              std::uint8_t(values[4]));
    Py_RETURN_NONE;
}

PyObject* now(PyObject*, PyObject*)
{
    return PyLong_FromUnsignedLongLong(il_now());
}

PyObject* worker(PyObject*, PyObject*)
{
    return PyLong_FromLong(il_worker());
}

PyObject* tracing(PyObject*, PyObject*)
{
    return PyBool_FromLong(il_tracing());
}

PyObject* gilSource(PyObject*, PyObject*)
{
    return PyUnicode_FromString(il_gil_from_interpreter() ? "interpreter" : "inferred");
}

/// validate_gil(switch_interval_seconds): checks the GIL the probe reads against Python's own.
PyObject* validateGil(PyObject*, PyObject* interval)
{
    const double seconds = PyFloat_AsDouble(interval);
    if (seconds == -1 && PyErr_Occurred())
        return nullptr;
    const auto microseconds = static_cast<unsigned long>(std::llround(seconds * 1e6));
    return PyBool_FromLong(il_gil_validate(microseconds, PyThreadState_Get()));
}

/// new_object(kind, name, capacity=0) -> id (0xFFFF when not tracing)
PyObject* newObject(PyObject*, PyObject* args)
{
    unsigned int kind = 0, capacity = 0;
    const char* name = nullptr;
    Py_ssize_t length = 0;
    if (!PyArg_ParseTuple(args, "Is#|I:new_object", &kind, &name, &length, &capacity))
        return nullptr;
    return PyLong_FromLong(il_new_object(kind, name, size_t(length), capacity));
}

PyObject* intern(PyObject*, PyObject* text)
{
    Py_ssize_t length = 0;
    const char* bytes = PyUnicode_AsUTF8AndSize(text, &length);
    if (bytes == nullptr)
        return nullptr;
    return PyLong_FromUnsignedLong(il_intern(bytes, size_t(length)));
}

/// output_line(text, is_error): one line written to sys.stdout / sys.stderr.
PyObject* outputLine(PyObject*, PyObject* const* args, Py_ssize_t count)
{
    if (count != 2) {
        PyErr_SetString(PyExc_TypeError, "output_line(text, is_error)");
        return nullptr;
    }
    Py_ssize_t length = 0;
    const char* bytes = PyUnicode_AsUTF8AndSize(args[0], &length);
    if (bytes == nullptr) {
        // Lone surrogates (binary garbage decoded with surrogateescape) cannot be UTF-8.
        PyErr_Clear();
        PyObject* replaced = PyUnicode_AsEncodedString(args[0], "utf-8", "backslashreplace");
        if (replaced == nullptr)
            return nullptr;
        const std::uint32_t id =
            il_intern(PyBytes_AS_STRING(replaced), size_t(PyBytes_GET_SIZE(replaced)));
        Py_DECREF(replaced);
        il_record(std::uint8_t(EventKind::Print), 0, id, 0, PyObject_IsTrue(args[1]) ? 1 : 0);
        Py_RETURN_NONE;
    }
    const std::uint32_t id = il_intern(bytes, size_t(length));
    il_record(std::uint8_t(EventKind::Print), 0, id, 0, PyObject_IsTrue(args[1]) ? 1 : 0);
    Py_RETURN_NONE;
}

/// instant(name, args_json): a named moment on the caller's lane (an uncaught exception...).
PyObject* instant(PyObject*, PyObject* args)
{
    const char* name = nullptr;
    const char* detail = nullptr;
    Py_ssize_t nameLength = 0, detailLength = 0;
    if (!PyArg_ParseTuple(args, "s#s#:instant", &name, &nameLength, &detail, &detailLength))
        return nullptr;
    il_record(std::uint8_t(EventKind::Instant), 0, il_intern(name, size_t(nameLength)),
              il_intern(detail, size_t(detailLength)), 0);
    Py_RETURN_NONE;
}

/// expect_thread(name, daemon): the next thread this one starts gets a lane with this name.
PyObject* expectThread(PyObject*, PyObject* args)
{
    const char* name = nullptr;
    Py_ssize_t length = 0;
    int daemon = 0;
    if (!PyArg_ParseTuple(args, "s#p:expect_thread", &name, &length, &daemon))
        return nullptr;
    il_expect_thread(name, size_t(length), daemon);
    Py_RETURN_NONE;
}

PyObject* lastStarted(PyObject*, PyObject*)
{
    return PyLong_FromLong(il_last_started());
}

PyObject* nameProcess(PyObject*, PyObject* name)
{
    Py_ssize_t length = 0;
    const char* text = PyUnicode_AsUTF8AndSize(name, &length);
    if (text == nullptr)
        return nullptr;
    il_name_process(text, std::size_t(length));
    Py_RETURN_NONE;
}

PyObject* laneOfProcess(PyObject*, PyObject* pid)
{
    const long value = PyLong_AsLong(pid);
    if (value == -1 && PyErr_Occurred())
        return nullptr;
    return PyLong_FromLong(il_lane_of_process(std::int32_t(value)));
}

PyObject* noteReleaser(PyObject*, PyObject* object)
{
    const unsigned long id = PyLong_AsUnsignedLongMask(object);
    if (PyErr_Occurred())
        return nullptr;
    il_note_releaser(std::uint16_t(id));
    Py_RETURN_NONE;
}

PyObject* releaser(PyObject*, PyObject* object)
{
    const unsigned long id = PyLong_AsUnsignedLongMask(object);
    if (PyErr_Occurred())
        return nullptr;
    return PyLong_FromLong(il_releaser(std::uint16_t(id)));
}

/// count(object, which) -> the shared counter's value before it was counted up.
PyObject* count(PyObject*, PyObject* args)
{
    unsigned int object = 0;
    unsigned int which = 0;
    if (!PyArg_ParseTuple(args, "II", &object, &which))
        return nullptr;
    return PyLong_FromUnsignedLong(il_count(std::uint16_t(object), which));
}

/// queue_done(kind, object, item): a finished put or get of a shared queue, numbered, with the
/// depth after it from the queue's counters.
PyObject* queueDone(PyObject*, PyObject* const* args, Py_ssize_t count)
{
    if (count != 3) {
        PyErr_SetString(PyExc_TypeError, "queue_done(kind, object, item)");
        return nullptr;
    }
    const unsigned long kind = PyLong_AsUnsignedLong(args[0]);
    if (kind == static_cast<unsigned long>(-1) && PyErr_Occurred())
        return nullptr;
    const unsigned long object = PyLong_AsUnsignedLong(args[1]);
    if (object == static_cast<unsigned long>(-1) && PyErr_Occurred())
        return nullptr;
    // The item as a queue event shows it: an int as it is, anything else as 0.
    std::uint64_t item = 0;
    if (PyLong_CheckExact(args[2])) {
        item = PyLong_AsUnsignedLongLongMask(args[2]);
        if (item == static_cast<unsigned long long>(-1) && PyErr_Occurred())
            return nullptr;
    }
    il_queue_done(std::uint8_t(kind), std::uint16_t(object), item);
    Py_RETURN_NONE;
}

/// queue_depth(object): what went into a shared queue less what came out, not counting.
PyObject* queueDepth(PyObject*, PyObject* object)
{
    const unsigned long id = PyLong_AsUnsignedLong(object);
    if (id == static_cast<unsigned long>(-1) && PyErr_Occurred())
        return nullptr;
    return PyLong_FromUnsignedLong(il_queue_depth(std::uint16_t(id)));
}

PyObject* untracedThreads(PyObject*, PyObject*)
{
    return PyLong_FromUnsignedLong(il_untraced_threads());
}

/// sleep(seconds): time.sleep, recorded. The wake-up is recorded when the kernel returns, before
/// the GIL is taken back, so the wait for the GIL after a sleep shows as such.
PyObject* sleep(PyObject*, PyObject* secondsObject)
{
    const double seconds = PyFloat_AsDouble(secondsObject);
    if (seconds == -1 && PyErr_Occurred())
        return nullptr;
    if (std::isnan(seconds)) {
        PyErr_SetString(PyExc_ValueError, "Invalid value NaN (not a number)");
        return nullptr;
    }
    if (seconds < 0) {
        PyErr_SetString(PyExc_ValueError, "sleep length must be non-negative");
        return nullptr;
    }
    if (seconds > 1e9) {
        PyErr_SetString(PyExc_OverflowError, "sleep length is too large");
        return nullptr;
    }
    const auto requestedNs = std::uint64_t(seconds * 1e9);
    il_record(std::uint8_t(EventKind::SleepBegin), 0, requestedNs, 0, 0);
    timespec deadline{};
    clock_gettime(CLOCK_MONOTONIC, &deadline);
    deadline.tv_sec += time_t(requestedNs / 1'000'000'000);
    deadline.tv_nsec += long(requestedNs % 1'000'000'000);
    if (deadline.tv_nsec >= 1'000'000'000) {
        deadline.tv_nsec -= 1'000'000'000;
        ++deadline.tv_sec;
    }
    for (;;) {
        PyThreadState* saved = PyEval_SaveThread();
        const int error = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &deadline, nullptr);
        // Recorded before the GIL is asked for again: the wait for it comes after the sleep.
        if (error != EINTR)
            il_record(std::uint8_t(EventKind::SleepEnd), 0, 0, 0, 0);
        PyEval_RestoreThread(saved);
        if (error == 0)
            Py_RETURN_NONE;
        if (error != EINTR) {
            errno = error;
            return PyErr_SetFromErrno(PyExc_OSError);
        }
        // A signal: run its handler (Ctrl-C raises KeyboardInterrupt here), then sleep on.
        if (PyErr_CheckSignals() < 0) {
            il_record(std::uint8_t(EventKind::SleepEnd), 0, 0, 0, 0);
            return nullptr;
        }
    }
}

PyMethodDef functions[] = {
    {"record", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(recordEvent)),
     METH_FASTCALL, "record(kind, object=0, a=0, b=0, flags=0): one event on this lane."},
    {"now", now, METH_NOARGS, "The run's clock, in nanoseconds."},
    {"worker", worker, METH_NOARGS, "Lane of this thread (0xFFFF: none)."},
    {"tracing", tracing, METH_NOARGS, "Whether this process is being traced."},
    {"gil_source", gilSource, METH_NOARGS, "'interpreter' or 'inferred'."},
    {"validate_gil", validateGil, METH_O, "Checks the GIL layout; returns whether it is read."},
    {"new_object", newObject, METH_VARARGS, "new_object(kind, name, capacity=0) -> id."},
    {"intern", intern, METH_O, "String id of a text in the run's arena."},
    {"output_line", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(outputLine)),
     METH_FASTCALL, "output_line(text, is_error): one line of the program's output."},
    {"instant", instant, METH_VARARGS, "instant(name, args_json): a named moment."},
    {"expect_thread", expectThread, METH_VARARGS, "Names the next thread this one starts."},
    {"last_started", lastStarted, METH_NOARGS, "Lane of the thread this one started last."},
    {"untraced_threads", untracedThreads, METH_NOARGS, "Threads that got no lane."},
    {"name_process", nameProcess, METH_O, "Names this process's lane."},
    {"note_releaser", noteReleaser, METH_O, "This lane released a shared object last."},
    {"releaser", releaser, METH_O, "Lane that released a shared object last, or 0xFFFF."},
    {"count", count, METH_VARARGS, "count(object, which): a shared counter, counted up."},
    {"read_shared", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(readShared)),
     METH_FASTCALL, "read_shared(address, size, signed, object): a traced Value read."},
    {"write_shared", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(writeShared)),
     METH_FASTCALL, "write_shared(address, size, value, object): a traced Value write."},
    {"queue_done", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(queueDone)),
     METH_FASTCALL, "queue_done(kind, object, item): a shared queue's put or get."},
    {"queue_depth", queueDepth, METH_O, "queue_depth(object): a shared queue's depth now."},
    {"lane_of_process", laneOfProcess, METH_O, "Lane of a traced child process, or 0xFFFF."},
    {"sleep", sleep, METH_O, "time.sleep, recorded."},
    {nullptr, nullptr, 0, nullptr}};

PyModuleDef moduleDefinition = {PyModuleDef_HEAD_INIT,
                                "_interleave",
                                "Records a Python program's concurrency for Interleave.",
                                -1,
                                functions,
                                nullptr,
                                nullptr,
                                nullptr,
                                nullptr};

} // namespace

} // namespace interleave::pyext

PyMODINIT_FUNC PyInit__interleave(void)
{
    PyObject* module = PyModule_Create(&interleave::pyext::moduleDefinition);
    if (module == nullptr)
        return nullptr;
    if (!interleave::pyext::addLockTypes(module) ||
        !interleave::pyext::addSharedValueType(module)) {
        Py_DECREF(module);
        return nullptr;
    }
    return module;
}
