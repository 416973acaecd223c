#pragma once

#define PY_SSIZE_T_CLEAN
#include <Python.h>

namespace interleave::pyext {

/// `_interleave.Lock` and `_interleave.RLock`: threading.Lock / RLock that record request,
/// acquire (with the previous holder) and release on the caller's lane. The fast path (an
/// uncontended acquire and its release) records two events and never leaves C.
extern PyTypeObject TracedLockType;
extern PyTypeObject TracedRLockType;

/// Readies both types and adds them to the module; false with a Python error set.
bool addLockTypes(PyObject* module);

} // namespace interleave::pyext
