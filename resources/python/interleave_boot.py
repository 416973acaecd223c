"""Runs a Python program under Interleave's tracer.

Started by `interleave trace` as `python3 interleave_boot.py SCRIPT [ARGS...]` with the tracer
library preloaded: installs the recording hooks, then runs SCRIPT as `__main__` with the
arguments, working directory and sys.path it would have had under `python3 SCRIPT ARGS`.
"""

import os
import sys


def _main():
    here = os.path.dirname(os.path.abspath(__file__))
    if len(sys.argv) < 2:
        sys.stderr.write("interleave_boot.py: no script given\n")
        return 2
    import interleave_trace  # found beside this file: sys.path[0] is still `here`

    script = sys.argv[1]
    sys.argv = sys.argv[1:]
    # The script's folder replaces ours, exactly as `python3 SCRIPT` would have it.
    sys.path[0] = os.path.dirname(os.path.abspath(script))
    if here in sys.path:
        sys.path.remove(here)
    return interleave_trace.run(script)


if __name__ == "__main__":
    sys.exit(_main())
