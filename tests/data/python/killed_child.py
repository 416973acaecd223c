"""A child process killed with SIGKILL (kill -9) in the middle of its work.

    python3 killed_child.py
"""

import multiprocessing
import os
import signal
import time


def work():
    for step in range(100):
        print("step", step, flush=True)
        time.sleep(0.01)


if __name__ == "__main__":
    child = multiprocessing.Process(target=work, name="doomed")
    child.start()
    time.sleep(0.3)
    os.kill(child.pid, signal.SIGKILL)
    child.join()
    print("child exit code", child.exitcode)
