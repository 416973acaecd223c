"""threading's locks and signals, traced: Lock and RLock (C types in _interleave), Condition,
Semaphore, BoundedSemaphore, Event and Barrier, and time.sleep.

Each records request / acquire (with the lane that released or signalled last, which draws the
hand-over arrow) / release on the calling thread's lane. A signal (notify, set, the last thread
reaching a barrier) is recorded as a release of that object by the signalling thread.
"""

import threading
import time

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
    holder_payload,
)

_record = _interleave.record
_worker = _interleave.worker
_plain_lock = threading.Lock
_plain_rlock = threading.RLock
_original_semaphore = threading.Semaphore


def Lock():
    """threading.Lock(): traced when the program's own code asks for it."""
    name = naming.creation_site("Lock")
    return _plain_lock() if name is None else _interleave.Lock(name)


def RLock(*args, **kwargs):
    """threading.RLock(): traced when the program's own code asks for it."""
    name = naming.creation_site("RLock")
    return _plain_rlock() if name is None else _interleave.RLock(name)


def _new_object(instance):
    """(id, name) of a traced object whose __new__ named it."""
    name = instance.__dict__.pop("_il_site")
    return _interleave.new_object(MUTEX_OBJECT, name), name


_TracedOnlyForTheProgram = naming.TracedOnlyForTheProgram


def _waited(object_id, giver, got):
    """Ends a recorded wait: acquired from `giver`, or given up."""
    if got:
        _record(LOCK_ACQUIRE, object_id, holder_payload(giver), 0, CONTENDED)
        _record(LOCK_RELEASE, object_id)
    else:
        _record(LOCK_GIVE_UP, object_id)


def _traced_wait(object_id, wait, giver):
    """A wait for a signal (notify, set): recorded from the request to who ended it, read
    once the wait is over."""
    _record(LOCK_REQUEST, object_id)
    got = False
    try:
        got = wait()
    finally:
        _waited(object_id, giver(), got)
    return got


class Condition(_TracedOnlyForTheProgram, threading.Condition):
    _il_original = threading.Condition
    _il_kind = "Condition"

    def __init__(self, lock=None):
        self._il_id, name = _new_object(self)
        if lock is None:
            lock = _interleave.RLock("RLock of " + name)
        super().__init__(lock)
        self._il_notifier = NO_LANE

    def wait(self, timeout=None):
        if self._il_id == NO_LANE:
            return super().wait(timeout)
        return _traced_wait(
            self._il_id,
            lambda: Condition._il_original.wait(self, timeout),
            lambda: self._il_notifier,
        )

    def notify(self, n=1):
        if self._il_id != NO_LANE:
            self._il_notifier = _worker()
            _record(LOCK_RELEASE, self._il_id)
        super().notify(n)

    def notify_all(self):
        if self._il_id != NO_LANE:
            self._il_notifier = _worker()
            _record(LOCK_RELEASE, self._il_id)
        super().notify_all()

    notifyAll = notify_all


class _SemaphoreTracing:
    def _il_setup(self):
        # BoundedSemaphore.__init__ calls Semaphore.__init__, which is this class's too.
        if "_il_id" in self.__dict__:
            return
        self._il_id = _new_object(self)[0]
        self._il_releaser = NO_LANE

    def acquire(self, blocking=True, timeout=None):
        if self._il_id == NO_LANE:
            return super().acquire(blocking, timeout)
        if super().acquire(False):
            _record(LOCK_ACQUIRE, self._il_id, holder_payload(self._il_releaser))
            return True
        if not blocking:
            return False
        _record(LOCK_REQUEST, self._il_id)
        got = False
        try:
            got = super().acquire(True, timeout)
        finally:
            if got:
                _record(LOCK_ACQUIRE, self._il_id, holder_payload(self._il_releaser), 0, CONTENDED)
            else:
                _record(LOCK_GIVE_UP, self._il_id)
        return got

    __enter__ = acquire

    def release(self, n=1):
        if self._il_id != NO_LANE:
            self._il_releaser = _worker()
            for _ in range(n):
                _record(LOCK_RELEASE, self._il_id)
        super().release(n)

    def __exit__(self, t, v, tb):
        self.release()


class Semaphore(_TracedOnlyForTheProgram, _SemaphoreTracing, threading.Semaphore):
    _il_original = threading.Semaphore
    _il_kind = "Semaphore"

    def __init__(self, value=1):
        self._il_setup()
        super().__init__(value)


class BoundedSemaphore(_TracedOnlyForTheProgram, _SemaphoreTracing, threading.BoundedSemaphore):
    _il_original = threading.BoundedSemaphore
    _il_kind = "BoundedSemaphore"

    def __init__(self, value=1):
        self._il_setup()
        # threading's own __init__ calls the module's Semaphore, which is the traced one now.
        _original_semaphore.__init__(self, value)
        self._initial_value = value


class Event(_TracedOnlyForTheProgram, threading.Event):
    _il_original = threading.Event
    _il_kind = "Event"

    def __init__(self):
        self._il_id = _new_object(self)[0]
        self._il_setter = NO_LANE
        super().__init__()

    def set(self):
        if self._il_id != NO_LANE:
            self._il_setter = _worker()
            _record(LOCK_RELEASE, self._il_id)
        super().set()

    def wait(self, timeout=None):
        if self._il_id == NO_LANE or self.is_set():
            return super().wait(timeout)
        return _traced_wait(
            self._il_id, lambda: Event._il_original.wait(self, timeout), lambda: self._il_setter
        )


class Barrier(_TracedOnlyForTheProgram, threading.Barrier):
    _il_original = threading.Barrier
    _il_kind = "Barrier"

    def __init__(self, parties, action=None, timeout=None):
        self._il_id = _new_object(self)[0]
        self._il_releaser = NO_LANE
        super().__init__(parties, action, timeout)

    def _release(self):
        # The last thread to arrive: it lets the others go.
        if self._il_id != NO_LANE:
            self._il_releaser = _worker()
            _record(LOCK_RELEASE, self._il_id)
        super()._release()

    def wait(self, timeout=None):
        if self._il_id == NO_LANE:
            return super().wait(timeout)
        _record(LOCK_REQUEST, self._il_id)
        index = None
        try:
            index = super().wait(timeout)
        finally:
            if index is None:
                _record(LOCK_GIVE_UP, self._il_id)
            elif self._il_releaser == _worker() and index == self._parties - 1:
                _record(LOCK_ACQUIRE, self._il_id)
                _record(LOCK_RELEASE, self._il_id)
            else:
                _waited(self._il_id, self._il_releaser, True)
        return index


def install():
    threading.Lock = Lock
    threading.RLock = RLock
    threading.Condition = Condition
    threading.Semaphore = Semaphore
    threading.BoundedSemaphore = BoundedSemaphore
    threading.Event = Event
    threading.Barrier = Barrier
    time.sleep = _interleave.sleep
