#pragma once

/// Reads the interpreter's own GIL: the mutex and condition variable CPython's take_gil() and
/// drop_gil() use are found through _PyRuntime and the offsets the build compiled in, and the
/// pthread calls on exactly those two objects are interposed. Nothing runs per bytecode.
namespace interleave::pytrace {

/// Finds the GIL of this interpreter; false (and nothing interposed) when the interpreter is
/// not the Python version the tracer was built for, or exports no _PyRuntime.
bool installGilProbe();
/// Stops looking at the GIL (after fork, or when the layout check fails).
void disableGilProbe();
/// In a forked child: only the forking thread goes on, holding the GIL (os.fork() keeps it
/// across the fork) on lane `lane`. Returns whether it holds the GIL.
bool gilProbeAfterFork(unsigned short lane);
/// The layout check, run by the shim once Python is up: the switch interval the probe reads
/// must be the one Python reports, and the calling thread must hold the GIL it reads.
bool validateGilProbe(unsigned long intervalUs, const void* threadState);

} // namespace interleave::pytrace
