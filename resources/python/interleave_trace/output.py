"""sys.stdout and sys.stderr, traced: each complete line is recorded on the lane of the thread
that wrote it (partial lines wait per thread), and everything still goes to the real stream
unchanged."""

import sys
import threading

import _interleave

_LONGEST_LINE = 4096


class TracedStream:
    def __init__(self, stream, is_error):
        self._il_stream = stream
        self._il_error = is_error
        self._il_partial = {}

    def write(self, text):
        written = self._il_stream.write(text)
        if type(text) is str and text:
            self._il_capture(text)
        return written

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def _il_capture(self, text):
        ident = threading.get_ident()
        pending = self._il_partial.pop(ident, "") + text
        *lines, rest = pending.split("\n")
        for line in lines:
            _interleave.output_line(line[:_LONGEST_LINE], self._il_error)
        if len(rest) > _LONGEST_LINE:
            _interleave.output_line(rest[:_LONGEST_LINE], self._il_error)
        elif rest:
            self._il_partial[ident] = rest

    def il_flush_partial(self):
        for ident, rest in list(self._il_partial.items()):
            _interleave.output_line(rest, self._il_error)
        self._il_partial.clear()

    def __getattr__(self, name):
        return getattr(self._il_stream, name)

    def __iter__(self):
        return iter(self._il_stream)


def install():
    if sys.stdout is not None:
        sys.stdout = TracedStream(sys.stdout, False)
    if sys.stderr is not None:
        sys.stderr = TracedStream(sys.stderr, True)


def flush_partial_lines():
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, TracedStream):
            stream.il_flush_partial()
