#include "engine/processsupervisor.h"

#include "base/errors.h"
#include "base/futex.h"
#include "base/threadname.h"
#include "shm/processexit.h"

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/eventfd.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace interleave {

namespace {

int openPidfd(pid_t pid)
{
#ifdef SYS_pidfd_open
    return int(syscall(SYS_pidfd_open, pid, 0));
#else
    (void)pid;
    return -1;
#endif
}

/// posix_spawn with a clean signal state, its own process group (so a terminal's Ctrl-C reaches
/// only the parent, which then stops the run in order) and only the requested descriptors.
pid_t spawnProcess(const SpawnRequest& request, int& error)
{
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    for (int fd : request.keepFds)
        posix_spawn_file_actions_adddup2(&actions, fd, fd); // same fd: clears close-on-exec
    if (request.stdinFromNull)
        posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    if (request.outputToNull) {
        posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
        posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
    }
    if (!request.workingDirectory.empty())
        posix_spawn_file_actions_addchdir_np(&actions, request.workingDirectory.c_str());

    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    sigset_t none, defaults;
    sigemptyset(&none);
    sigemptyset(&defaults);
    for (int sig : {SIGINT, SIGTERM, SIGPIPE, SIGCHLD, SIGHUP, SIGQUIT})
        sigaddset(&defaults, sig);
    posix_spawnattr_setsigmask(&attributes, &none);
    posix_spawnattr_setsigdefault(&attributes, &defaults);
    posix_spawnattr_setpgroup(&attributes, 0);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF |
                                              POSIX_SPAWN_SETPGROUP);

    std::vector<char*> argv;
    for (const std::string& arg : request.argv)
        argv.push_back(const_cast<char*>(arg.c_str()));
    argv.push_back(nullptr);

    std::vector<char*> environment;
    for (const std::string& variable : request.environment)
        environment.push_back(const_cast<char*>(variable.c_str()));
    environment.push_back(nullptr);

    pid_t pid = 0;
    error = posix_spawn(&pid, argv[0], &actions, &attributes, argv.data(),
                        request.program ? environment.data() : environ);
    posix_spawnattr_destroy(&attributes);
    posix_spawn_file_actions_destroy(&actions);
    return error == 0 ? pid : 0;
}

} // namespace

ProcessSupervisor::ProcessSupervisor(SharedSegment& segment, ExitHandler onExit)
    : m_segment(segment)
    , m_onExit(std::move(onExit))
    , m_recorder(segment.producer(kReaperSlot), kNoWorker)
{
    m_wakeFd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (m_wakeFd < 0)
        throw SystemError("eventfd", errno);
}

ProcessSupervisor::~ProcessSupervisor()
{
    stop();
    if (m_wakeFd >= 0)
        close(m_wakeFd);
}

void ProcessSupervisor::start()
{
    m_thread = std::thread([this] { loop(); });
}

void ProcessSupervisor::wake()
{
    const std::uint64_t one = 1;
    [[maybe_unused]] const ssize_t n = write(m_wakeFd, &one, sizeof one);
}

pid_t ProcessSupervisor::spawn(const SpawnRequest& request)
{
    PendingSpawn pending;
    pending.request = &request;
    std::unique_lock lock(m_mutex);
    if (m_stopping || !m_thread.joinable())
        throw SystemError("spawn after the run ended", ECANCELED);
    m_pending.push_back(&pending);
    wake();
    m_changed.wait(lock, [&] { return pending.done; });
    if (pending.error != 0)
        throw SystemError("cannot start " + request.argv.front(), pending.error);
    return pending.pid;
}

std::size_t ProcessSupervisor::aliveCount() const
{
    std::lock_guard lock(m_mutex);
    return m_children.size();
}

bool ProcessSupervisor::waitAllExited(std::chrono::milliseconds timeout)
{
    std::unique_lock lock(m_mutex);
    return m_changed.wait_for(lock, timeout, [this] { return m_children.empty(); });
}

