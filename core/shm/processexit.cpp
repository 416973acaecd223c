#include "shm/processexit.h"

#include "base/futex.h"

#include <csignal>
#include <sys/wait.h>

namespace interleave {

int recordProcessFate(SharedSegment& segment, Recorder& recorder, std::uint32_t slot, pid_t pid,
                      int waitStatus, bool killedByUs)
{
    WorkerSlot& s = segment.slot(slot);
    ExitKind kind = ExitKind::Exited;
    std::uint64_t code = 0;
    int signal = 0;
    if (WIFSIGNALED(waitStatus)) {
        signal = WTERMSIG(waitStatus);
        kind = killedByUs ? ExitKind::Killed : ExitKind::Signaled;
        code = std::uint64_t(signal);
        s.exitCode.store(-signal, std::memory_order_relaxed);
    } else {
        code = std::uint64_t(WEXITSTATUS(waitStatus));
        s.exitCode.store(WEXITSTATUS(waitStatus), std::memory_order_relaxed);
    }
    // The pid too: a worker killed before its first event has told it nothing else.
    recorder.recordFor(workerOfSlot(slot), Clock::now(), EventKind::WorkerExit, 0, code,
                       std::uint64_t(std::uint32_t(pid)), std::uint8_t(kind));
    const bool endedCleanly =
        s.state.load(std::memory_order_acquire) >= std::uint32_t(SlotState::Ended);
    const bool crashed = kind != ExitKind::Exited || !endedCleanly;
    s.state.store(std::uint32_t(crashed ? SlotState::Crashed : SlotState::Exited),
                  std::memory_order_release);
    futexWakeAll(&s.state);
    return signal;
}

void endThreadLanesOf(SharedSegment& segment, Recorder& recorder, pid_t pid, int signal)
{
    const bool crashed = signal != 0;
    const std::uint32_t slots = segment.slotCount();
    for (std::uint32_t index = kFirstWorkerSlot; index < slots; ++index) {
        WorkerSlot& slot = segment.slot(index);
        const auto state = SlotState(slot.state.load(std::memory_order_acquire));
        if (slot.kind != SlotKind::Thread || state == SlotState::Free ||
            state >= SlotState::Ended || slot.pid.load(std::memory_order_relaxed) != pid)
            continue;
        if (crashed)
            recorder.recordFor(workerOfSlot(index), Clock::now(), EventKind::WorkerExit, 0,
                               std::uint64_t(signal), std::uint64_t(std::uint32_t(pid)),
                               std::uint8_t(ExitKind::Signaled));
        else
            recorder.recordFor(workerOfSlot(index), Clock::now(), EventKind::WorkerEnd, 0, 0, 0,
                               std::uint8_t(EndReason::Cancelled));
        slot.state.store(std::uint32_t(SlotState::Ended), std::memory_order_release);
        futexWakeAll(&slot.state);
    }
}

void killLiveProcesses(SharedSegment& segment, Recorder& recorder)
{
    const std::uint32_t slots = segment.slotCount();
    for (std::uint32_t index = kFirstWorkerSlot; index < slots; ++index) {
        WorkerSlot& slot = segment.slot(index);
        const auto state = SlotState(slot.state.load(std::memory_order_acquire));
        const pid_t pid = slot.pid.load(std::memory_order_relaxed);
        if (slot.kind != SlotKind::Process || state == SlotState::Free ||
            state >= SlotState::Exited || pid <= 0 || kill(pid, SIGKILL) != 0)
            continue;
        // Not our child: its status goes to whoever adopted it. Killed by the run, as asked.
        recordProcessFate(segment, recorder, index, pid, SIGKILL, true);
        endThreadLanesOf(segment, recorder, pid, SIGKILL);
    }
}

std::uint32_t processSlotOf(const SharedSegment& segment, pid_t pid)
{
    for (std::uint32_t index = segment.slotCount(); index-- > kFirstWorkerSlot;) {
        const WorkerSlot& slot = segment.slot(index);
        if (slot.kind == SlotKind::Process &&
            slot.state.load(std::memory_order_acquire) != std::uint32_t(SlotState::Free) &&
            slot.pid.load(std::memory_order_relaxed) == pid)
            return index;
    }
    return 0;
}

std::uint32_t liveProcessSlotOf(const SharedSegment& segment, pid_t pid)
{
    const std::uint32_t slots = segment.slotCount();
    for (std::uint32_t index = kFirstWorkerSlot; index < slots; ++index) {
        const WorkerSlot& slot = segment.slot(index);
        const auto state = SlotState(slot.state.load(std::memory_order_acquire));
        if (slot.kind == SlotKind::Process && state != SlotState::Free &&
            state < SlotState::Exited && slot.pid.load(std::memory_order_relaxed) == pid)
            return index;
    }
    return 0;
}

} // namespace interleave
