#pragma once

/// Where CPython keeps its GIL, as compiled against the python3-dev headers of the build. Only
/// offsets travel: the tracer never includes CPython's internal headers itself.
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

struct il_gil_layout {
    uint32_t versionHex;      ///< PY_VERSION_HEX of the headers.
    size_t gilInRuntime;      ///< offsetof(_PyRuntimeState, ceval.gil)
    size_t interval;          ///< Fields of struct _gil_runtime_state.
    size_t lastHolder;
    size_t locked;
    size_t switchNumber;
    size_t cond;
    size_t mutex;
};

extern const struct il_gil_layout il_compiled_gil_layout;

#ifdef __cplusplus
}
#endif
