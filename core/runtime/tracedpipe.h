#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace interleave {

class WorkerContext;
struct PipeState;

/// multiprocessing.Pipe(duplex=False) on a real pipe(2): send() on one end, recv() on the other.
/// Each message carries a sequence number so the timeline can pair a send with its recv.
class TracedPipe {
public:
    static TracedPipe create(WorkerContext& context, std::string_view name);
    static TracedPipe find(WorkerContext& context, std::string_view name);

    void send(std::string_view message);
    std::string recv();

    std::uint16_t id() const { return m_id; }

private:
    TracedPipe(WorkerContext& context, std::uint16_t id);
    /// Waits (cancellably, with the GIL released) until `fd` is ready for `events`.
    void waitReady(int fd, short events);

    WorkerContext* m_context;
    std::uint16_t m_id;
    PipeState* m_state;
};

} // namespace interleave
