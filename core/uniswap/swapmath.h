#pragma once
// Small exact computations around a swap: the minimum out from a quote and a slippage, the price
// impact against the pool's mid price, and the execution price in words.

#include "common/error.h"
#include "eth/u256.h"

#include <QString>

namespace apedesk::uniswap {

using eth::u256;

constexpr int kMinSlippageBps = 1;      // 0.01 %
constexpr int kMaxSlippageBps = 5000;   // 50 %

// floor(quotedOut · (10000 − slippageBps) / 10000) for slippageBps in [1, 5000]. Never 0: a quote of 0,
// or one so small that the slippage leaves nothing, is an Error ("amount too small for this slippage"),
// because a minimum of 0 accepts any price.
Result<u256> minimumOut(const u256 &quotedOut, int slippageBps);

// How much worse the execution price amountOut/amountIn is than the mid price before the swap, in
// percent (0.25 means 0.25 % worse; negative means better than mid). Includes the pool fee. Computed
// as an exact rational over the big integers and only then turned into a double. The decimals cancel
// out (both prices are in the same units) and are taken so callers state what the amounts are.
// Returns 0 when amountIn or sqrtPriceX96Before is 0 (nothing to compare).
double priceImpactPercent(const u256 &sqrtPriceX96Before, bool zeroForOne, const u256 &amountIn,
                          const u256 &amountOut, int decimals0, int decimals1);

// USDC per ETH of a trade, usdcUnits·10^12 / ethWei (18 and 6 decimals), as exact decimal text
// truncated to `fractionDigits` and trimmed like formatUnits: executionPrice(1e17, 299808967) ==
// "2998.08967". Empty when ethWei is 0.
QString executionPrice(const u256 &ethWei, const u256 &usdcUnits, int fractionDigits = 6);

} // namespace apedesk::uniswap
