"""A thread blocked on a Lock waits for whoever holds it: here `holder` keeps the lock for
0.2 s while `waiter` asks for it."""

import threading
import time

door = threading.Lock()
holding = threading.Event()


def hold():
    with door:
        holding.set()
        time.sleep(0.2)


def wait():
    holding.wait()
    with door:
        print("waiter got the lock")


holder = threading.Thread(target=hold, name="holder")
waiter = threading.Thread(target=wait, name="waiter")
holder.start()
waiter.start()
holder.join()
waiter.join()
