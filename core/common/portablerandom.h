#pragma once
// Random draws that are the same on every platform: std::mt19937_64 is specified bit for bit, but
// <random>'s distributions are not (each standard library has its own algorithms), so seeded runs
// (training batches, dropout masks, simulated markets, client sampling, DP noise) draw through these.

#include <cstdint>
#include <limits>
#include <random>

namespace apedesk {

// A uniform double in [0, 1) from the engine's top 53 bits.
inline double uniform01(std::mt19937_64 &engine)
{
    return double(engine() >> 11) * 0x1.0p-53;
}

// An unbiased draw in [0, bound) by rejection; bound > 0.
inline std::uint64_t uniformBelow(std::mt19937_64 &engine, std::uint64_t bound)
{
    const std::uint64_t max = std::numeric_limits<std::uint64_t>::max();
    const std::uint64_t limit = max - max % bound;
    std::uint64_t x;
    do
        x = engine();
    while (x >= limit);
    return x % bound;
}

// splitmix64: spreads a seed over the whole seed space, so derived streams (seed + 1, a round, a
// venue) are unrelated rather than neighbouring.
inline std::uint64_t splitMix64(std::uint64_t x)
{
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

} // namespace apedesk
