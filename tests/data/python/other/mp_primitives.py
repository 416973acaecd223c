"""Every multiprocessing primitive, used across processes, for the tracer.

    python3 mp_primitives.py fork|spawn|forkserver

Each child waits at a Barrier, takes a Semaphore, adds to an Array element under the Array's
lock, waits for an Event the parent sets, is woken through a Condition, reports through a
JoinableQueue and says goodbye through its own Pipe.
"""

import multiprocessing
import sys
import time

CHILDREN = 3


def child(number, barrier, semaphore, totals, started, condition, ready, reports, connection):
    barrier.wait()
    with semaphore:
        time.sleep(0.01)
    with totals.get_lock():
        totals[number % 2] = totals[number % 2] + 1
    started.wait()
    with condition:
        while not ready.value:
            condition.wait()
    reports.put(number)
    connection.send("bye from %d" % number)
    connection.close()


if __name__ == "__main__":
    context = multiprocessing.get_context(sys.argv[1] if len(sys.argv) > 1 else "spawn")
    barrier = context.Barrier(CHILDREN)
    semaphore = context.BoundedSemaphore(2)
    totals = context.Array("i", 2)
    started = context.Event()
    condition = context.Condition()
    ready = context.Value("b", 0)
    reports = context.JoinableQueue()
    pipes = [context.Pipe() for _ in range(CHILDREN)]
    children = [
        context.Process(
            target=child,
            args=(n, barrier, semaphore, totals, started, condition, ready, reports, pipes[n][1]),
            name="child-%d" % n,
        )
        for n in range(CHILDREN)
    ]
    for process in children:
        process.start()
    time.sleep(0.2)
    started.set()
    time.sleep(0.05)
    with condition:
        ready.value = 1
        condition.notify_all()
    got = sorted(reports.get() for _ in range(CHILDREN))
    for _ in range(CHILDREN):
        reports.task_done()
    reports.join()
    goodbyes = [receiving.recv() for receiving, _ in pipes]
    for process in children:
        process.join()
    print("reports", got, "totals", list(totals), "goodbyes", len(goodbyes))
