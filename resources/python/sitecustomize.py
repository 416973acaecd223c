"""Loads Interleave's recording hooks into every Python process a traced program starts.

`interleave trace` puts this folder first on PYTHONPATH, so each interpreter the program starts
(multiprocessing's spawn and forkserver children, a `subprocess` running Python) imports this
at start-up. The system's own sitecustomize, which this one hides, runs first, as it would have.
"""

import importlib.machinery
import importlib.util
import os
import sys


def _run_the_hidden_sitecustomize():
    here = os.path.dirname(os.path.abspath(__file__))
    rest = [entry for entry in sys.path if os.path.abspath(entry or ".") != here]
    spec = importlib.machinery.PathFinder.find_spec("sitecustomize", rest)
    if spec is None or spec.loader is None:
        return
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except Exception:  # as for a system sitecustomize that fails: start up regardless
        pass


def _install_hooks():
    try:
        import interleave_trace
    except ImportError:
        return
    interleave_trace.install()


def _leave_the_program_its_path():
    here = os.path.dirname(os.path.abspath(__file__))
    sys.path[:] = [entry for entry in sys.path if os.path.abspath(entry or ".") != here]


_run_the_hidden_sitecustomize()
_install_hooks()
_leave_the_program_its_path()
