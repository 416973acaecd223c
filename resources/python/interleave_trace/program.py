"""Runs the traced script as __main__ and reports how it ended: an uncaught exception (type,
message and the script's line) becomes an "uncaught exception" moment on the main lane, a
syntax error makes the run unusable input (exit status 2)."""

import json
import os
import runpy
import sys
import traceback

SYNTAX_ERROR_STATUS = 2


def _script_frames(tb, script):
    """The traceback from the script's first frame on (runpy's frames are ours, not its)."""
    while tb is not None and os.path.abspath(tb.tb_frame.f_code.co_filename) != script:
        tb = tb.tb_next
    return tb


def _last_script_line(tb, script):
    line = 0
    while tb is not None:
        if os.path.abspath(tb.tb_frame.f_code.co_filename) == script:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _report(extension, name, error, line, script):
    if extension is None:
        return
    detail = {
        "type": type(error).__name__,
        "message": str(error),
        "line": line,
        "file": os.path.basename(script),
    }
    extension.instant(name, json.dumps(detail))


def _flush_output():
    try:
        from . import output

        output.flush_partial_lines()
    except ImportError:
        pass


def run(script, extension):
    script = os.path.abspath(script)
    try:
        with open(script, "rb") as source_file:
            source = source_file.read()
        code = compile(source, script, "exec", dont_inherit=True)
    except SyntaxError as error:
        traceback.print_exception(type(error), error, None)
        _report(extension, "syntax error", error, error.lineno or 0, script)
        return SYNTAX_ERROR_STATUS
    except (OSError, ValueError) as error:
        sys.stderr.write("cannot read %s: %s\n" % (script, error))
        _report(extension, "syntax error", error, 0, script)
        return SYNTAX_ERROR_STATUS
    del code  # compiled once to tell a syntax error from a failure; runpy compiles its own
    try:
        runpy.run_path(script, run_name="__main__")
    except SystemExit:
        _flush_output()
        raise
    except BaseException as error:
        tb = error.__traceback__
        traceback.print_exception(type(error), error, _script_frames(tb, script))
        _flush_output()
        _report(extension, "uncaught exception", error, _last_script_line(tb, script), script)
        return 1
    _flush_output()
    return 0
