#pragma once
// Exact integer conversions between ticks and sqrtPriceX96, bit for bit as Uniswap's pools compute
// them, and exact prices from sqrtPriceX96 with the tokens' decimals (no float shortcut, no fallback).

#include "common/error.h"
#include "eth/u256.h"

#include <QString>

namespace apedesk::uniswap {

using eth::u256;

constexpr int kMinTick = -887272;
constexpr int kMaxTick = 887272;
u256 minSqrtPrice();   // sqrtPriceAtTick(kMinTick)
u256 maxSqrtPrice();   // sqrtPriceAtTick(kMaxTick)

// sqrt(1.0001^tick) · 2^96, rounded up, for tick in [kMinTick, kMaxTick].
Result<u256> sqrtPriceAtTick(int tick);
// The greatest tick whose sqrtPriceAtTick is <= sqrtPriceX96; sqrtPriceX96 in [minSqrtPrice, maxSqrtPrice).
Result<int> tickAtSqrtPrice(const u256 &sqrtPriceX96);

// floor(sqrt(price · 10^decimals1 / 10^decimals0) · 2^96): the sqrtPriceX96 of a human price
// "token1 per token0" given as a decimal string such as "3000" or "2456.75".
Result<u256> sqrtPriceFromPrice(const QString &price, int decimals0, int decimals1);

// Price of token0 in token1 as an exact decimal string with `fractionDigits` digits after the point
// (truncated): sqrtPriceX96² / 2^192 · 10^decimals0 / 10^decimals1.
QString priceFromSqrtPrice(const u256 &sqrtPriceX96, int decimals0, int decimals1, int fractionDigits = 18);
// The same as a double, computed from the exact rational (relative error ~1e-16).
double priceFromSqrtPriceDouble(const u256 &sqrtPriceX96, int decimals0, int decimals1);

// Rounds a tick down (toward -inf) to a multiple of the spacing.
int alignTick(int tick, int tickSpacing);

} // namespace apedesk::uniswap
