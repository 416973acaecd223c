"""Starts processes of every kind and never ends: a daemon and a plain multiprocessing child,
a bare os.fork(), a child in a session of its own and a `sleep` subprocess. Interleave's Stop
must end all of them.

    python3 leaves_processes.py PIDFILE
"""

import multiprocessing
import os
import subprocess
import sys
import time


def forever():
    while True:
        time.sleep(0.05)


def escape():
    os.setsid()  # out of the program's process group
    forever()


if __name__ == "__main__":
    pids = []
    for name, daemon, target in (("daemon", True, forever), ("plain", False, forever),
                                 ("escaped", False, escape)):
        child = multiprocessing.Process(target=target, name=name, daemon=daemon)
        child.start()
        pids.append(child.pid)
    pid = os.fork()
    if pid == 0:
        forever()
    pids.append(pid)
    pids.append(subprocess.Popen(["sleep", "60"]).pid)
    pids.append(os.getpid())
    with open(sys.argv[1], "w") as out:
        out.write(" ".join(str(p) for p in pids))
    print("started", len(pids) - 1, "children", flush=True)
    forever()
