#include "runtime/tracedpipe.h"

#include "runtime/workercontext.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <new>
#include <poll.h>
#include <unistd.h>

namespace interleave {

namespace {
constexpr int kPollSliceMs = 50;
constexpr std::uint32_t kMaxMessage = 1u << 20;

struct FrameHeader {
    std::uint32_t length;
    std::uint32_t sequence;
};
} // namespace

TracedPipe::TracedPipe(WorkerContext& context, std::uint16_t id)
    : m_context(&context)
    , m_id(id)
    , m_state(reinterpret_cast<PipeState*>(context.segment().object(id).storage))
{
}

TracedPipe TracedPipe::create(WorkerContext& context, std::string_view name)
{
    int fds[2];
    // Close-on-exec: the launcher passes pipe ends to worker processes explicitly.
    if (pipe2(fds, O_CLOEXEC) != 0)
        throw SystemError("pipe2", errno);
    const std::uint16_t id = context.createObject(ObjectKind::Pipe, name, true);
    ObjectSlot& object = context.segment().object(id);
    auto* state = new (object.storage) PipeState{};
    state->readFd = fds[0];
    state->writeFd = fds[1];
    object.ready.store(1, std::memory_order_release);
    return TracedPipe(context, id);
}

TracedPipe TracedPipe::find(WorkerContext& context, std::string_view name)
{
    return TracedPipe(context, context.findObject(ObjectKind::Pipe, name));
}

void TracedPipe::waitReady(int fd, short events)
{
    pollfd p{fd, events, 0};
    if (poll(&p, 1, 0) > 0)
        return;
    m_context->releaseGil();
    for (;;) {
        m_context->cancel().throwIfRequested();
        p.revents = 0;
        const int rc = poll(&p, 1, kPollSliceMs);
        if (rc > 0)
            break;
        if (rc < 0 && errno != EINTR)
            throw SystemError("poll on a pipe", errno);
    }
}

void TracedPipe::send(std::string_view message)
{
    if (message.size() > kMaxMessage)
        throw UsageError("pipe message too large");
    const std::uint32_t sequence =
        m_state->sendSequence.fetch_add(1, std::memory_order_relaxed) + 1;
    const FrameHeader header{std::uint32_t(message.size()), sequence};
    std::string frame(sizeof header + message.size(), '\0');
    std::memcpy(frame.data(), &header, sizeof header);
    std::memcpy(frame.data() + sizeof header, message.data(), message.size());

    // Stamped before the bytes can reach the reader, so a send always precedes its recv.
    m_context->recorder().record(EventKind::PipeSend, m_id, sequence, message.size());
    std::size_t written = 0;
    while (written < frame.size()) {
        waitReady(m_state->writeFd, POLLOUT);
        const ssize_t n = write(m_state->writeFd, frame.data() + written, frame.size() - written);
        if (n < 0 && errno != EINTR && errno != EAGAIN)
            throw SystemError("write to a pipe", errno);
        if (n > 0)
            written += std::size_t(n);
    }
    m_context->reacquireGil();
}

std::string TracedPipe::recv()
{
    pollfd p{m_state->readFd, POLLIN, 0};
    if (poll(&p, 1, 0) <= 0)
        m_context->recorder().record(EventKind::PipeRecvBegin, m_id);

    auto readExactly = [this](char* out, std::size_t size) {
        std::size_t got = 0;
        while (got < size) {
            waitReady(m_state->readFd, POLLIN);
            const ssize_t n = read(m_state->readFd, out + got, size - got);
            if (n == 0)
                throw UsageError("pipe closed by the sender");
            if (n < 0 && errno != EINTR && errno != EAGAIN)
                throw SystemError("read from a pipe", errno);
            if (n > 0)
                got += std::size_t(n);
        }
    };
    FrameHeader header{};
    readExactly(reinterpret_cast<char*>(&header), sizeof header);
    if (header.length > kMaxMessage)
        throw UsageError("corrupt pipe message");
    std::string message(header.length, '\0');
    readExactly(message.data(), message.size());
    m_context->recorder().record(EventKind::PipeRecv, m_id, header.sequence, message.size());
    m_context->reacquireGil();
    return message;
}

} // namespace interleave
