#pragma once

#include <cstdint>

namespace interleave {

/// n! with GMP; returns the size of the result in bits. One uninterruptible C call, like
/// CPython's math.factorial.
std::uint64_t computeFactorial(std::uint64_t n);

/// Executes `count` emulated bytecodes: a fixed, optimiser-proof amount of integer work per step
/// (tens of nanoseconds, CPython's order of magnitude per simple bytecode).
void runBytecodes(std::uint64_t count);

} // namespace interleave
