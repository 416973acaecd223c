"""ThreadPoolExecutor over waiting tasks: more workers finish sooner, until there are more
workers than there is work to share (ten 0.1 s tasks: 1, 4 and 8 workers).

    python3 pool_sleep.py [WORKERS]
"""

import sys
import time
from concurrent.futures import ThreadPoolExecutor


def fetch(page):
    time.sleep(0.1)  # a download, say
    return page


def main():
    workers = int(sys.argv[1]) if len(sys.argv) > 1 else 4
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        pages = list(pool.map(fetch, range(10)))
    print("%d workers: %d pages in %.2f s" % (workers, len(pages), time.perf_counter() - started))


if __name__ == "__main__":
    main()
