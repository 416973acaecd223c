"""Interleave's recording hooks for a traced Python program.

Every hook records through `_interleave` (a C extension) onto the calling thread's lane; the
interpreter's GIL is read by the preloaded library itself. Nothing here runs per bytecode or per
function call: only the calls a lesson is about (threads, locks, queues, sleeps, output) pay.
"""

import os
import sys


def _extension():
    """`_interleave`, or its ctypes stand-in where the extension cannot serve: an interpreter
    of another version than the build's, or INTERLEAVE_INFER_GIL=1. None when not traced."""
    if os.environ.get("INTERLEAVE_INFER_GIL") != "1":
        try:
            import _interleave

            return _interleave
        except ImportError:
            pass
    try:
        from . import standin
    except ImportError:  # the tracer library is not loaded: nothing to record into
        return None
    sys.modules["_interleave"] = standin  # the hooks import it by that name
    return standin


_interleave = _extension()

from . import program


_installed = False


def install():
    """Installs the recording hooks once, when this interpreter is traced: in the program
    `interleave trace` started, and in every Python process it starts (spawn, forkserver,
    subprocess), which load them through Interleave's sitecustomize."""
    global _installed
    if _installed or _interleave is None or not _interleave.tracing():
        return
    _installed = True
    from . import mpsync, output, processes, queues, sync, threads

    sync.install()
    queues.install()
    threads.install()
    output.install()
    processes.install()
    mpsync.install()
    # A layout that fails the check is dropped; the tracer says so on the timeline.
    _interleave.validate_gil(sys.getswitchinterval())


def run(script):
    """Installs the hooks (when this interpreter is traced) and runs the script."""
    install()
    return program.run(script, _interleave)
