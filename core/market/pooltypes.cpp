#include "pooltypes.h"

#include <boost/multiprecision/cpp_int.hpp>

#include <cmath>

namespace apedesk::market {

namespace {
struct MetaTypes
{
    MetaTypes()
    {
        qRegisterMetaType<PoolSwap>();
        qRegisterMetaType<QList<PoolSwap>>();
        qRegisterMetaType<SwapPoint>();
        qRegisterMetaType<QVector<SwapPoint>>();
        qRegisterMetaType<PoolMetrics>();
        qRegisterMetaType<CollectProgress>();
        qRegisterMetaType<CollectResult>();
        qRegisterMetaType<SimulatorConfig>();
        qRegisterMetaType<SimulatorState>();
    }
};
const MetaTypes registerOnLoad;

double i256ToDouble(const eth::i256 &value, double scale)
{
    // Amounts are int128: exact to double's 53 bits, then one division.
    return value.convert_to<double>() / scale;
}
} // namespace

QString chainKey(quint64 chainId, bool localNode)
{
    return localNode ? QString::number(chainId) + QStringLiteral("-local") : QString::number(chainId);
}

bool operator==(const PoolSwap &a, const PoolSwap &b)
{
    return a.chain == b.chain && a.poolId == b.poolId && a.blockNumber == b.blockNumber && a.txHash == b.txHash
        && a.logIndex == b.logIndex && a.logIndexExact == b.logIndexExact && a.sender == b.sender
        && a.origin == b.origin && a.originIsContract == b.originIsContract && a.amount0 == b.amount0
        && a.amount1 == b.amount1 && a.sqrtPriceX96 == b.sqrtPriceX96 && a.liquidity == b.liquidity
        && a.tick == b.tick && a.fee == b.fee && a.timestamp == b.timestamp;
}

double priceFromSqrtPriceX96(const eth::u256 &sqrtPriceX96)
{
    using boost::multiprecision::cpp_int;
    // price = sqrtP² · 10^12 / 2^192. The numerator is exact (≤ 2^360); keep its top 64 bits and
    // scale by the power of two, so the only rounding is the final one to double.
    if (sqrtPriceX96 == 0)
        return 0;
    cpp_int numerator = cpp_int(sqrtPriceX96) * cpp_int(sqrtPriceX96) * cpp_int(1'000'000'000'000ULL);
    const long bits = static_cast<long>(boost::multiprecision::msb(numerator)) + 1;
    long shift = bits > 64 ? bits - 64 : 0;
    const cpp_int top = numerator >> shift;
    const double mantissa = static_cast<double>(top.convert_to<unsigned long long>());
    return std::ldexp(mantissa, static_cast<int>(shift - 192));
}

SwapPoint toSwapPoint(const PoolSwap &swap)
{
    SwapPoint point;
    point.timestamp = swap.timestamp;
    point.price = priceFromSqrtPriceX96(swap.sqrtPriceX96);
    point.ethAmount = i256ToDouble(swap.amount0, 1e18);
    point.usdcAmount = i256ToDouble(swap.amount1, 1e6);
    point.blockNumber = swap.blockNumber;
    point.logIndex = static_cast<quint32>(swap.logIndex);
    return point;
}

} // namespace apedesk::market
