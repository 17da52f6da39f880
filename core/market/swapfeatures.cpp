#include "swapfeatures.h"

#include <algorithm>
#include <cmath>

namespace apedesk::market {

namespace {

constexpr int kVolatilityRows = 3;
constexpr int kVolumeMaRows = 5;

// Sample standard deviation (ddof 1) of values[from..to], two passes; 0 for a single value.
double sampleStd(const QVector<ProcessedSwap> &rows, int from, int to)
{
    const int n = to - from + 1;
    if (n < 2)
        return 0;
    double sum = 0;
    for (int i = from; i <= to; ++i)
        sum += rows[i].price;
    const double mean = sum / n;
    double squares = 0;
    for (int i = from; i <= to; ++i) {
        const double d = rows[i].price - mean;
        squares += d * d;
    }
    return std::sqrt(squares / (n - 1));
}

double meanVolume(const QVector<ProcessedSwap> &rows, int from, int to)
{
    double sum = 0;
    for (int i = from; i <= to; ++i)
        sum += rows[i].volume;
    return sum / (to - from + 1);
}

} // namespace

QVector<ProcessedSwap> processSwaps(QList<PoolSwap> swaps)
{
    std::stable_sort(swaps.begin(), swaps.end(), [](const PoolSwap &a, const PoolSwap &b) {
        return a.blockNumber != b.blockNumber ? a.blockNumber < b.blockNumber : a.logIndex < b.logIndex;
    });

    QVector<ProcessedSwap> rows;
    rows.reserve(swaps.size());
    for (PoolSwap &swap : swaps) {
        ProcessedSwap row;
        const SwapPoint point = toSwapPoint(swap);   // price, amount0 / 1e18, amount1 / 1e6
        row.price = point.price;
        row.amount0Eth = point.ethAmount;
        row.amount1Usdc = point.usdcAmount;
        row.volume = std::abs(row.amount1Usdc);
        row.liquidityUsage = row.volume / (swap.liquidity.convert_to<double>() + 1.0);
        row.swap = std::move(swap);
        rows.push_back(std::move(row));
    }
    for (int i = 0; i < rows.size(); ++i) {
        ProcessedSwap &row = rows[i];
        row.volatility = sampleStd(rows, std::max(0, i - (kVolatilityRows - 1)), i);
        row.volumeMa = meanVolume(rows, std::max(0, i - (kVolumeMaRows - 1)), i);
        if (i > 0) {
            const PoolSwap &previous = rows[i - 1].swap;
            row.tickChange = static_cast<double>(row.swap.tick - previous.tick);
            row.timeDiff = static_cast<double>(row.swap.timestamp - previous.timestamp);
        }
    }
    return rows;
}

} // namespace apedesk::market
