"""multiprocessing's shared memory, traced: Value and Array reads with the value read and
writes with the value written. An integer write swaps the new value in atomically, so it knows
exactly what it overwrote, and a lost update is pointed at exactly, as in the shared-value-race
scenario. Their lock (get_lock()) is traced too: with it, the waits show instead.
"""

import ctypes

import multiprocessing.context as mp_context
import multiprocessing.sharedctypes as mp_sharedctypes
import multiprocessing.synchronize as mp_synchronize

import _interleave

from . import naming
from .events import (
    MUTEX_OBJECT,
    NO_LANE,
    VALUE_OBJECT,
    VALUE_READ,
    VALUE_WRITE,
    shown_value,
)

_record = _interleave.record
_read_shared = _interleave.read_shared
_write_shared = _interleave.write_shared
_SharedValue = _interleave.SharedValue
_INTEGER_CODES = "bBhHiIlLqQ"


def _site(kind):
    return naming.creation_site(kind, depth=3)


class _Held:
    """The Value's own lock around one access, as multiprocessing takes it, without lock
    events: the lock a lesson is about is the one the program takes (with get_lock())."""

    __slots__ = ("_raw",)

    def __init__(self, lock):
        self._raw = getattr(lock, "_semlock", lock)

    def __enter__(self):
        self._raw.acquire()

    def __exit__(self, *args):
        self._raw.release()


class _TracedValue(mp_sharedctypes.Synchronized):
    """A Value whose reads and writes are recorded. Its `_obj` is an `_interleave.SharedValue`,
    which reads or writes the shared memory and records the access in one C call (an integer
    write swaps the new value in atomically, so it knows what it overwrote). The accessor has
    the shape of multiprocessing's own (lock, access, unlock in a try), so the time between a
    read and the write after it, the window a lost update needs, stays as wide as untraced; it
    takes the lock with the lock's own C methods, without events: the lock a lesson is about is
    the one the program takes itself (get_lock(), `with value:`, value.acquire()), traced."""

    def _il_bind(self, object_id):
        self._il_id = object_id
        self._il_raw = raw = self._obj
        semlock = getattr(self._lock, "_semlock", self._lock)
        self._il_acquire, self._il_release = semlock.acquire, semlock.release
        code = getattr(raw, "_type_", "")
        if type(code) is str and code in _INTEGER_CODES:
            self._obj = _SharedValue(
                raw, ctypes.addressof(raw), ctypes.sizeof(raw), code.islower(), object_id
            )
        else:
            self._obj = _SharedValue(raw, 0, 0, False, object_id)

    def _il_get(self):
        self._il_acquire()
        try:
            return self._obj.value
        finally:
            self._il_release()

    def _il_set(self, value):
        self._il_acquire()
        try:
            self._obj.value = value
        finally:
            self._il_release()

    value = property(_il_get, _il_set)

    def get_obj(self):
        return self._il_raw

    def __reduce__(self):
        return _rebuild_value, (self._il_raw, self._lock, self._il_id)


class _TracedArray(mp_sharedctypes.SynchronizedArray):
    """An Array whose elements are read and written like Values: each of the first elements
    is an object of its own ("Array x.py:12 [3]"), so a lost update is found per element."""

    _il_traced_elements = 64

    def _il_element(self, index):
        if not isinstance(index, int) or not 0 <= index < len(self._obj):
            return NO_LANE
        if index >= self._il_traced_elements:
            return NO_LANE
        object_id = self._il_ids.get(index)
        if object_id is None:
            object_id = _interleave.new_object(VALUE_OBJECT, "%s [%d]" % (self._il_name, index), 0)
            self._il_ids[index] = object_id
        return object_id

    def __getitem__(self, index):
        object_id = self._il_element(index)
        if object_id == NO_LANE:
            return super().__getitem__(index)
        element = self._obj._type_  # the ctypes type of one element: c_int's own code is "i"
        code = getattr(element, "_type_", "")
        with _Held(self._lock):
            if type(code) is str and code in _INTEGER_CODES:
                size = ctypes.sizeof(element)
                address = ctypes.addressof(self._obj) + index * size
                return _read_shared(address, size, code.islower(), object_id)
            value = self._obj[index]
        _record(VALUE_READ, object_id, 0, shown_value(value))
        return value

    def __setitem__(self, index, value):
        object_id = self._il_element(index)
        if object_id == NO_LANE:
            return super().__setitem__(index, value)
        element = self._obj._type_
        code = getattr(element, "_type_", "")
        with _Held(self._lock):
            if type(code) is str and code in _INTEGER_CODES and type(value) is int:
                size = ctypes.sizeof(element)
                address = ctypes.addressof(self._obj) + index * size
                return _write_shared(address, size, value, object_id)
            self._obj[index] = value
        _record(VALUE_WRITE, object_id, 0, shown_value(value))

    def __reduce__(self):
        return _rebuild_array, (self._obj, self._lock, self._il_name, self._il_ids)


def _rebuild_array(obj, lock, name, ids):
    array = mp_sharedctypes.synchronized(obj, lock)
    array.__class__ = _TracedArray
    array._il_name = name
    array._il_ids = dict(ids)
    return array


_original_array = mp_sharedctypes.Array


def Array(typecode_or_type, size_or_initializer, *, lock=True, ctx=None):
    site = _site("Array")
    if site is not None and lock in (True, None):
        lock = _traced_value_lock(site, ctx)
    array = _original_array(typecode_or_type, size_or_initializer, lock=lock, ctx=ctx)
    if site is None or type(array) is not mp_sharedctypes.SynchronizedArray:
        return array
    array.__class__ = _TracedArray
    array._il_name = site
    # Elements get their ids as they are first used; made here, in the parent, they are known
    # to every child: the first ones up front.
    array._il_ids = {}
    for index in range(min(len(array._obj), _TracedArray._il_traced_elements)):
        array._il_element(index)
    return array


def _rebuild_value(obj, lock, object_id):
    value = mp_sharedctypes.synchronized(obj, lock)
    value.__class__ = _TracedValue
    value._il_bind(object_id)
    return value


_original_value = mp_sharedctypes.Value


def _traced_value_lock(site, ctx):
    """The lock of a Value or Array (get_lock()): the program's too, so its waits show."""
    lock = mp_synchronize.RLock(ctx=ctx or mp_context._default_context.get_context())
    del lock.acquire, lock.release  # SemLock's own, bound on the instance
    from .mpsync import RLock  # the traced class; mpsync imports this module first

    lock.__class__ = RLock
    lock._il_id = _interleave.new_object(MUTEX_OBJECT, "lock of " + site, 0)
    return lock


def Value(typecode_or_type, *args, lock=True, ctx=None):
    site = _site("Value")
    if site is not None and lock in (True, None):
        lock = _traced_value_lock(site, ctx)
    value = _original_value(typecode_or_type, *args, lock=lock, ctx=ctx)
    if site is None or type(value) is not mp_sharedctypes.Synchronized:
        return value
    object_id = _interleave.new_object(VALUE_OBJECT, site, 0)
    if object_id != NO_LANE:
        value.__class__ = _TracedValue
        value._il_bind(object_id)
    return value
