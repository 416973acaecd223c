#pragma once

#include <cstdint>
#include <string_view>

namespace interleave {

class WorkerContext;
struct ValueState;

/// multiprocessing.Value / a shared global: a 64-bit integer in shared memory. load() and store()
/// are separate, unsynchronised steps, so `v.store(v.load() + 1)` races exactly like
/// `val.value += 1`. Each read and write is recorded with its value, so a lost update can be
/// traced to the write that overwrote it.
class SharedValue {
public:
    static SharedValue create(WorkerContext& context, std::string_view name, std::int64_t initial);
    static SharedValue find(WorkerContext& context, std::string_view name);

    std::int64_t load();
    void store(std::int64_t value);
    /// The value without recording a read (for the parent's final report).
    std::int64_t peek() const;

    std::uint16_t id() const { return m_id; }

private:
    SharedValue(WorkerContext& context, std::uint16_t id);

    WorkerContext* m_context;
    std::uint16_t m_id;
    ValueState* m_state;
};

} // namespace interleave
