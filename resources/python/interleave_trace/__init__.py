"""Interleave's recording hooks for a traced Python program.

Every hook records through `_interleave` (a C extension) onto the calling thread's lane; the
interpreter's GIL is read by the preloaded library itself. Nothing here runs per bytecode or per
function call: only the calls a lesson is about (threads, locks, queues, sleeps, output) pay.
"""

import sys

try:
    import _interleave
except ImportError:  # another Python version than the one Interleave was built for
    _interleave = None

from . import program


def run(script):
    """Installs the hooks (when this interpreter is traced) and runs the script."""
    if _interleave is not None and _interleave.tracing():
        from . import output, queues, sync, threads

        sync.install()
        queues.install()
        threads.install()
        output.install()
        if not _interleave.validate_gil(sys.getswitchinterval()):
            _interleave.instant("gil inferred", '{"reason": "GIL layout not recognised"}')
    return program.run(script, _interleave)
