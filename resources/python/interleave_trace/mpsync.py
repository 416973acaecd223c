"""multiprocessing's shared objects, traced across processes: Lock, RLock, Semaphore and
BoundedSemaphore (request / acquire with the lane that released last, wherever it ran /
release), Queue, JoinableQueue and SimpleQueue (put / get with the depth after each, task_done,
join), Pipe connections (each message's send and receive, matched by number) and Value (each
read with the value read, each write with the value it overwrote, so lost updates are exact).

Only objects the program's own code creates are traced, named after the line that made them.
The shared facts (who released a lock last, how many items went through a queue) live in the
run's segment, so a child process sees its parent's. An object keeps its lane-side identity in
a forked child and, through pickling, in a spawned one.
"""

import ctypes
import sys

import multiprocessing
import multiprocessing.connection as mp_connection
import multiprocessing.context as mp_context
import multiprocessing.queues as mp_queues
import multiprocessing.sharedctypes as mp_sharedctypes
import multiprocessing.synchronize as mp_synchronize

import _interleave

from . import naming
from .events import (
    CONTENDED,
    LOCK_ACQUIRE,
    LOCK_GIVE_UP,
    LOCK_RELEASE,
    LOCK_REQUEST,
    MUTEX_OBJECT,
    NO_LANE,
    PIPE_OBJECT,
    PIPE_RECV,
    PIPE_RECV_BEGIN,
    PIPE_SEND,
    QUEUE_GET,
    QUEUE_GET_BEGIN,
    QUEUE_JOIN_BEGIN,
    QUEUE_JOIN_END,
    QUEUE_OBJECT,
    QUEUE_PUT,
    QUEUE_PUT_BEGIN,
    QUEUE_TASK_DONE,
    VALUE_KNOWS_OVERWRITTEN,
    VALUE_OBJECT,
    VALUE_READ,
    VALUE_WRITE,
    holder_payload,
    queue_payload,
    value_payload,
)

_record = _interleave.record
_MASK = 0xFFFFFFFFFFFFFFFF
_INTEGER_CODES = "bBhHiIlLqQ"
# Shared counters of a queue (il_count): items put, items taken.
_PUTS, _GETS = 0, 1


def _site(kind):
    """The name of an object the program asked multiprocessing for, or None when the library
    made it for itself (a Queue's own lock, a Pool's queues)."""
    return naming.creation_site(kind, depth=3)


def _new(kind, site, capacity=0):
    return NO_LANE if site is None else _interleave.new_object(kind, site, capacity)


class _SharedLockTracing:
    """acquire / release of a SemLock, recorded; the lane that released last is shared."""

    _il_id = NO_LANE

    def _make_methods(self):
        # SemLock binds acquire / release of the C lock onto the instance; the traced ones
        # below must be found instead.
        pass

    def acquire(self, block=True, timeout=None):
        object_id = self._il_id
        if object_id == NO_LANE:
            return self._semlock.acquire(block, timeout)
        _record(LOCK_REQUEST, object_id)
        if self._semlock.acquire(False):
            _record(LOCK_ACQUIRE, object_id, holder_payload(_interleave.releaser(object_id)))
            return True
        got = block and self._semlock.acquire(True, timeout)
        if got:
            giver = _interleave.releaser(object_id)
            _record(LOCK_ACQUIRE, object_id, holder_payload(giver), 0, CONTENDED)
        else:
            _record(LOCK_GIVE_UP, object_id)
        return got

    def release(self):
        object_id = self._il_id
        if object_id != NO_LANE:
            # Before the release: it is stamped ahead of the acquire it lets happen.
            _interleave.note_releaser(object_id)
            _record(LOCK_RELEASE, object_id)
        return self._semlock.release()

    def __enter__(self):
        return self.acquire()

    def __exit__(self, *args):
        return self.release()

    def __getstate__(self):
        return (super().__getstate__(), self._il_id)

    def __setstate__(self, state):
        super().__setstate__(state[0])
        self._il_id = state[1]


def _traced_lock_class(original, kind):
    def __init__(self, *args, **kwargs):
        original.__init__(self, *args, **kwargs)
        self._il_id = _new(MUTEX_OBJECT, _site(kind))

    return type(original.__name__, (_SharedLockTracing, original), {"__init__": __init__})


Lock = _traced_lock_class(mp_synchronize.Lock, "Lock")
RLock = _traced_lock_class(mp_synchronize.RLock, "RLock")
Semaphore = _traced_lock_class(mp_synchronize.Semaphore, "Semaphore")
BoundedSemaphore = _traced_lock_class(mp_synchronize.BoundedSemaphore, "BoundedSemaphore")


