#include "runtime/workload.h"

#include <gmp.h>

namespace interleave {

std::uint64_t computeFactorial(std::uint64_t n)
{
    mpz_t result;
    mpz_init(result);
    mpz_fac_ui(result, static_cast<unsigned long>(n));
    const std::uint64_t bits = mpz_sizeinbase(result, 2);
    mpz_clear(result);
    return bits;
}

void runBytecodes(std::uint64_t count)
{
    // A dependent chain of multiply/xor/rotate so the compiler can neither vectorise nor skip it;
    // the volatile sink keeps the result alive.
    static volatile std::uint64_t sink = 0;
    std::uint64_t x = sink + 0x9E3779B97F4A7C15ull;
    for (std::uint64_t i = 0; i < count; ++i) {
        for (int k = 0; k < 12; ++k) {
            x ^= x >> 29;
            x *= 0xBF58476D1CE4E5B9ull;
            x = (x << 17) | (x >> 47);
        }
    }
    sink = x;
}

} // namespace interleave
