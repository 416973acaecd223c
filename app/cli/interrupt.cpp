#include "cli/interrupt.h"

#include <ctime>

namespace interleave::cli {

std::atomic<bool> InterruptGuard::s_interrupted{false};

void InterruptGuard::onSignal(int)
{
    s_interrupted = true;
}

InterruptGuard::InterruptGuard()
{
    s_interrupted = false;
    struct sigaction action {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, &m_previousInt);
    sigaction(SIGTERM, &action, &m_previousTerm);
}

InterruptGuard::~InterruptGuard()
{
    sigaction(SIGINT, &m_previousInt, nullptr);
    sigaction(SIGTERM, &m_previousTerm, nullptr);
}

std::string timestamp()
{
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &local);
    return stamp;
}

} // namespace interleave::cli
