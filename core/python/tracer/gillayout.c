/* Compiled with Py_BUILD_CORE against the python3-dev headers: the one file that sees
 * CPython's internal structures. Everything else reads the offsets it records. */
#define Py_BUILD_CORE 1
#include <Python.h>
#include <internal/pycore_runtime.h>

#include "gillayout.h"

const struct il_gil_layout il_compiled_gil_layout = {
    PY_VERSION_HEX,
    offsetof(_PyRuntimeState, ceval.gil),
    offsetof(struct _gil_runtime_state, interval),
    offsetof(struct _gil_runtime_state, last_holder),
    offsetof(struct _gil_runtime_state, locked),
    offsetof(struct _gil_runtime_state, switch_number),
    offsetof(struct _gil_runtime_state, cond),
    offsetof(struct _gil_runtime_state, mutex),
};
