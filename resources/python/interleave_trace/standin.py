"""`_interleave` for an interpreter the C extension was not built for, through ctypes.

Same functions and lock types as the extension, calling the same C API of the preloaded
libinterleave_pytrace.so, so every hook records exactly what it records with the extension.
Slower per call (a ctypes call instead of a C one) and the GIL is not read: the trace store
infers it from scheduling. Importing it fails when the tracer library is not loaded.
"""

import _thread
import ctypes
import time

from .events import (
    CONTENDED,
    INSTANT,
    LOCK_ACQUIRE,
    LOCK_GIVE_UP,
    LOCK_RELEASE,
    LOCK_REQUEST,
    MUTEX_OBJECT,
    NO_LANE,
    PRINT,
    SLEEP_BEGIN,
    SLEEP_END,
    VALUE_KNOWS_OVERWRITTEN,
    VALUE_READ,
    VALUE_WRITE,
    holder_payload,
    shown_value,
)

# PyDLL: the calls keep the GIL, as the extension's do; a CDLL call would hand it over each time.
_library = ctypes.PyDLL(None)
try:
    _library.il_tracing
except AttributeError:
    raise ImportError("libinterleave_pytrace.so is not loaded") from None


def _function(name, result, *arguments):
    function = getattr(_library, name)
    function.restype = result
    function.argtypes = arguments
    return function


_u8, _u16, _u32, _u64 = ctypes.c_uint8, ctypes.c_uint16, ctypes.c_uint32, ctypes.c_uint64
_il_tracing = _function("il_tracing", ctypes.c_int)
_il_gil_from_interpreter = _function("il_gil_from_interpreter", ctypes.c_int)
_il_worker = _function("il_worker", _u16)
_il_now = _function("il_now", _u64)
_il_record = _function("il_record", None, _u8, _u16, _u64, _u64, _u8)
_il_intern = _function("il_intern", _u32, ctypes.c_char_p, ctypes.c_size_t)
_il_new_object = _function("il_new_object", _u16, _u32, ctypes.c_char_p, ctypes.c_size_t, _u32)
_il_expect_thread = _function("il_expect_thread", None, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_int)
_il_last_started = _function("il_last_started", _u16)
_il_untraced_threads = _function("il_untraced_threads", _u32)
_il_lane_of_process = _function("il_lane_of_process", _u16, ctypes.c_int32)
_il_note_releaser = _function("il_note_releaser", None, _u16)
_il_releaser = _function("il_releaser", _u16, _u16)
_il_exchange = _function("il_exchange", ctypes.c_int64, ctypes.c_void_p, _u32, ctypes.c_int64)
_il_count = _function("il_count", _u32, _u16, _u32)
_il_queue_depth = _function("il_queue_depth", _u32, _u16)
_il_queue_done = _function("il_queue_done", None, _u8, _u16, _u64)
_il_name_process = _function("il_name_process", None, ctypes.c_char_p, ctypes.c_size_t)

_MASK = 0xFFFFFFFFFFFFFFFF
_real_sleep = time.sleep


def _utf8(text):
    return text.encode("utf-8", "backslashreplace")


def tracing():
    return bool(_il_tracing())


def gil_source():
    return "interpreter" if _il_gil_from_interpreter() else "inferred"


def validate_gil(switch_interval):
    """Nothing to check: without the extension the GIL is never read."""
    return bool(_il_gil_from_interpreter())


def record(kind, object=0, a=0, b=0, flags=0):
    _il_record(kind, object, a & _MASK, b & _MASK, flags)


def now():
    return _il_now()


def worker():
    return _il_worker()


def intern(text):
    data = _utf8(text)
    return _il_intern(data, len(data))


def new_object(kind, name, capacity=0):
    data = _utf8(name)
    return _il_new_object(kind, data, len(data), capacity)


def output_line(text, is_error):
    record(PRINT, 0, intern(text), 0, 1 if is_error else 0)


def instant(name, detail):
    record(INSTANT, 0, intern(name), intern(detail))


def expect_thread(name, daemon):
    data = _utf8(name)
    _il_expect_thread(data, len(data), 1 if daemon else 0)


def last_started():
    return _il_last_started()


def name_process(name):
    data = _utf8(name)
    _il_name_process(data, len(data))


def lane_of_process(pid):
    return _il_lane_of_process(pid)


def note_releaser(object_id):
    _il_note_releaser(object_id)


def releaser(object_id):
    return _il_releaser(object_id)


def count(object_id, which):
    return _il_count(object_id, which)


_SHARED_TYPES = {
    (1, True): ctypes.c_int8, (1, False): ctypes.c_uint8,
    (2, True): ctypes.c_int16, (2, False): ctypes.c_uint16,
    (4, True): ctypes.c_int32, (4, False): ctypes.c_uint32,
    (8, True): ctypes.c_int64, (8, False): ctypes.c_uint64,
}


def _check_shared(address, size):
    if not address or size not in (1, 2, 4, 8) or address % size:
        raise ValueError("an aligned 1, 2, 4 or 8 byte integer is required")


