#pragma once

#include <string>
#include <vector>

namespace interleave {

/// Where the pieces of a traced Python run are: the interpreter, and the tracer's files that
/// the build puts beside the binaries (bin/python/: the preloaded library, the _interleave
/// extension, the shim, the lesson programs).
struct PythonSetup {
    std::string interpreter; ///< Absolute path of the python3 to run.
    std::string tracerDir;   ///< Folder with libinterleave_pytrace.so and interleave_boot.py.

    std::string preloadLibrary() const { return tracerDir + "/libinterleave_pytrace.so"; }
    std::string bootScript() const { return tracerDir + "/interleave_boot.py"; }
    std::string lessonsDir() const { return tracerDir + "/lessons"; }
};

/// The tracer's folder: $INTERLEAVE_PYTHON_DIR, else python/ beside the running executable,
/// else ../lib/interleave/python (an installed layout). Throws UsageError when none has it.
std::string findTracerDir();

/// `requested` (a path, or a name looked up on PATH), or python3 on PATH. Throws UsageError
/// with one line when there is none, naming the Debian package to install.
std::string findPythonInterpreter(const std::string& requested = {});

PythonSetup findPythonSetup(const std::string& requestedInterpreter = {});

/// Refuses what cannot be a Python script, with one line: missing, a directory or another
/// non-regular file, unreadable, binary (a NUL byte in its first 64 KiB), or neither *.py /
/// *.pyw nor a file starting with a python #! line. Returns the script's absolute path.
std::string checkPythonScript(const std::string& path);

} // namespace interleave
