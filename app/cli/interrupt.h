#pragma once

#include <atomic>
#include <csignal>
#include <string>

namespace interleave::cli {

/// While alive, Ctrl-C and SIGTERM only raise a flag (so a run can stop cleanly and still save
/// what it recorded); the previous handlers come back afterwards.
class InterruptGuard {
public:
    InterruptGuard();
    ~InterruptGuard();
    InterruptGuard(const InterruptGuard&) = delete;
    InterruptGuard& operator=(const InterruptGuard&) = delete;

    bool interrupted() const { return s_interrupted.load(); }
    const std::atomic<bool>* flag() const { return &s_interrupted; }

private:
    static void onSignal(int);
    static std::atomic<bool> s_interrupted;
    struct sigaction m_previousInt {};
    struct sigaction m_previousTerm {};
};

/// "YYYYMMDD-HHMMSS" in local time, for default file names.
std::string timestamp();

} // namespace interleave::cli