def read_shared(address, size, signed, object_id):
    _check_shared(address, size)
    value = _SHARED_TYPES[(size, bool(signed))].from_address(address).value
    record(VALUE_READ, object_id, 0, value)
    return value


def write_shared(address, size, value, object_id):
    _check_shared(address, size)
    replaced = _il_exchange(address, size, value)
    record(VALUE_WRITE, object_id, replaced, value, VALUE_KNOWS_OVERWRITTEN)


def queue_done(kind, object_id, item):
    _il_queue_done(kind, object_id, item & _MASK if type(item) is int else 0)


def queue_depth(object_id):
    return _il_queue_depth(object_id)


class SharedValue:
    """A Value's ctypes object seen through a recording accessor, as the extension's."""

    __slots__ = ("_raw", "_address", "_size", "_signed", "_object")

    def __init__(self, raw, address, size, signed, object):
        if address:
            _check_shared(address, size)
        self._raw, self._address, self._size = raw, address, size
        self._signed, self._object = bool(signed), object

    def __repr__(self):
        return repr(self._raw)

    @property
    def value(self):
        if self._address:
            return read_shared(self._address, self._size, self._signed, self._object)
        value = self._raw.value
        record(VALUE_READ, self._object, 0, shown_value(value))
        return value

    @value.setter
    def value(self, value):
        if self._address and type(value) is int:
            return write_shared(self._address, self._size, value, self._object)
        self._raw.value = value
        record(VALUE_WRITE, self._object, 0, shown_value(value))


def untraced_threads():
    return _il_untraced_threads()


def sleep(seconds):
    """time.sleep, recorded: the real one does the waiting (and raises what it raises)."""
    if seconds != seconds or seconds < 0:
        return _real_sleep(seconds)
    record(SLEEP_BEGIN, 0, int(seconds * 1e9))
    try:
        return _real_sleep(seconds)
    finally:
        record(SLEEP_END)


class Lock:
    """threading.Lock, traced: request / acquire with the last releaser / release."""

    __slots__ = ("_il_lock", "_il_id", "_il_releaser", "__weakref__")

    def __init__(self, name="Lock"):
        self._il_lock = _thread.allocate_lock()
        self._il_id = new_object(MUTEX_OBJECT, name)
        self._il_releaser = NO_LANE

    def acquire(self, blocking=True, timeout=-1):
        if not blocking and timeout != -1:
            raise ValueError("can't specify a timeout for a non-blocking call")
        if self._il_id == NO_LANE:
            return self._il_lock.acquire(blocking, timeout)
        if self._il_lock.acquire(False):
            _il_record(LOCK_ACQUIRE, self._il_id, holder_payload(self._il_releaser), 0, 0)
            return True
        if not blocking:
            return False
        _il_record(LOCK_REQUEST, self._il_id, 0, 0, 0)
        got = False
        try:
            got = self._il_lock.acquire(True, timeout)
        finally:
            if got:
                payload = holder_payload(self._il_releaser)
                _il_record(LOCK_ACQUIRE, self._il_id, payload, 0, CONTENDED)
            else:
                _il_record(LOCK_GIVE_UP, self._il_id, 0, 0, 0)
        return got

    __enter__ = acquire

    def release(self):
        if not self._il_lock.locked():
            raise RuntimeError("release unlocked lock")
        if self._il_id != NO_LANE:
            # Recorded before unlocking: the release comes before the acquire it enables.
            self._il_releaser = _il_worker()
            _il_record(LOCK_RELEASE, self._il_id, 0, 0, 0)
        self._il_lock.release()

    def __exit__(self, *exception):
        self.release()

    def locked(self):
        return self._il_lock.locked()

    def _at_fork_reinit(self):
        self._il_lock = _thread.allocate_lock()
        self._il_releaser = NO_LANE


class RLock:
    """threading.RLock, traced: only the outermost acquire and release are recorded."""

    __slots__ = ("_il_block", "_il_owner", "_il_count", "__weakref__")

    def __init__(self, name="RLock"):
        self._il_block = Lock(name)
        self._il_owner = None
        self._il_count = 0

    def acquire(self, blocking=True, timeout=-1):
        me = _thread.get_ident()
        if self._il_owner == me:
            self._il_count += 1
            return True
        got = self._il_block.acquire(blocking, timeout)
        if got:
            self._il_owner = me
            self._il_count = 1
        return got

    __enter__ = acquire

    def release(self):
        if self._il_owner != _thread.get_ident():
            raise RuntimeError("cannot release un-acquired lock")
        self._il_count -= 1
        if self._il_count == 0:
            self._il_owner = None
            self._il_block.release()

    def __exit__(self, *exception):
        self.release()

    def _is_owned(self):
        return self._il_owner == _thread.get_ident()

    def _release_save(self):
        if self._il_count == 0:
            raise RuntimeError("cannot release un-acquired lock")
        state = (self._il_count, self._il_owner)
        self._il_count = 0
        self._il_owner = None
        self._il_block.release()
        return state

    def _acquire_restore(self, state):
        self._il_block.acquire()
        self._il_count, self._il_owner = state

    def _at_fork_reinit(self):
        self._il_block._at_fork_reinit()
        self._il_owner = None
        self._il_count = 0
