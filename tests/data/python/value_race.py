"""Processes add to one shared Value: without a lock, updates get lost.

    python3 value_race.py [lock|nolock|sleepfirst] [PROCESSES] [INCREMENTS]

Each process reads the value, sleeps 10 ms (another process reads the same value meanwhile),
then writes what it read plus one: the later write wipes out the earlier one. With
`val.get_lock()` around the read and the write, every increment counts. `sleepfirst` sleeps
10 ms and then does `val.value += 1` at once, as the re-enacted shared-value-race scenario
does: updates are lost only when two processes happen to meet between read and write.
"""

import multiprocessing
import sys
import time


def add(val, increments, locked, sleep_first=False):
    for _ in range(increments):
        if sleep_first:
            time.sleep(0.01)
            val.value += 1
        elif locked:
            with val.get_lock():
                seen = val.value
                time.sleep(0.01)
                val.value = seen + 1
        else:
            seen = val.value
            time.sleep(0.01)
            val.value = seen + 1


if __name__ == "__main__":
    mode = sys.argv[1] if len(sys.argv) > 1 else "nolock"
    locked = mode == "lock"
    processes = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    increments = int(sys.argv[3]) if len(sys.argv) > 3 else 50
    val = multiprocessing.Value("i", 0)
    workers = [
        multiprocessing.Process(target=add, args=(val, increments, locked, mode == "sleepfirst"))
        for _ in range(processes)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    print("value %d of %d" % (val.value, processes * increments))
