"""Threads, traced: every thread started through threading or _thread gets its own lane
(named like the thread), Thread.join() is a join, the interpreter's wait for non-daemon threads
at exit is a join of each, and ThreadPoolExecutor's work queue and tasks are recorded
(submit = put, a worker picking a task up = get, then the task from start to done)."""

import _thread
import itertools
import threading
from concurrent.futures import thread as futures_thread

import _interleave

from . import naming, queues
from .events import JOIN_BEGIN, JOIN_END, NO_LANE, TASK_BEGIN, TASK_END

_record = _interleave.record
_original_start = threading._start_new_thread
_original_join = threading.Thread.join
_original_shutdown = threading._shutdown


def _start_new_thread(function, args, kwargs=None):
    thread = getattr(function, "__self__", None)
    if isinstance(thread, threading.Thread):
        _interleave.expect_thread(thread.name, bool(thread.daemon))
    else:
        name = getattr(function, "__name__", "thread")
        # _thread's threads never hold the interpreter's exit up: daemons, in effect.
        _interleave.expect_thread("%s (_thread)" % name, True)
    if kwargs is None:
        ident = _original_start(function, args)
    else:
        ident = _original_start(function, args, kwargs)
    if isinstance(thread, threading.Thread):
        thread._il_worker = _interleave.last_started()
    return ident


def _join(self, timeout=None):
    worker = getattr(self, "_il_worker", NO_LANE)
    if worker == NO_LANE or not self.is_alive():
        return _original_join(self, timeout)
    _record(JOIN_BEGIN, 0, worker)
    try:
        return _original_join(self, timeout)
    finally:
        _record(JOIN_END, 0, worker)


def _shutdown():
    # What the interpreter does at exit, made visible: wait for each non-daemon thread.
    current = threading.current_thread()
    for thread in threading.enumerate():
        if thread is not current and not thread.daemon and thread.is_alive():
            try:
                thread.join()
            except RuntimeError:
                pass
    _original_shutdown()


_task_numbers = itertools.count(1)
_original_executor_init = futures_thread.ThreadPoolExecutor.__init__
_original_work_item_init = futures_thread._WorkItem.__init__
_original_work_item_run = futures_thread._WorkItem.run


def _executor_init(self, *args, **kwargs):
    _original_executor_init(self, *args, **kwargs)
    # Its work queue becomes a traced one; its workers start later, at the first submits.
    if naming.creation_site("ThreadPoolExecutor") is not None:
        self._work_queue = queues.SimpleQueue(name="%s tasks" % self._thread_name_prefix)


def _work_item_init(self, future, fn, args, kwargs):
    _original_work_item_init(self, future, fn, args, kwargs)
    self._il_task = next(_task_numbers)


def _work_item_run(self):
    task = getattr(self, "_il_task", 0)
    _record(TASK_BEGIN, 0, task)
    try:
        _original_work_item_run(self)
    finally:
        _record(TASK_END, 0, task)


def install():
    threading._start_new_thread = _start_new_thread
    _thread.start_new_thread = _start_new_thread
    _thread.start_new = _start_new_thread
    threading.Thread.join = _join
    threading._shutdown = _shutdown
    futures_thread.ThreadPoolExecutor.__init__ = _executor_init
    futures_thread._WorkItem.__init__ = _work_item_init
    futures_thread._WorkItem.run = _work_item_run
