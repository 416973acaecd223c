"""What multiprocessing makes for itself (a Queue's own lock and semaphore) stays its own class,
with nothing traced in its way; what the program makes is traced. A SimpleQueue, which has no
qsize(), still shows its depth after every put and get."""

import multiprocessing
import multiprocessing.synchronize as synchronize


def main():
    jobs = multiprocessing.Queue()
    mine = multiprocessing.Lock()
    plain = type(jobs._rlock) is synchronize.Lock and type(jobs._sem) is synchronize.BoundedSemaphore
    print("library objects plain: %s, program lock traced: %s" % (plain, type(mine) is not synchronize.Lock))
    simple = multiprocessing.SimpleQueue()
    simple.put(1)
    simple.put(2)
    simple.get()
    simple.put(3)
    simple.get()
    simple.get()
    try:
        simple.get(timeout=0.1)
    except TypeError:
        print("a SimpleQueue's get takes no timeout")
    jobs.put("done")
    print("got", jobs.get())


if __name__ == "__main__":
    main()
