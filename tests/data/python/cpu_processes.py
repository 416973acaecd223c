"""CPU-bound work in processes or in threads: processes run at once on different cores, threads
take turns under the GIL.

    python3 cpu_processes.py processes|threads [WORKERS] [STEPS]
"""

import multiprocessing
import sys
import threading
import time


def count_down(steps):
    while steps > 0:
        steps -= 1


if __name__ == "__main__":
    kind = sys.argv[1] if len(sys.argv) > 1 else "processes"
    workers = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    steps = int(sys.argv[3]) if len(sys.argv) > 3 else 3_000_000
    start = time.perf_counter()
    count_down(steps)
    one = time.perf_counter() - start
    make = multiprocessing.Process if kind == "processes" else threading.Thread
    prefix = "process" if kind == "processes" else "thread"
    runners = [
        make(target=count_down, args=(steps,), name="%s-%d" % (prefix, i + 1))
        for i in range(workers)
    ]
    start = time.perf_counter()
    for runner in runners:
        runner.start()
    for runner in runners:
        runner.join()
    both = time.perf_counter() - start
    print("one call %.3f s, %d %s %.3f s, ratio %.2f" % (one, workers, kind, both, both / one))
