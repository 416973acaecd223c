"""Three CPU-bound threads under the GIL: they take turns, they never run Python together.

    python3 gil_cpu_threads.py [loop|factorial] [THREADS]

`loop` is a pure-Python loop, so the interpreter hands the GIL over about every 5 ms (the
switch interval); `factorial` is one long C call that keeps the GIL until it returns.
"""

import math
import sys
import threading
import time


def count_squares(limit):
    total = 0
    for number in range(limit):
        total += number * number
    return total


def big_factorial(n):
    return math.factorial(n).bit_length()


def main():
    kind = sys.argv[1] if len(sys.argv) > 1 else "loop"
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    work, size = (count_squares, 2_500_000) if kind == "loop" else (big_factorial, 60_000)
    started = time.perf_counter()
    threads = [
        threading.Thread(target=work, args=(size,), name="worker-%d" % (i + 1))
        for i in range(count)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print("%d %s threads took %.2f s" % (count, kind, time.perf_counter() - started))


if __name__ == "__main__":
    main()