void ProcessSupervisor::killAll()
{
    std::lock_guard lock(m_mutex);
    for (Child& child : m_children) {
        if (!child.killed) {
            child.killed = true;
            // Each child leads its own process group: what it started goes with it.
            kill(-child.pid, SIGKILL);
            kill(child.pid, SIGKILL);
        }
    }
}

void ProcessSupervisor::interruptPrograms()
{
    std::lock_guard lock(m_mutex);
    for (const Child& child : m_children) {
        if (child.program && !child.killed)
            kill(-child.pid, SIGINT);
    }
}

void ProcessSupervisor::stop()
{
    if (!m_thread.joinable())
        return;
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    killAll();
    wake();
    m_thread.join();
}

void ProcessSupervisor::serveSpawns()
{
    std::unique_lock lock(m_mutex);
    while (!m_pending.empty()) {
        PendingSpawn* pending = m_pending.front();
        m_pending.pop_front();
        lock.unlock();
        int error = 0;
        const pid_t pid = spawnProcess(*pending->request, error);
        Child child;
        if (pid > 0) {
            child.pid = pid;
            child.pidfd = openPidfd(pid);
            child.slot = pending->request->slot;
            child.program = pending->request->program;
            // The parent knows the pid first; the child writes it again when it starts.
            m_segment.slot(child.slot).pid.store(pid, std::memory_order_relaxed);
        }
        lock.lock();
        if (pid > 0)
            m_children.push_back(child);
        pending->pid = pid;
        pending->error = error;
        pending->done = true;
        m_changed.notify_all();
    }
}

void ProcessSupervisor::handleExit(const Child& child, int status)
{
    const int signal =
        recordProcessFate(m_segment, m_recorder, child.slot, child.pid, status, child.killed);
    if (child.program) {
        // Whatever the program left behind (os._exit with children running) ends with it.
        kill(-child.pid, SIGKILL);
        endThreadLanesOf(m_segment, m_recorder, child.pid, signal);
        killLiveProcesses(m_segment, m_recorder);
    }
    if (m_onExit)
        m_onExit(child.slot, status, child.killed);
}

void ProcessSupervisor::reap()
{
    std::vector<Child> children;
    {
        std::lock_guard lock(m_mutex);
        children = m_children;
    }
    for (const Child& child : children) {
        int status = 0;
        const pid_t done = waitpid(child.pid, &status, WNOHANG);
        if (done != child.pid)
            continue;
        Child exited = child;
        {
            std::lock_guard lock(m_mutex);
            for (auto it = m_children.begin(); it != m_children.end(); ++it) {
                if (it->pid == child.pid) {
                    exited.killed = it->killed;
                    m_children.erase(it);
                    break;
                }
            }
        }
        if (exited.pidfd >= 0)
            close(exited.pidfd);
        handleExit(exited, status);
        std::lock_guard lock(m_mutex);
        m_changed.notify_all();
    }
}

void ProcessSupervisor::loop()
{
    nameThisThread("il-processes");
    for (;;) {
        std::vector<pollfd> fds;
        fds.push_back(pollfd{m_wakeFd, POLLIN, 0});
        bool missingPidfd = false;
        {
            std::lock_guard lock(m_mutex);
            for (const Child& child : m_children) {
                if (child.pidfd >= 0)
                    fds.push_back(pollfd{child.pidfd, POLLIN, 0});
                else
                    missingPidfd = true;
            }
        }
        poll(fds.data(), fds.size(), missingPidfd ? 5 : 200);
        std::uint64_t drained = 0;
        [[maybe_unused]] const ssize_t n = read(m_wakeFd, &drained, sizeof drained);

        serveSpawns();
        reap();

        std::lock_guard lock(m_mutex);
        if (m_stopping && m_children.empty() && m_pending.empty())
            break;
    }
}

} // namespace interleave