class _QueueTracing:
    """put / get of a multiprocessing queue with the depth after each."""

    _il_id = NO_LANE

    def _il_depth(self):
        try:
            return self.qsize()
        except (NotImplementedError, OSError):
            return 0

    def put(self, obj, block=True, timeout=None):
        object_id = self._il_id
        if object_id == NO_LANE:
            return super().put(obj, block, timeout)
        _record(QUEUE_PUT_BEGIN, object_id)
        if isinstance(self, mp_queues.SimpleQueue):
            mp_queues.SimpleQueue.put(self, obj)
        else:
            super().put(obj, block, timeout)
        number = _interleave.count(object_id, _PUTS)
        _record(QUEUE_PUT, object_id, queue_payload(number, self._il_depth()), value_payload(obj))

    def get(self, block=True, timeout=None):
        object_id = self._il_id
        if object_id == NO_LANE:
            return super().get(block, timeout)
        _record(QUEUE_GET_BEGIN, object_id)
        try:
            if isinstance(self, mp_queues.SimpleQueue):
                item = mp_queues.SimpleQueue.get(self)
            else:
                item = super().get(block, timeout)
        except BaseException:
            _record(QUEUE_GET, object_id, queue_payload(0, self._il_depth()), 0)
            raise
        number = _interleave.count(object_id, _GETS)
        _record(QUEUE_GET, object_id, queue_payload(number, self._il_depth()), value_payload(item))
        return item

    def __getstate__(self):
        return (super().__getstate__(), self._il_id)

    def __setstate__(self, state):
        super().__setstate__(state[0])
        self._il_id = state[1]


class Queue(_QueueTracing, mp_queues.Queue):
    def __init__(self, maxsize=0, *, ctx):
        super().__init__(maxsize, ctx=ctx)
        self._il_id = _new(QUEUE_OBJECT, _site("Queue"), maxsize)


class JoinableQueue(_QueueTracing, mp_queues.JoinableQueue):
    def __init__(self, maxsize=0, *, ctx):
        super().__init__(maxsize, ctx=ctx)
        self._il_id = _new(QUEUE_OBJECT, _site("JoinableQueue"), maxsize)

    def task_done(self):
        super().task_done()
        if self._il_id != NO_LANE:
            left = self._unfinished_tasks._semlock._get_value()
            _record(QUEUE_TASK_DONE, self._il_id, left)

    def join(self):
        if self._il_id == NO_LANE:
            return super().join()
        _record(QUEUE_JOIN_BEGIN, self._il_id)
        try:
            return super().join()
        finally:
            _record(QUEUE_JOIN_END, self._il_id)


class SimpleQueue(_QueueTracing, mp_queues.SimpleQueue):
    def __init__(self, *, ctx):
        super().__init__(ctx=ctx)
        self._il_id = _new(QUEUE_OBJECT, _site("SimpleQueue"))

    def _il_depth(self):
        # No qsize(): what went in less what came out, counted in the run's segment.
        return max(0, _interleave.count(self._il_id, 2) - _interleave.count(self._il_id, 3) + 1)

    def put(self, obj):
        object_id = self._il_id
        if object_id == NO_LANE:  # the library's own (a Pool's task and result queues)
            return mp_queues.SimpleQueue.put(self, obj)
        _interleave.count(object_id, 2)
        return _QueueTracing.put(self, obj)

    def get(self):
        if self._il_id == NO_LANE:
            return mp_queues.SimpleQueue.get(self)
        item = _QueueTracing.get(self)
        _interleave.count(self._il_id, 3)
        return item


class _TracedConnection(mp_connection.Connection):
    """One end of a traced Pipe: message n sent from one end is message n received at the
    other (a pipe keeps order), numbered per direction in the run's segment."""

    def send(self, obj):
        _record(PIPE_SEND, self._il_id, self._il_number(sending=True), value_payload(obj))
        return super().send(obj)

    def recv(self):
        _record(PIPE_RECV_BEGIN, self._il_id)
        obj = super().recv()
        _record(PIPE_RECV, self._il_id, self._il_number(sending=False), value_payload(obj))
        return obj

    def _il_number(self, sending):
        # Direction 0 goes from end 0 to end 1; the high bit tells the directions apart.
        direction = self._il_end if sending else 1 - self._il_end
        counter = direction * 2 + (0 if sending else 1)
        return _interleave.count(self._il_id, counter) | (direction << 31)


