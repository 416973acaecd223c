"""multiprocessing's shared objects, traced across processes: Lock, RLock, Semaphore,
BoundedSemaphore, Condition, Event and Barrier (request / acquire with the lane that released
or signalled last, wherever it ran / release), Queue, JoinableQueue and SimpleQueue (put / get
with the depth after each, task_done, join) and Pipe connections (each message's send and
receive, matched by number). Value and Array are in mpvalues.

Only objects the program's own code creates are traced, named after the line that made them.
The shared facts (who released a lock last, how many items went through a queue) live in the
run's segment, so a child process sees its parent's. An object keeps its lane-side identity in
a forked child and, through pickling, in a spawned one.
"""

import sys

import multiprocessing
import multiprocessing.connection as mp_connection
import multiprocessing.context as mp_context
import multiprocessing.queues as mp_queues
import multiprocessing.reduction as mp_reduction
import multiprocessing.synchronize as mp_synchronize

import _interleave

from . import mpvalues, naming
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
    holder_payload,
    queue_payload,
    value_payload,
)

_record = _interleave.record
_queue_done = _interleave.queue_done
_WITH_ID = "interleave object id"


def _site(kind):
    """The name of an object the program asked multiprocessing for, or None when the library
    made it for itself (a Queue's own lock, a Pool's queues)."""
    return naming.creation_site(kind, depth=3)


class _TracedOnlyForTheProgram(naming.TracedOnlyForTheProgram):
    """multiprocessing's own objects (a Queue's lock and semaphore, a Pool's queues) stay its
    own classes, so the library's hot paths run as fast as untraced. Every class here is made
    with its context (`ctx=`), so a call without arguments is pickle making one in a spawned
    child: a traced object whose state follows."""

    def __new__(cls, *args, **kwargs):
        if not args and not kwargs:
            return object.__new__(cls)
        return super().__new__(cls, *args, **kwargs)

    def _il_register(self, kind, capacity=0):
        """The object's lane-side id, named after the line that made it (in __new__)."""
        self._il_id = _interleave.new_object(kind, self.__dict__.pop("_il_site"), capacity)


class _KeepsItsId:
    """An object's lane-side id travels with it to a spawned child: pickled beside the state
    multiprocessing pickles (some of its classes also call __setstate__ with their own)."""

    _il_id = NO_LANE

    def __getstate__(self):
        return (_WITH_ID, super().__getstate__(), self._il_id)

    def __setstate__(self, state):
        if type(state) is tuple and len(state) == 3 and state[0] == _WITH_ID:
            super().__setstate__(state[1])
            self._il_id = state[2]
        else:
            super().__setstate__(state)


class _SharedLockTracing(_KeepsItsId):
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


def _traced_lock_class(original, kind):
    def __init__(self, *args, **kwargs):
        original.__init__(self, *args, **kwargs)
        self._il_register(MUTEX_OBJECT)

    return type(
        original.__name__,
        (_TracedOnlyForTheProgram, _SharedLockTracing, original),
        {"__init__": __init__, "_il_original": original, "_il_kind": kind},
    )


def _shared_wait(object_id, wait, ended=bool):
    """A wait for another process's signal (notify, set, the last one at a barrier): from the
    request to the lane that signalled last, read from the run's segment once it is over."""
    if object_id == NO_LANE:
        return wait()
    _record(LOCK_REQUEST, object_id)
    result = None
    try:
        result = wait()
    finally:
        if result is not None and ended(result):
            giver = _interleave.releaser(object_id)
            _record(LOCK_ACQUIRE, object_id, holder_payload(giver), 0, CONTENDED)
            _record(LOCK_RELEASE, object_id)
        else:
            _record(LOCK_GIVE_UP, object_id)
    return result


def _signal(object_id):
    """notify / set / the last arrival at a barrier: recorded as a release, and this lane is
    the one the waiters got it from."""
    if object_id != NO_LANE:
        _interleave.note_releaser(object_id)
        _record(LOCK_RELEASE, object_id)


class Condition(_TracedOnlyForTheProgram, _KeepsItsId, mp_synchronize.Condition):
    _il_original = mp_synchronize.Condition
    _il_kind = "Condition"

    def __init__(self, lock=None, *, ctx):
        super().__init__(lock, ctx=ctx)
        self._il_register(MUTEX_OBJECT)

    def wait(self, timeout=None):
        return _shared_wait(self._il_id, lambda: mp_synchronize.Condition.wait(self, timeout))

    def notify(self, n=1):  # notify_all() comes here too
        _signal(self._il_id)
        return super().notify(n)


class Event(_TracedOnlyForTheProgram, mp_synchronize.Event):
    _il_original = mp_synchronize.Event
    _il_kind = "Event"

    def __init__(self, *, ctx):
        super().__init__(ctx=ctx)
        self._il_register(MUTEX_OBJECT)

    def set(self):
        _signal(self._il_id)
        return super().set()

    def wait(self, timeout=None):
        if self.is_set():
            return super().wait(timeout)
        return _shared_wait(self._il_id, lambda: mp_synchronize.Event.wait(self, timeout))


