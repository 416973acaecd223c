"""multiprocessing's processes, traced: each process's lane is named as the program names it
(Process-1, ForkPoolWorker-2, SpawnProcess-3), Process.join() is a join of that lane, and the
tasks of a Pool or a ProcessPoolExecutor are task spans on the lane of the worker that ran them.

The processes themselves get their lanes from the tracer library (fork, or the sitecustomize of
an interpreter started by exec); their exit codes, or the signals that killed them, come from
the waitpid() of the process that reaps them.
"""

import itertools
import multiprocessing.pool as mp_pool
import multiprocessing.process as mp_process
from concurrent.futures import process as futures_process

import _interleave

from .events import JOIN_BEGIN, JOIN_END, NO_LANE, TASK_BEGIN, TASK_END

_record = _interleave.record
_original_bootstrap = mp_process.BaseProcess._bootstrap
_original_join = mp_process.BaseProcess.join
_original_pool_worker = mp_pool.worker
_original_process_worker = futures_process._process_worker
_task_numbers = itertools.count(1)


def _bootstrap(self, *args, **kwargs):
    _interleave.name_process(self.name)
    return _original_bootstrap(self, *args, **kwargs)


def _join(self, timeout=None):
    popen = getattr(self, "_popen", None)
    lane = NO_LANE if popen is None else _interleave.lane_of_process(popen.pid)
    if lane == NO_LANE or popen.returncode is not None:
        return _original_join(self, timeout)
    _record(JOIN_BEGIN, 0, lane)
    try:
        return _original_join(self, timeout)
    finally:
        _record(JOIN_END, 0, lane)


def _traced_call(function, task):
    """`function` as a task span: from the moment the worker starts it to its result."""

    def call(*args, **kwargs):
        _record(TASK_BEGIN, 0, task)
        try:
            return function(*args, **kwargs)
        finally:
            _record(TASK_END, 0, task)

    return call


class _TracedTasks:
    """A pool worker's inqueue: each task it hands out runs as a task span."""

    def __init__(self, inqueue):
        self._il_inqueue = inqueue

    def __getattr__(self, name):
        return getattr(self._il_inqueue, name)

    def get(self, *args, **kwargs):
        task = self._il_inqueue.get(*args, **kwargs)
        if task is None:
            return task
        job, i, func, fargs, kwds = task
        number = i if isinstance(i, int) else next(_task_numbers)
        return job, i, _traced_call(func, number), fargs, kwds


def _pool_worker(inqueue, outqueue, *args, **kwargs):
    return _original_pool_worker(_TracedTasks(inqueue), outqueue, *args, **kwargs)


class _TracedCalls:
    """A ProcessPoolExecutor worker's call queue: each call item runs as a task span."""

    def __init__(self, call_queue):
        self._il_calls = call_queue

    def __getattr__(self, name):
        return getattr(self._il_calls, name)

    def get(self, *args, **kwargs):
        item = self._il_calls.get(*args, **kwargs)
        if item is not None:
            item.fn = _traced_call(item.fn, item.work_id + 1)
        return item


def _process_worker(call_queue, *args, **kwargs):
    return _original_process_worker(_TracedCalls(call_queue), *args, **kwargs)


def install():
    mp_process.BaseProcess._bootstrap = _bootstrap
    mp_process.BaseProcess.join = _join
    mp_pool.worker = _pool_worker
    futures_process._process_worker = _process_worker
