"""Every traced primitive once, with a wait on each: Condition, Semaphore, BoundedSemaphore,
Event, Barrier, RLock, and the LIFO, priority and simple queues; a _thread thread too."""

import _thread
import queue
import threading
import time

ready = threading.Condition()
items = []
gate = threading.Semaphore(1)
bounded = threading.BoundedSemaphore(1)
started = threading.Event()
meeting = threading.Barrier(2)
nested = threading.RLock()
stack = queue.LifoQueue()
ranked = queue.PriorityQueue()
simple = queue.SimpleQueue()
raw_done = threading.Event()


def consumer():
    with ready:
        while not items:
            ready.wait()
    with gate:
        time.sleep(0.02)
    started.wait()
    meeting.wait()
    print("stack", stack.get(), "ranked", ranked.get(), "simple", simple.get())


def raw_thread():
    with nested:
        with nested:
            time.sleep(0.01)
    raw_done.set()


worker = threading.Thread(target=consumer, name="consumer")
worker.start()
time.sleep(0.03)
with ready:
    items.append(1)
    ready.notify()
gate.acquire()
time.sleep(0.03)
gate.release()
with bounded:
    pass
time.sleep(0.03)
started.set()
time.sleep(0.03)
for value in (3, 1, 2):
    stack.put(value)
    ranked.put(value)
    simple.put(value)
meeting.wait()
worker.join()
_thread.start_new_thread(raw_thread, ())
raw_done.wait()
print("done")
