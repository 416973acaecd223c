#pragma once

#include "engine/run.h"
#include "trace/tracestore.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace interleave::test {

/// Runs a scenario to its end with the given --set assignments and returns the final trace.
std::shared_ptr<TraceStore>
runScenario(const std::string& id,
            const std::vector<std::pair<std::string, std::string>>& sets = {});

/// A RunConfig for `id` with the built interleave-worker.
RunConfig configFor(const std::string& id,
                    const std::vector<std::pair<std::string, std::string>>& sets = {});

/// The lane named `name`, or null.
const Lane* laneNamed(const TraceStore& trace, const std::string& name);

/// Whether a process with this pid still exists (zombies count as gone).
bool processAlive(int pid);

/// Open file descriptors of this process.
int openFdCount();

/// Whether this process still maps any run segment (memfd "interleave-run").
bool segmentMapped();

/// Whether this is a sanitizer build (ASan, TSan): 2-10 times slower, and unevenly so.
constexpr bool sanitized()
{
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
    return true;
#else
    return false;
#endif
}

/// Lessons about time (ratios, overlaps, races won by timing) measure real cores at full speed:
/// a sanitizer build distorts what they measure, so they are skipped there (their logic is
/// still run by the dev build's suite; the sanitizers still check everything else).
#define INTERLEAVE_SKIP_TIMING_UNDER_SANITIZERS()                                                  \
    do {                                                                                           \
        if (::interleave::test::sanitized())                                                       \
            GTEST_SKIP() << "a lesson about timing: a sanitizer build distorts what it measures";  \
    } while (false)

/// A fresh empty directory under the test temp dir, removed with everything in it when the
/// object goes (also when an assertion ends the test early).
class TemporaryDirectory {
public:
    TemporaryDirectory();
    ~TemporaryDirectory();
    TemporaryDirectory(const TemporaryDirectory&) = delete;
    TemporaryDirectory& operator=(const TemporaryDirectory&) = delete;

    const std::string& path() const { return m_path; }

private:
    std::string m_path;
};

} // namespace interleave::test
