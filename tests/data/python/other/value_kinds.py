"""Values of the kinds a program uses: an integer is read and written by the tracer's C
accessor; a double, and a bool written into an integer, by its Python one. Both record."""

import multiprocessing


def main():
    ratio = multiprocessing.Value("d", 0.5)
    count = multiprocessing.Value("i", 0)
    ratio.value = ratio.value + 2.0
    count.value = True
    count.value = count.value + 41
    print("double %.1f int %d" % (ratio.value, count.value))


if __name__ == "__main__":
    main()
