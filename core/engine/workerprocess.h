#pragma once

namespace interleave {

/// main() of interleave-worker: maps the run's inherited segment, arranges to die with its
/// parent, and runs its scenario role. Exit status 0 when the role returned or was cancelled,
/// 1 when it failed, 3 when it could not even start (bad arguments, foreign segment).
int runWorkerProcess(int argc, char** argv);

} // namespace interleave
