import ctypes
import threading
import time

threading.Thread(target=time.sleep, args=(30,), name="bystander", daemon=True).start()
time.sleep(0.05)
ctypes.string_at(0)  # reads address 0: SIGSEGV