_original_pipe = mp_connection.Pipe


def Pipe(duplex=True):
    ends = _original_pipe(duplex)
    site = _site("Pipe")
    if site is None:
        return ends
    object_id = _interleave.new_object(PIPE_OBJECT, site, 0)
    if object_id == NO_LANE:
        return ends
    for number, end in enumerate(ends):
        if type(end) is mp_connection.Connection:
            end.__class__ = _TracedConnection
            end._il_id = object_id
            end._il_end = number
    return ends


class _TracedValue(mp_sharedctypes.Synchronized):
    """A Value whose reads and writes are recorded; an integer's write swaps the new value in
    atomically, so it knows the value it overwrote."""

    def _il_read(self):
        value = self._obj.value
        _record(VALUE_READ, self._il_id, 0, value_payload(_as_int(value)))
        return value

    def _il_write(self, value):
        obj = self._obj
        if getattr(obj, "_type_", "") in _INTEGER_CODES and type(value) is int:
            address = ctypes.addressof(obj)
            replaced = _interleave.exchange(address, ctypes.sizeof(obj), value)
            _record(VALUE_WRITE, self._il_id, replaced & _MASK, value & _MASK, VALUE_KNOWS_OVERWRITTEN)
        else:
            obj.value = value
            _record(VALUE_WRITE, self._il_id, 0, value_payload(_as_int(value)))

    value = property(_il_read, _il_write)

    def __reduce__(self):
        return _rebuild_value, (self._obj, self._lock, self._il_id)


def _as_int(value):
    if type(value) is float:
        return int(value)
    return value


def _rebuild_value(obj, lock, object_id):
    value = mp_sharedctypes.synchronized(obj, lock)
    value.__class__ = _TracedValue
    value._il_id = object_id
    return value


_original_value = mp_sharedctypes.Value


def Value(typecode_or_type, *args, lock=True, ctx=None):
    site = _site("Value")
    if site is not None and lock in (True, None):
        # Its lock (get_lock()) is the program's too: its waits are the lesson with a lock.
        lock = mp_synchronize.RLock(ctx=ctx or mp_context._default_context.get_context())
        del lock.acquire, lock.release  # SemLock's own, bound on the instance
        lock.__class__ = RLock
        lock._il_id = _interleave.new_object(MUTEX_OBJECT, "lock of " + site, 0)
    value = _original_value(typecode_or_type, *args, lock=lock, ctx=ctx)
    if site is None or type(value) is not mp_sharedctypes.Synchronized:
        return value
    object_id = _interleave.new_object(VALUE_OBJECT, site, 0)
    if object_id != NO_LANE:
        value.__class__ = _TracedValue
        value._il_id = object_id
    return value


def _context_method(make):
    """A BaseContext method that makes the traced object (multiprocessing.Lock() and friends
    are the default context's methods)."""

    def method(self, *args, **kwargs):
        return make(self, *args, **kwargs)

    method.__name__ = make.__name__
    return method


def _lock(self):
    return Lock(ctx=self.get_context())


def _rlock(self):
    return RLock(ctx=self.get_context())


def _semaphore(self, value=1):
    return Semaphore(value, ctx=self.get_context())


def _bounded_semaphore(self, value=1):
    return BoundedSemaphore(value, ctx=self.get_context())


def _queue(self, maxsize=0):
    return Queue(maxsize, ctx=self.get_context())


def _joinable_queue(self, maxsize=0):
    return JoinableQueue(maxsize, ctx=self.get_context())


def _simple_queue(self):
    return SimpleQueue(ctx=self.get_context())


def _pipe(self, duplex=True):
    return Pipe(duplex)


def _value(self, typecode_or_type, *args, lock=True):
    return Value(typecode_or_type, *args, lock=lock, ctx=self.get_context())


_METHODS = {
    "Lock": _lock,
    "RLock": _rlock,
    "Semaphore": _semaphore,
    "BoundedSemaphore": _bounded_semaphore,
    "Queue": _queue,
    "JoinableQueue": _joinable_queue,
    "SimpleQueue": _simple_queue,
    "Pipe": _pipe,
    "Value": _value,
}


def install():
    for name, make in _METHODS.items():
        setattr(mp_context.BaseContext, name, _context_method(make))
        # `multiprocessing.Lock` is the default context's method, bound when it was imported.
        setattr(multiprocessing, name, getattr(mp_context._default_context, name))
