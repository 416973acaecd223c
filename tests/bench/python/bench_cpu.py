"""THREADS threads each run the same pure-Python loop; prints "cpu <wall seconds>".

    python3 bench_cpu.py THREADS [STEPS]
"""

import sys
import threading
import time


def spin(steps):
    total = 0
    for number in range(steps):
        total += number & 7
    return total


def main():
    count = int(sys.argv[1])
    steps = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000_000
    threads = [threading.Thread(target=spin, args=(steps,)) for _ in range(count)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print("cpu %.4f" % (time.perf_counter() - started))


main()
