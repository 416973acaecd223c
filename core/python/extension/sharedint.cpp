#include "sharedint.h"

#include "base/event.h"
#include "python/tracer/pytraceapi.h"

#include <cstdint>

namespace interleave::pyext {

namespace {

/// The address as given, checked: 1, 2, 4 or 8 bytes, aligned (ctypes lays them out so).
bool sharedInteger(PyObject* addressObject, PyObject* sizeObject, void*& address, unsigned& size)
{
    const unsigned long long raw = PyLong_AsUnsignedLongLong(addressObject);
    const unsigned long bytes = PyLong_AsUnsignedLong(sizeObject);
    if (PyErr_Occurred())
        return false;
    if (raw == 0 || (bytes != 1 && bytes != 2 && bytes != 4 && bytes != 8) || raw % bytes != 0) {
        PyErr_SetString(PyExc_ValueError, "an aligned 1, 2, 4 or 8 byte integer is required");
        return false;
    }
    address = reinterpret_cast<void*>(raw);
    size = unsigned(bytes);
    return true;
}

std::int64_t load(const void* address, unsigned size, bool isSigned)
{
    switch (size) {
    case 1: {
        const auto v = __atomic_load_n(static_cast<const std::uint8_t*>(address), __ATOMIC_RELAXED);
        return isSigned ? std::int8_t(v) : std::int64_t(v);
    }
    case 2: {
        const auto v =
            __atomic_load_n(static_cast<const std::uint16_t*>(address), __ATOMIC_RELAXED);
        return isSigned ? std::int16_t(v) : std::int64_t(v);
    }
    case 4: {
        const auto v =
            __atomic_load_n(static_cast<const std::uint32_t*>(address), __ATOMIC_RELAXED);
        return isSigned ? std::int32_t(v) : std::int64_t(v);
    }
    default:
        return std::int64_t(
            __atomic_load_n(static_cast<const std::uint64_t*>(address), __ATOMIC_RELAXED));
    }
}

} // namespace

PyObject* readShared(PyObject*, PyObject* const* args, Py_ssize_t count)
{
    if (count != 4) {
        PyErr_SetString(PyExc_TypeError, "read_shared(address, size, signed, object)");
        return nullptr;
    }
    void* address = nullptr;
    unsigned size = 0;
    if (!sharedInteger(args[0], args[1], address, size))
        return nullptr;
    const bool isSigned = PyObject_IsTrue(args[2]) == 1;
    const unsigned long object = PyLong_AsUnsignedLong(args[3]);
    if (PyErr_Occurred())
        return nullptr;
    const std::int64_t value = load(address, size, isSigned);
    il_record(std::uint8_t(EventKind::ValueRead), std::uint16_t(object), 0, std::uint64_t(value),
              0);
    return size == 8 && !isSigned ? PyLong_FromUnsignedLongLong(std::uint64_t(value))
                                  : PyLong_FromLongLong(value);
}

PyObject* writeShared(PyObject*, PyObject* const* args, Py_ssize_t count)
{
    if (count != 4) {
        PyErr_SetString(PyExc_TypeError, "write_shared(address, size, value, object)");
        return nullptr;
    }
    void* address = nullptr;
    unsigned size = 0;
    if (!sharedInteger(args[0], args[1], address, size))
        return nullptr;
    const unsigned long long value = PyLong_AsUnsignedLongLongMask(args[2]);
    const unsigned long object = PyLong_AsUnsignedLong(args[3]);
    if (PyErr_Occurred())
        return nullptr;
    const std::int64_t replaced = il_exchange(address, size, std::int64_t(value));
    il_record(std::uint8_t(EventKind::ValueWrite), std::uint16_t(object), std::uint64_t(replaced),
              value, std::uint8_t(ValueKnowsOverwritten));
    Py_RETURN_NONE;
}

} // namespace interleave::pyext
