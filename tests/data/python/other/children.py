"""Every kind of child process, for the tracer: a multiprocessing child that starts one of
its own, a plain os.fork() that exits with status 3, a subprocess running another program and
one running Python again.

    python3 children.py
"""

import multiprocessing
import os
import subprocess
import sys
import time


def grandchild():
    time.sleep(0.02)


def child():
    p = multiprocessing.Process(target=grandchild, name="grandchild")
    p.start()
    p.join()


if __name__ == "__main__":
    p = multiprocessing.Process(target=child, name="child")
    p.start()
    p.join()
    pid = os.fork()
    if pid == 0:
        time.sleep(0.02)
        os._exit(3)
    os.waitpid(pid, 0)
    subprocess.run(["sleep", "0.05"])
    subprocess.run([sys.executable, "-c", "import time; print('python child'); time.sleep(0.03)"])
    print("done")
