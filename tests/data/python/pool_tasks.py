"""A Pool of worker processes: map spreads the tasks over every worker and keeps their order;
apply in a loop hands out one task at a time.

    python3 pool_tasks.py map|apply [WORKERS] [TASKS]
"""

import multiprocessing
import sys
import time


def slow_square(number):
    time.sleep(0.02)
    return number * number


if __name__ == "__main__":
    mode = sys.argv[1] if len(sys.argv) > 1 else "map"
    workers = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    tasks = int(sys.argv[3]) if len(sys.argv) > 3 else 12
    with multiprocessing.Pool(workers) as pool:
        if mode == "map":
            results = pool.map(slow_square, range(tasks), chunksize=1)
        else:
            results = [pool.apply(slow_square, (number,)) for number in range(tasks)]
    print("results", results)
