#pragma once
// The processed swap features of the tutorial (seed facts §3, process_raw_data.py), with its two
// data bugs corrected: the price comes from sqrtPriceX96 with exact integer math (not from the
// rounded tick), and rows are in (block, log index) order (not an unstable sort by timestamp).

#include "pooltypes.h"

#include <QList>
#include <QVector>

namespace apedesk::market {

struct ProcessedSwap
{
    PoolSwap swap;
    // USDC per ETH after the swap: priceFromSqrtPriceX96(sqrtPriceX96) = sqrtP² · 10^12 / 2^192,
    // exact up to the final rounding to double.
    double price = 0;
    double amount0Eth = 0;       // amount0 / 1e18, signed (negative: the swapper paid ETH in)
    double amount1Usdc = 0;      // amount1 / 1e6, signed
    double volume = 0;           // |amount1Usdc|
    // Sample standard deviation (ddof 1) of price over this row and the two before it; with fewer
    // rows (min_periods 1) over those there are; a single value (NaN in pandas) gives 0.
    double volatility = 0;
    // Mean of volume over this row and the four before it. min_periods 1 (pandas' default would be
    // 5, leaving the first four rows NaN): the first rows average what there is, so no row is NaN,
    // as in the volatility column.
    double volumeMa = 0;
    double tickChange = 0;       // tick − the previous row's tick; 0 on the first row
    double timeDiff = 0;         // timestamp − the previous row's, in seconds; 0 on the first row
    // volume / (liquidity + 1), liquidity converted to double first (as pandas does).
    double liquidityUsage = 0;
};

// Sorts the swaps by (block, log index), keeping the given order among equal keys, and derives the
// features above. Rolling windows and differences run over the rows in that order.
QVector<ProcessedSwap> processSwaps(QList<PoolSwap> swaps);

} // namespace apedesk::market
