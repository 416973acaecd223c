"""One message through a Pipe from a child process to its parent.

    python3 pipe_message.py
"""

import multiprocessing
import time


def send_greeting(connection):
    time.sleep(0.05)
    connection.send(42)
    connection.close()


if __name__ == "__main__":
    receiving, sending = multiprocessing.Pipe()
    child = multiprocessing.Process(target=send_greeting, args=(sending,), name="sender")
    child.start()
    print("received", receiving.recv())
    child.join()
