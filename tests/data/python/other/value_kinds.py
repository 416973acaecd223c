"""Values of the kinds a program uses: an integer in place, a double and a bool written into an
integer through ctypes, a NaN (shown as 0), and the Value's lock taken by hand."""

import multiprocessing


def main():
    ratio = multiprocessing.Value("d", 0.5)
    count = multiprocessing.Value("i", 0)
    ratio.value = ratio.value + 2.0
    count.value = True
    count.value = count.value + 41
    print("double %.1f int %d" % (ratio.value, count.value))
    ratio.value = float("nan")
    print("nan read back: %s" % (ratio.value != ratio.value))
    count.acquire()  # the Value's lock taken by hand: traced like get_lock()
    count.value += 1
    count.release()


if __name__ == "__main__":
    main()
