"""queue.Queue, LifoQueue, PriorityQueue and SimpleQueue, traced: put / get / task_done /
join with the item's sequence number (which draws the put -> get arrow) and the depth after
each operation (the queue-depth chart)."""

import heapq
import queue
from collections import deque

import _interleave

from . import naming
from .events import (
    LOCK_GIVE_UP,
    NO_LANE,
    QUEUE_GET,
    QUEUE_GET_BEGIN,
    QUEUE_JOIN_BEGIN,
    QUEUE_JOIN_END,
    QUEUE_OBJECT,
    QUEUE_PUT,
    QUEUE_PUT_BEGIN,
    QUEUE_TASK_DONE,
    queue_payload,
    value_payload,
)

_record = _interleave.record
_OriginalSimpleQueue = queue.SimpleQueue


class _QueueTracing(naming.TracedOnlyForTheProgram):
    """put/get/task_done/join around queue.Queue's own; _put/_get run under the queue's mutex,
    so sequence numbers and depths are exact. Queues library code creates are the originals."""

    def _il_setup(self, maxsize):
        site = self.__dict__.pop("_il_site")
        self._il_id = _interleave.new_object(QUEUE_OBJECT, site, max(0, maxsize))
        self._il_sequence = 0
        if maxsize <= 0:
            # An unbounded put never waits: nothing to record before it, no layer in its way.
            self.put = super().put

    def put(self, item, block=True, timeout=None):
        if self._il_id != NO_LANE and self.maxsize > 0:
            _record(QUEUE_PUT_BEGIN, self._il_id)
            try:
                return super().put(item, block, timeout)
            except queue.Full:
                _record(LOCK_GIVE_UP, self._il_id)
                raise
        return super().put(item, block, timeout)

    def get(self, block=True, timeout=None):
        if self._il_id == NO_LANE:
            return super().get(block, timeout)
        _record(QUEUE_GET_BEGIN, self._il_id)
        try:
            return super().get(block, timeout)
        except BaseException:
            _record(LOCK_GIVE_UP, self._il_id)
            raise

    def task_done(self):
        super().task_done()
        if self._il_id != NO_LANE:
            _record(QUEUE_TASK_DONE, self._il_id, self.unfinished_tasks)

    def join(self):
        if self._il_id == NO_LANE:
            return super().join()
        _record(QUEUE_JOIN_BEGIN, self._il_id)
        try:
            return super().join()
        finally:
            _record(QUEUE_JOIN_END, self._il_id)

    def _il_put(self, item):
        self._il_sequence += 1
        _record(QUEUE_PUT, self._il_id, queue_payload(self._il_sequence, self._qsize()),
                value_payload(item))
        return self._il_sequence

    def _il_got(self, sequence, item):
        _record(QUEUE_GET, self._il_id, queue_payload(sequence, self._qsize()), value_payload(item))


class Queue(_QueueTracing, queue.Queue):
    _il_original = queue.Queue
    _il_kind = "Queue"

    def __init__(self, maxsize=0):
        self._il_setup(maxsize)
        self._il_sequences = deque()
        super().__init__(maxsize)

    def _put(self, item):
        super()._put(item)
        if self._il_id != NO_LANE:
            self._il_sequences.append(self._il_put(item))

    def _get(self):
        item = super()._get()
        if self._il_id != NO_LANE:
            self._il_got(self._il_sequences.popleft(), item)
        return item


class LifoQueue(_QueueTracing, queue.LifoQueue):
    _il_original = queue.LifoQueue
    _il_kind = "LifoQueue"

    def __init__(self, maxsize=0):
        self._il_setup(maxsize)
        self._il_sequences = []
        super().__init__(maxsize)

    def _put(self, item):
        super()._put(item)
        if self._il_id != NO_LANE:
            self._il_sequences.append(self._il_put(item))

    def _get(self):
        item = super()._get()
        if self._il_id != NO_LANE:
            self._il_got(self._il_sequences.pop(), item)
        return item


class _Ranked:
    """A priority queue entry that remembers its sequence and compares as its item does."""

    __slots__ = ("item", "sequence")

    def __init__(self, item, sequence):
        self.item = item
        self.sequence = sequence

    def __lt__(self, other):
        return self.item < other.item


class PriorityQueue(_QueueTracing, queue.PriorityQueue):
    _il_original = queue.PriorityQueue
    _il_kind = "PriorityQueue"

    def __init__(self, maxsize=0):
        self._il_setup(maxsize)
        super().__init__(maxsize)

    def _put(self, item):
        if self._il_id == NO_LANE:
            return super()._put(item)
        entry = _Ranked(item, 0)
        heapq.heappush(self.queue, entry)
        entry.sequence = self._il_put(item)

    def _get(self):
        if self._il_id == NO_LANE:
            return super()._get()
        entry = heapq.heappop(self.queue)
        self._il_got(entry.sequence, entry.item)
        return entry.item


class SimpleQueue(queue.SimpleQueue):
    """The C queue without a mutex of its own: sequences pair the n-th put with the n-th get
    (it is FIFO), depths are read right after each operation."""

    def __new__(cls, name=None):
        site = name or naming.creation_site("SimpleQueue")
        if site is None:
            return _OriginalSimpleQueue()
        instance = super().__new__(cls)
        instance._il_site = site
        return instance

    def __init__(self, name=None):
        super().__init__()
        self._il_id = _interleave.new_object(QUEUE_OBJECT, self.__dict__.pop("_il_site"), 0)
        self._il_puts = 0
        self._il_gets = 0

    def put(self, item, block=True, timeout=None):
        super().put(item)
        if self._il_id != NO_LANE:
            self._il_puts += 1
            _record(QUEUE_PUT, self._il_id, queue_payload(self._il_puts, self.qsize()),
                    value_payload(item))

    put_nowait = put

    def get(self, block=True, timeout=None):
        if self._il_id == NO_LANE:
            return super().get(block, timeout)
        _record(QUEUE_GET_BEGIN, self._il_id)
        try:
            item = super().get(block, timeout)
        except BaseException:
            _record(LOCK_GIVE_UP, self._il_id)
            raise
        self._il_gets += 1
        _record(QUEUE_GET, self._il_id, queue_payload(self._il_gets, self.qsize()),
                value_payload(item))
        return item

    def get_nowait(self):
        return self.get(False)


def install():
    queue.Queue = Queue
    queue.LifoQueue = LifoQueue
    queue.PriorityQueue = PriorityQueue
    queue.SimpleQueue = SimpleQueue