class Barrier(_TracedOnlyForTheProgram, _KeepsItsId, mp_synchronize.Barrier):
    _il_original = mp_synchronize.Barrier
    _il_kind = "Barrier"

    def __init__(self, parties, action=None, timeout=None, *, ctx):
        super().__init__(parties, action, timeout, ctx=ctx)
        self._il_register(MUTEX_OBJECT)

    def _release(self):
        # The last process to arrive: it lets the others go.
        _signal(self._il_id)
        super()._release()

    def wait(self, timeout=None):
        return _shared_wait(
            self._il_id, lambda: mp_synchronize.Barrier.wait(self, timeout), lambda _: True
        )


Lock = _traced_lock_class(mp_synchronize.Lock, "Lock")
RLock = _traced_lock_class(mp_synchronize.RLock, "RLock")
Semaphore = _traced_lock_class(mp_synchronize.Semaphore, "Semaphore")
BoundedSemaphore = _traced_lock_class(mp_synchronize.BoundedSemaphore, "BoundedSemaphore")


class _QueueTracing(_TracedOnlyForTheProgram, _KeepsItsId):
    """put / get of a multiprocessing queue, numbered across processes, with the depth after
    each: what went in less what came out, counted in the run's segment (one C call numbers,
    counts and records it)."""

    def put(self, obj, block=True, timeout=None):
        object_id = self._il_id
        if object_id == NO_LANE:  # the run had no room left for it
            return self._il_put(obj, block, timeout)
        _record(QUEUE_PUT_BEGIN, object_id)
        self._il_put(obj, block, timeout)
        _queue_done(QUEUE_PUT, object_id, obj)

    def get(self, block=True, timeout=None):
        object_id = self._il_id
        if object_id == NO_LANE:
            return self._il_get(block, timeout)
        _record(QUEUE_GET_BEGIN, object_id)
        try:
            item = self._il_get(block, timeout)
        except BaseException:
            # Given up (Empty, a timeout, Ctrl-C): the wait ends without an item.
            _record(QUEUE_GET, object_id, queue_payload(0, _interleave.queue_depth(object_id)))
            raise
        _queue_done(QUEUE_GET, object_id, item)
        return item


class Queue(_QueueTracing, mp_queues.Queue):
    _il_original = mp_queues.Queue
    _il_kind = "Queue"
    _il_put, _il_get = mp_queues.Queue.put, mp_queues.Queue.get

    def __init__(self, maxsize=0, *, ctx):
        super().__init__(maxsize, ctx=ctx)
        self._il_register(QUEUE_OBJECT, maxsize)


class JoinableQueue(_QueueTracing, mp_queues.JoinableQueue):
    _il_original = mp_queues.JoinableQueue
    _il_kind = "JoinableQueue"
    _il_put, _il_get = mp_queues.JoinableQueue.put, mp_queues.JoinableQueue.get

    def __init__(self, maxsize=0, *, ctx):
        super().__init__(maxsize, ctx=ctx)
        self._il_register(QUEUE_OBJECT, maxsize)

    def task_done(self):
        super().task_done()
        if self._il_id == NO_LANE:
            return
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
    _il_original = mp_queues.SimpleQueue
    _il_kind = "SimpleQueue"

    def __init__(self, *, ctx):
        super().__init__(ctx=ctx)
        self._il_register(QUEUE_OBJECT)

    def put(self, obj):  # SimpleQueue's own signatures: no block, no timeout
        return _QueueTracing.put(self, obj)

    def get(self):
        return _QueueTracing.get(self)

    def _il_put(self, obj, block, timeout):
        mp_queues.SimpleQueue.put(self, obj)

    def _il_get(self, block, timeout):
        return mp_queues.SimpleQueue.get(self)


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


def _reduce_traced_connection(connection):
    """A traced Pipe end sent to a spawned child: the child gets it traced too (without this
    it would be pickled as a plain object and never arrive)."""
    rebuild, arguments = mp_connection.reduce_connection(connection)
    return _rebuild_traced_connection, (rebuild, arguments, connection._il_id, connection._il_end)


def _rebuild_traced_connection(rebuild, arguments, object_id, end):
    connection = rebuild(*arguments)
    connection.__class__ = _TracedConnection
    connection._il_id = object_id
    connection._il_end = end
    return connection


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
    return mpvalues.Value(typecode_or_type, *args, lock=lock, ctx=self.get_context())


def _array(self, typecode_or_type, size_or_initializer, *, lock=True):
    return mpvalues.Array(typecode_or_type, size_or_initializer, lock=lock, ctx=self.get_context())


def _condition(self, lock=None):
    return Condition(lock, ctx=self.get_context())


def _event(self):
    return Event(ctx=self.get_context())


def _barrier(self, parties, action=None, timeout=None):
    return Barrier(parties, action, timeout, ctx=self.get_context())


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
    "Array": _array,
    "Condition": _condition,
    "Event": _event,
    "Barrier": _barrier,
}


def install():
    mp_reduction.register(_TracedConnection, _reduce_traced_connection)
    for name, make in _METHODS.items():
        setattr(mp_context.BaseContext, name, _context_method(make))
        # `multiprocessing.Lock` is the default context's method, bound when it was imported.
        setattr(multiprocessing, name, getattr(mp_context._default_context, name))
