import threading
import time

started = threading.Barrier(501)


def wait_for_all():
    started.wait()
    time.sleep(0.01)


threads = [threading.Thread(target=wait_for_all, name="t%03d" % i) for i in range(500)]
for thread in threads:
    thread.start()
started.wait()
for thread in threads:
    thread.join()
print("500 threads done")
