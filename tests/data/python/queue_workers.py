"""Ten daemon workers take jobs off a queue.Queue; the main thread waits with join() until
every job was marked done with task_done(). The queue fills up fast and drains as they work.

    python3 queue_workers.py [JOBS]
"""

import queue
import sys
import threading
import time

jobs = queue.Queue()
handled = []
handled_lock = threading.Lock()


def worker():
    while True:
        job = jobs.get()
        time.sleep(0.01)  # the work: waiting on something
        with handled_lock:
            handled.append(job)
        jobs.task_done()


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    for i in range(10):
        threading.Thread(target=worker, name="worker-%d" % i, daemon=True).start()
    for job in range(count):
        jobs.put(job)
    jobs.join()
    print("handled %d jobs, %d distinct" % (len(handled), len(set(handled))))


if __name__ == "__main__":
    main()
