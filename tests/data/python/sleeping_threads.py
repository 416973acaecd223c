"""time.sleep releases the GIL: three sleeping threads wait at the same time, so the whole
program takes one sleep, not three."""

import threading
import time


def nap(seconds):
    time.sleep(seconds)


started = time.perf_counter()
sleepers = [threading.Thread(target=nap, args=(0.3,), name="sleeper-%d" % i) for i in (1, 2, 3)]
for sleeper in sleepers:
    sleeper.start()
for sleeper in sleepers:
    sleeper.join()
print("three 0.3 s sleeps took %.2f s" % (time.perf_counter() - started))
