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

/// Reads the integer in place and records the read: the value as an int.
PyObject* readRecorded(const void* address, unsigned size, bool isSigned, std::uint16_t object)
{
    const std::int64_t value = load(address, size, isSigned);
    il_record(std::uint8_t(EventKind::ValueRead), object, 0, std::uint64_t(value), 0);
    return size == 8 && !isSigned ? PyLong_FromUnsignedLongLong(std::uint64_t(value))
                                  : PyLong_FromLongLong(value);
}

/// Swaps `bits` in atomically (cut to the integer's size, as ctypes does) and records the write
/// with the value it replaced.
void writeRecorded(void* address, unsigned size, unsigned long long bits, std::uint16_t object)
{
    const std::int64_t replaced = il_exchange(address, size, std::int64_t(bits));
    il_record(std::uint8_t(EventKind::ValueWrite), object, std::uint64_t(replaced), bits,
              std::uint8_t(ValueKnowsOverwritten));
}

/// What a value event shows for a Value that is not an integer in place: an int as it is (a
/// bool as 0 or 1), a float by its integer part, anything else (bytes of a c_char) as 0.
std::uint64_t payloadOf(PyObject* value)
{
    if (PyLong_Check(value)) {
        const unsigned long long bits = PyLong_AsUnsignedLongLongMask(value);
        return PyErr_Occurred() ? (PyErr_Clear(), 0) : bits;
    }
    if (PyFloat_Check(value)) {
        const double number = PyFloat_AS_DOUBLE(value);
        // NaN and values past int64 show as 0 (the event holds an integer).
        return number > -9.2e18 && number < 9.2e18 ? std::uint64_t(std::int64_t(number)) : 0;
    }
    return 0;
}

/// A Value's ctypes object seen through a recording accessor: `value` reads and writes the
/// shared memory and records the access in one C call. An integer is read in place and
/// written with an atomic swap, so a write knows exactly what it overwrote; any other type
/// goes through the ctypes object's own `value`.
struct SharedValue {
    PyObject_HEAD PyObject* raw; ///< The ctypes object: it owns the shared memory.
    void* address;               ///< The integer in place, or null: another type.
    unsigned size;
    bool isSigned;
    std::uint16_t object;
};

PyObject* g_valueName = nullptr; ///< "value", interned once.

PyObject* newSharedValue(PyTypeObject* type, PyObject* args, PyObject* kwargs)
{
    PyObject* raw = nullptr;
    PyObject* addressObject = nullptr;
    PyObject* sizeObject = nullptr;
    int isSigned = 0;
    unsigned int object = 0;
    static const char* keywords[] = {"raw", "address", "size", "signed", "object", nullptr};
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "OOOpI:SharedValue",
                                     const_cast<char**>(keywords), &raw, &addressObject,
                                     &sizeObject, &isSigned, &object))
        return nullptr;
    void* address = nullptr;
    unsigned size = 0;
    // Address 0: not an integer in place.
    if (PyObject_IsTrue(addressObject) == 1 &&
        !sharedInteger(addressObject, sizeObject, address, size))
        return nullptr;
    if (PyErr_Occurred())
        return nullptr;
    auto* self = reinterpret_cast<SharedValue*>(type->tp_alloc(type, 0));
    if (self == nullptr)
        return nullptr;
    Py_INCREF(raw);
    self->raw = raw;
    self->address = address;
    self->size = size;
    self->isSigned = isSigned != 0;
    self->object = std::uint16_t(object);
    return reinterpret_cast<PyObject*>(self);
}

void deallocSharedValue(PyObject* object)
{
    auto* self = reinterpret_cast<SharedValue*>(object);
    Py_XDECREF(self->raw);
    Py_TYPE(object)->tp_free(object);
}

PyObject* sharedValueRepr(PyObject* object)
{
    return PyObject_Repr(reinterpret_cast<SharedValue*>(object)->raw);
}

PyObject* getSharedValue(PyObject* object, void*)
{
    auto* self = reinterpret_cast<SharedValue*>(object);
    if (self->address != nullptr)
        return readRecorded(self->address, self->size, self->isSigned, self->object);
    PyObject* value = PyObject_GetAttr(self->raw, g_valueName);
    if (value != nullptr)
        il_record(std::uint8_t(EventKind::ValueRead), self->object, 0, payloadOf(value), 0);
    return value;
}

int setSharedValue(PyObject* object, PyObject* value, void*)
{
    auto* self = reinterpret_cast<SharedValue*>(object);
    if (value == nullptr) {
        PyErr_SetString(PyExc_TypeError, "can't delete attribute");
        return -1;
    }
    if (self->address != nullptr && PyLong_CheckExact(value)) {
        const unsigned long long bits = PyLong_AsUnsignedLongLongMask(value);
        if (bits == static_cast<unsigned long long>(-1) && PyErr_Occurred())
            return -1;
        writeRecorded(self->address, self->size, bits, self->object);
        return 0;
    }
    if (PyObject_SetAttr(self->raw, g_valueName, value) < 0)
        return -1;
    il_record(std::uint8_t(EventKind::ValueWrite), self->object, 0, payloadOf(value), 0);
    return 0;
}

PyGetSetDef sharedValueAccessors[] = {{"value", getSharedValue, setSharedValue,
                                       "The shared value (each access is recorded).", nullptr},
                                      {nullptr, nullptr, nullptr, nullptr, nullptr}};

PyTypeObject makeSharedValueType()
{
    PyTypeObject type = {PyVarObject_HEAD_INIT(nullptr, 0)};
    type.tp_name = "_interleave.SharedValue";
    type.tp_doc = "SharedValue(raw, address, size, signed, object): a Value's ctypes object, "
                  "read and written with each access recorded.";
    type.tp_basicsize = sizeof(SharedValue);
    type.tp_flags = Py_TPFLAGS_DEFAULT;
    type.tp_new = newSharedValue;
    type.tp_dealloc = deallocSharedValue;
    type.tp_repr = sharedValueRepr;
    type.tp_getset = sharedValueAccessors;
    return type;
}

PyTypeObject SharedValueType = makeSharedValueType();

} // namespace

bool addSharedValueType(PyObject* module)
{
    g_valueName = PyUnicode_InternFromString("value");
    if (g_valueName == nullptr || PyType_Ready(&SharedValueType) < 0)
        return false;
    Py_INCREF(&SharedValueType);
    if (PyModule_AddObject(module, "SharedValue", reinterpret_cast<PyObject*>(&SharedValueType)) <
        0) {
        Py_DECREF(&SharedValueType);
        return false;
    }
    return true;
}

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
    return readRecorded(address, size, isSigned, std::uint16_t(object));
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
    writeRecorded(address, size, value, std::uint16_t(object));
    Py_RETURN_NONE;
}

} // namespace interleave::pyext
