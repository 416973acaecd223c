"""ThreadPoolExecutor over waiting tasks: more workers finish sooner, until there are more
workers than there is work to share (ten 0.1 s tasks: 1, 4 and 8 workers).

    python3 pool_sleep.py [WORKERS] [MILLISECONDS ...]

Each task waits as long as its MILLISECONDS say (ten times 100 unless given): the fidelity test
hands it the waits the re-enacted thread-pool-io scenario drew.
"""

import sys
import time
from concurrent.futures import ThreadPoolExecutor


def fetch(wait):
    time.sleep(wait)  # a download, say
    return wait


def main():
    workers = int(sys.argv[1]) if len(sys.argv) > 1 else 4
    waits = [float(ms) / 1000 for ms in sys.argv[2:]] or [0.1] * 10
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        pages = list(pool.map(fetch, waits))
    print("%d workers: %d pages in %.2f s" % (workers, len(pages), time.perf_counter() - started))


if __name__ == "__main__":
    main()
