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


def new_queue(kind, capacity, depth=3):
    """Id of a new traced queue, or NO_LANE when library code creates it."""
    name = naming.creation_site(kind, depth)
    if name is None:
        return NO_LANE
    return _interleave.new_object(QUEUE_OBJECT, name, max(0, capacity))


class _QueueTracing:
    """put/get/task_done/join around queue.Queue's own; _put/_get run under the queue's mutex,
    so sequence numbers and depths are exact."""

    def _il_setup(self, kind, maxsize):
        self._il_id = new_queue(kind, maxsize, depth=4)
        self._il_sequence = 0

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
    def __init__(self, maxsize=0):
        self._il_setup("Queue", maxsize)
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
    def __init__(self, maxsize=0):
        self._il_setup("LifoQueue", maxsize)
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
    def __init__(self, maxsize=0):
        self._il_setup("PriorityQueue", maxsize)
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

    def __new__(cls, *args, **kwargs):
        return super().__new__(cls)

    def __init__(self, name=None):
        super().__init__()
        if name is None:
            self._il_id = new_queue("SimpleQueue", 0)
        else:
            self._il_id = _interleave.new_object(QUEUE_OBJECT, name, 0)
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
