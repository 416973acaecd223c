"""multiprocessing under the tracer: a Pool and a Process with a Queue, by each start method.

    python3 multiprocessing_methods.py fork|spawn|forkserver
"""

import multiprocessing
import sys


def square(number):
    return number * number


if __name__ == "__main__":
    method = sys.argv[1] if len(sys.argv) > 1 else "fork"
    context = multiprocessing.get_context(method)
    with context.Pool(2) as pool:
        print(method, sum(pool.map(square, range(100))))
    results = context.Queue()
    child = context.Process(target=results.put, args=(42,))
    child.start()
    print("got", results.get())
    child.join()
