"""Cost of one traced call, measured inside the interpreter: an uncontended Lock acquire +
release, a queue.Queue put + get, a multiprocessing.Queue put + get, a multiprocessing.Value
read + write. Prints "<kind> <median ns per pair>".

    python3 bench_calls.py lock|queue|mpqueue|value [PAIRS]
"""

import multiprocessing
import queue
import sys
import threading
import time


def lock_pairs(count):
    lock = threading.Lock()
    acquire, release = lock.acquire, lock.release
    started = time.perf_counter_ns()
    for _ in range(count):
        acquire()
        release()
    return (time.perf_counter_ns() - started) / count


def put_get_pairs(jobs, count):
    put, get = jobs.put, jobs.get
    started = time.perf_counter_ns()
    for item in range(count):
        put(item)
        get()
    return (time.perf_counter_ns() - started) / count


def queue_pairs(count):
    return put_get_pairs(queue.Queue(), count)


def mp_queue_pairs(count):
    return put_get_pairs(multiprocessing.Queue(), count)


def value_pairs(count):
    shared = multiprocessing.Value("i", 0)
    started = time.perf_counter_ns()
    for _ in range(count):
        shared.value = shared.value + 1
    return (time.perf_counter_ns() - started) / count


MEASURES = {"lock": lock_pairs, "queue": queue_pairs, "mpqueue": mp_queue_pairs, "value": value_pairs}


def main():
    kind = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 200_000
    measure = MEASURES[kind]
    measure(count // 10)  # warm up
    samples = sorted(measure(count) for _ in range(5))
    print("%s %.1f" % (kind, samples[len(samples) // 2]))


main()
