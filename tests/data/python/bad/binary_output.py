import sys

sys.stdout.buffer.write(bytes(range(256)) + b"\n")
sys.stdout.flush()
print("caf\udce9 after bytes".encode("utf-8", "surrogateescape").decode("utf-8", "surrogateescape"))
print("done")
