"""A creator and a consumer process over a multiprocessing Queue; None tells the consumer to stop.

    python3 queue_sentinel.py [ITEMS]
"""

import multiprocessing
import sys
import time


def create(queue, items):
    for number in range(1, items + 1):
        queue.put(number)
        time.sleep(0.002)
    queue.put(None)  # the sentinel: nothing more is coming


def consume(queue, totals):
    taken = 0
    total = 0
    while True:
        item = queue.get()
        if item is None:
            break
        taken += 1
        total += item
        time.sleep(0.004)  # slower than the creator: the queue fills up
    totals.put((taken, total))


if __name__ == "__main__":
    items = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    queue = multiprocessing.Queue()
    totals = multiprocessing.Queue()
    creator = multiprocessing.Process(target=create, args=(queue, items), name="creator")
    consumer = multiprocessing.Process(target=consume, args=(queue, totals), name="consumer")
    creator.start()
    consumer.start()
    taken, total = totals.get()
    creator.join()
    consumer.join()
    print("consumed %d items, sum %d of %d" % (taken, total, items * (items + 1) // 2))
