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
/// queue_done(kind, object, depth, item): a finished put or get of a shared queue, numbered,
/// with the depth after it (negative: from the queue's counters).
PyObject* queueDone(PyObject*, PyObject* const* args, Py_ssize_t count);
/// queue_depth(object): what went into a shared queue less what came out, not counting.
PyObject* queueDepth(PyObject*, PyObject* object);

} // namespace interleave::pyext
