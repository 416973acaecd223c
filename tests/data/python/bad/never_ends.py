import os
import subprocess
import sys
import threading
import time

# A child process and a thread that would outlive a careless stop.
child = subprocess.Popen(["sleep", "600"])
with open(sys.argv[1], "w") as note:
    note.write("%d %d\n" % (os.getpid(), child.pid))
threading.Thread(target=time.sleep, args=(600,), name="sleeper").start()
while True:
    time.sleep(0.1)
