#pragma once

#include <cstdint>
#include <memory>

namespace interleave {

class TraceStore;

struct SyntheticTraceSpec {
    std::uint64_t events = 1'000'000; ///< Total lane events, approximately.
    std::uint16_t lanes = 8;
    std::uint64_t seed = 1;
    bool finalize = true;
};

/// A large, plausible trace for benchmarks and stress tests: GIL-mode threads that take turns
/// computing, print, lock, use a queue and sleep, with realistic gaps between events. It goes
/// through TraceStore::appendEvent like a live recording, so spans and counters are derived the
/// same way.
std::shared_ptr<TraceStore> makeSyntheticTrace(const SyntheticTraceSpec& spec);

} // namespace interleave
