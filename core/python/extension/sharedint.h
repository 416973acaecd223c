#pragma once

#define PY_SSIZE_T_CLEAN
#include <Python.h>

/// Integers in memory shared between processes (multiprocessing's Value and Array), read and
/// written by the traced accessors in one C call each: the access and its event together.
namespace interleave::pyext {

/// read_shared(address, size, signed, object) -> int: reads it and records the read.
PyObject* readShared(PyObject*, PyObject* const* args, Py_ssize_t count);
/// write_shared(address, size, value, object): swaps `value` in atomically and records the
/// write with the value it replaced, so lost updates are exact.
PyObject* writeShared(PyObject*, PyObject* const* args, Py_ssize_t count);

/// Adds `SharedValue(raw, address, size, signed, object)`: the object a traced Value reads and
/// writes through multiprocessing's own accessor, its `value` recording each access.
bool addSharedValueType(PyObject* module);

} // namespace interleave::pyext
