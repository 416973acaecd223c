#pragma once

/// The C interface of libinterleave_pytrace.so, the library preloaded into a traced interpreter.
/// The `_interleave` extension module calls it; every function is a no-op (or returns "none")
/// when the process is not being traced, so a script also runs unchanged without Interleave.
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define IL_PYTRACE_API __attribute__((visibility("default")))

/// Nonzero when this process records into a run's segment.
IL_PYTRACE_API int il_tracing(void);
/// 1 when GIL events come from the interpreter's own GIL, 0 when they are not recorded.
IL_PYTRACE_API int il_gil_from_interpreter(void);
/// Checks the GIL layout against what Python reports (switch interval in µs and the calling
/// thread's PyThreadState*, which must hold the GIL); stops reading the GIL when they disagree.
/// Returns il_gil_from_interpreter() afterwards.
IL_PYTRACE_API int il_gil_validate(unsigned long intervalUs, const void* threadState);

/// Lane of the calling thread, or 0xFFFF when it has none.
IL_PYTRACE_API uint16_t il_worker(void);
/// CLOCK_MONOTONIC nanoseconds on the run's clock.
IL_PYTRACE_API uint64_t il_now(void);
/// Records one event on the calling thread's lane, now / at `tNs` (ignored without a lane).
IL_PYTRACE_API void il_record(uint8_t kind, uint16_t object, uint64_t a, uint64_t b, uint8_t flags);
IL_PYTRACE_API void il_record_at(uint64_t tNs, uint8_t kind, uint16_t object, uint64_t a,
                                 uint64_t b, uint8_t flags);
/// Interns text in the run's string arena; 0 when not tracing or the arena is full.
IL_PYTRACE_API uint32_t il_intern(const char* text, size_t length);
/// Registers a lock / queue / value object (ObjectKind numbers); 0xFFFF when not possible.
IL_PYTRACE_API uint16_t il_new_object(uint32_t kind, const char* name, size_t length,
                                      uint32_t capacity);

/// The next thread the calling thread starts gets a lane with this name (threading.Thread,
/// _thread.start_new_thread); threads started without it (by C libraries) are not traced.
IL_PYTRACE_API void il_expect_thread(const char* name, size_t length, int daemon);
/// Lane of the thread the calling thread started last, or 0xFFFF.
IL_PYTRACE_API uint16_t il_last_started(void);
/// Names the calling process's lane (multiprocessing's Process-1, ForkPoolWorker-2).
IL_PYTRACE_API void il_name_process(const char* name, size_t length);
/// Lane of the process `pid` started by a traced process, or 0xFFFF.
IL_PYTRACE_API uint16_t il_lane_of_process(int32_t pid);
/// Objects shared between processes (multiprocessing's locks): the lane that released or
/// signalled `object` last is kept in the run's segment, where every process sees it.
IL_PYTRACE_API void il_note_releaser(uint16_t object);
/// The lane that released `object` last, or 0xFFFF.
IL_PYTRACE_API uint16_t il_releaser(uint16_t object);
/// Writes `value` to the `size`-byte integer at `address` (shared memory) in one atomic swap
/// and returns what it replaced, so a write knows exactly which value it overwrote.
IL_PYTRACE_API int64_t il_exchange(void* address, uint32_t size, int64_t value);
/// Counter `which` (0-3) of a shared object, counted up by one; returns the value before. Put
/// and get numbers of a queue, send and receive numbers of a pipe, across processes.
IL_PYTRACE_API uint32_t il_count(uint16_t object, uint32_t which);
/// Records a finished put (kind QueuePut) or get (QueueGet) of a shared queue, numbered by the
/// queue's put or get counter (across processes) and with the depth after it: what the
/// counters say went in less came out (the same for every queue kind; a SimpleQueue has no
/// qsize()). `item` is the event's b payload.
IL_PYTRACE_API void il_queue_done(uint8_t kind, uint16_t object, uint64_t item);
/// What went into a shared queue less what came out, as its counters say (not counting).
IL_PYTRACE_API uint32_t il_queue_depth(uint16_t object);
/// Threads that got no lane because the run had no room left.
IL_PYTRACE_API uint32_t il_untraced_threads(void);

#ifdef __cplusplus
}
#endif
