"""Read, sleep, write: two threads update one global. Without a lock an update is lost; with
one (python3 lost_update.py --lock) every update counts.

    python3 lost_update.py [--lock] [ROUNDS]
"""

import sys
import threading
import time

balance = 0
guard = threading.Lock()


def deposit(rounds, use_lock):
    global balance
    for _ in range(rounds):
        if use_lock:
            guard.acquire()
        seen = balance  # read
        time.sleep(0.005)  # the other thread runs meanwhile
        balance = seen + 1  # write what we read, plus one
        if use_lock:
            guard.release()


def main():
    use_lock = "--lock" in sys.argv
    numbers = [word for word in sys.argv[1:] if word.isdigit()]
    rounds = int(numbers[0]) if numbers else 5
    tellers = [
        threading.Thread(target=deposit, args=(rounds, use_lock), name="teller-%d" % i)
        for i in (1, 2)
    ]
    for teller in tellers:
        teller.start()
    for teller in tellers:
        teller.join()
    print("balance %d of %d" % (balance, 2 * rounds))


if __name__ == "__main__":
    main()
