#include "swapmath.h"

#include <boost/multiprecision/cpp_int.hpp>

#include <QCoreApplication>

#include <algorithm>

namespace apedesk::uniswap {
namespace {
using boost::multiprecision::cpp_int;

// One translation context for this file's messages (lupdate reads Messages::tr).
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(apedesk::uniswap::SwapMath)
};

cpp_int pow10(int exponent)
{
    cpp_int value = 1;
    for (int i = 0; i < exponent; ++i)
        value *= 10;
    return value;
}
} // namespace

Result<u256> minimumOut(const u256 &quotedOut, int slippageBps)
{
    if (slippageBps < kMinSlippageBps || slippageBps > kMaxSlippageBps)
        return Error::make(Error::Kind::Usage, Messages::tr("Slippage must be between 0.01% and 50%."),
                           QStringLiteral("slippage %1 bps").arg(slippageBps));
    if (quotedOut == 0)
        return Error::make(Error::Kind::Usage, Messages::tr("The quote is zero; there is no minimum to protect."));
    const cpp_int minimum = cpp_int(quotedOut) * (10000 - slippageBps) / 10000;
    if (minimum == 0)
        return Error::make(Error::Kind::Usage, Messages::tr("The amount is too small for this slippage."),
                           QStringLiteral("quote %1, slippage %2 bps").arg(eth::toDecimal(quotedOut)).arg(slippageBps));
    return u256(minimum);
}

double priceImpactPercent(const u256 &sqrtPriceX96Before, bool zeroForOne, const u256 &amountIn,
                          const u256 &amountOut, int decimals0, int decimals1)
{
    Q_UNUSED(decimals0);
    Q_UNUSED(decimals1);
    if (amountIn == 0 || sqrtPriceX96Before == 0)
        return 0.0;
    // Mid price in raw units, token1 per token0: P = sqrtP² / 2^192. Execution over mid, both as
    // "out per in": zeroForOne: (out/in) / P; oneForZero: (out/in) · P.
    const cpp_int square = cpp_int(sqrtPriceX96Before) * sqrtPriceX96Before;
    const cpp_int q192 = cpp_int(1) << 192;
    const cpp_int num = cpp_int(amountOut) * (zeroForOne ? q192 : square);
    const cpp_int den = cpp_int(amountIn) * (zeroForOne ? square : q192);
    // (1 − num/den) · 100 with 18 fractional digits kept exactly before the one rounding to double.
    const cpp_int scaled = (den - num) * pow10(20) / den;
    return static_cast<double>(scaled) / 1e18;
}

QString executionPrice(const u256 &ethWei, const u256 &usdcUnits, int fractionDigits)
{
    if (ethWei == 0)
        return {};
    const int digits = std::clamp(fractionDigits, 0, 36);
    const cpp_int scaled = cpp_int(usdcUnits) * pow10(12 + digits) / cpp_int(ethWei);
    QString text = QString::fromStdString(scaled.str());
    if (digits == 0)
        return text;
    if (text.size() <= digits)
        text.prepend(QString(digits + 1 - text.size(), QLatin1Char('0')));
    QString fraction = text.right(digits);
    const QString whole = text.left(text.size() - digits);
    while (fraction.endsWith(QLatin1Char('0')))
        fraction.chop(1);
    return fraction.isEmpty() ? whole : whole + QLatin1Char('.') + fraction;
}

} // namespace apedesk::uniswap
