"""Names of traced objects and the rule for which ones are traced at all.

Objects the standard library creates for itself (the Condition inside a Queue, the Lock inside
an Event) stay untraced: the timeline shows what the program's own code made, named after the
line that made it ("Lock counter.py:12").
"""

import os
import sys
import sysconfig

_OWN_DIR = os.path.dirname(os.path.abspath(__file__))
_STDLIB_DIRS = tuple(
    {
        os.path.normcase(os.path.abspath(sysconfig.get_paths()[key])) + os.sep
        for key in ("stdlib", "platstdlib")
    }
)
_site_counts = {}


def _is_library(filename):
    if filename.startswith("<frozen "):
        return True
    path = os.path.normcase(os.path.abspath(filename))
    if path.startswith(_OWN_DIR + os.sep):
        return True
    return path.startswith(_STDLIB_DIRS) and "site-packages" not in path and "dist-packages" not in path


def creation_site(kind, depth=2):
    """The name for a new traced object of `kind`, or None when library code creates it."""
    frame = sys._getframe(depth)
    while frame is not None and os.path.dirname(
        os.path.abspath(frame.f_code.co_filename)
    ) == _OWN_DIR:
        frame = frame.f_back
    if frame is None or _is_library(frame.f_code.co_filename):
        return None
    site = "%s %s:%d" % (kind, os.path.basename(frame.f_code.co_filename), frame.f_lineno)
    count = _site_counts.get(site, 0) + 1
    _site_counts[site] = count
    return site if count == 1 else "%s #%d" % (site, count)


class TracedOnlyForTheProgram:
    """Base of a traced class: library code (a Queue's Conditions and locks, a Thread's Event,
    a Pool's queues) gets `_il_original` instead, with no traced layer in its way, so only
    objects the program's own code creates are traced. The site found is left in `_il_site`
    for __init__ to name the object after."""

    _il_original = None
    _il_kind = ""

    def __new__(cls, *args, **kwargs):
        site = creation_site(cls._il_kind)
        if site is None and cls._il_original is not None:
            return cls._il_original(*args, **kwargs)
        instance = super().__new__(cls)
        instance._il_site = site
        return instance
