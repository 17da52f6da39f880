#include "tickmath.h"

#include <boost/multiprecision/cpp_int.hpp>

#include <QCoreApplication>

#include <array>

namespace apedesk::uniswap {
namespace {
using boost::multiprecision::uint512_t;
using boost::multiprecision::cpp_int;

// One translation context for this file's messages (lupdate reads Messages::tr).
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(apedesk::uniswap::TickMath)
};

// round(2^128 / sqrt(1.0001)^(2^k)) for k = 0..19: the factor for each bit of |tick| in Q128.128.
// Derived independently with 150-digit decimal arithmetic; test_uniswap_math recomputes them.
const std::array<u256, 20> &bitFactors()
{
    static const std::array<u256, 20> factors = [] {
        const char *hex[20] = {
            "0xfffcb933bd6fad37aa2d162d1a594001", "0xfff97272373d413259a46990580e213a",
            "0xfff2e50f5f656932ef12357cf3c7fdcc", "0xffe5caca7e10e4e61c3624eaa0941cd0",
            "0xffcb9843d60f6159c9db58835c926644", "0xff973b41fa98c081472e6896dfb254c0",
            "0xff2ea16466c96a3843ec78b326b52861", "0xfe5dee046a99a2a811c461f1969c3053",
            "0xfcbe86c7900a88aedcffc83b479aa3a4", "0xf987a7253ac413176f2b074cf7815e54",
            "0xf3392b0822b70005940c7a398e4b70f3", "0xe7159475a2c29b7443b29c7fa6e889d9",
            "0xd097f3bdfd2022b8845ad8f792aa5825", "0xa9f746462d870fdf8a65dc1f90e061e5",
            "0x70d869a156d2a1b890bb3df62baf32f7", "0x31be135f97d08fd981231505542fcfa6",
            "0x9aa508b5b7a84e1c677de54f3e99bc9",  "0x5d6af8dedb81196699c329225ee604",
            "0x2216e584f5fa1ea926041bedfe98",     "0x48a170391f7dc42444e8fa2"};
        std::array<u256, 20> out;
        for (int k = 0; k < 20; ++k)
            out[k] = u256(hex[k]);
        return out;
    }();
    return factors;
}

cpp_int pow10(int exponent)
{
    cpp_int value = 1;
    for (int i = 0; i < exponent; ++i)
        value *= 10;
    return value;
}
} // namespace

Result<u256> sqrtPriceAtTick(int tick)
{
    if (tick < kMinTick || tick > kMaxTick)
        return Error::make(Error::Kind::Usage, Messages::tr("The tick is outside the range Uniswap allows."),
                           QStringLiteral("tick %1").arg(tick));
    const unsigned absTick = static_cast<unsigned>(tick < 0 ? -tick : tick);
    const auto &factors = bitFactors();
    uint512_t ratio = (absTick & 1u) ? uint512_t(factors[0]) : (uint512_t(1) << 128);
    for (int k = 1; k < 20; ++k)
        if (absTick & (1u << k))
            ratio = (ratio * factors[k]) >> 128;
    u256 q128 = static_cast<u256>(ratio);
    // The factors give 1.0001^(-|tick|/2); a positive tick takes the reciprocal in Q128.128.
    if (tick > 0)
        q128 = (~u256(0)) / q128;
    // Q128.128 -> Q64.96, rounding up so tickAtSqrtPrice(sqrtPriceAtTick(t)) == t.
    return (q128 >> 32) + ((q128 & u256(0xffffffffu)) == 0 ? 0 : 1);
}

u256 minSqrtPrice() { return *sqrtPriceAtTick(kMinTick); }
u256 maxSqrtPrice() { return *sqrtPriceAtTick(kMaxTick); }

Result<int> tickAtSqrtPrice(const u256 &sqrtPriceX96)
{
    if (sqrtPriceX96 < minSqrtPrice() || sqrtPriceX96 >= maxSqrtPrice())
        return Error::make(Error::Kind::Usage, Messages::tr("The price is outside the range Uniswap allows."),
                           QStringLiteral("sqrtPriceX96 %1").arg(eth::toDecimal(sqrtPriceX96)));
    // sqrtPriceAtTick is strictly increasing: binary search for the greatest tick at or below the price.
    int low = kMinTick, high = kMaxTick;
    while (low < high) {
        const int mid = low + (high - low + 1) / 2;
        if (*sqrtPriceAtTick(mid) <= sqrtPriceX96)
            low = mid;
        else
            high = mid - 1;
    }
    return low;
}

Result<u256> sqrtPriceFromPrice(const QString &price, int decimals0, int decimals1)
{
    // Parse "123.456" exactly as numerator / 10^fractionDigits.
    const QString text = price.trimmed();
    const qsizetype dot = text.indexOf(QLatin1Char('.'));
    const QString whole = dot < 0 ? text : text.left(dot);
    const QString fraction = dot < 0 ? QString() : text.mid(dot + 1);
    const QString digits = whole + fraction;
    bool valid = !digits.isEmpty();
    for (QChar c : digits)
        valid = valid && c >= QLatin1Char('0') && c <= QLatin1Char('9');
    if (!valid)
        return Error::make(Error::Kind::Format, Messages::tr("A price must be a positive decimal number such as 3000 or 2456.75."),
                           QStringLiteral("\"%1\"").arg(price));
    const cpp_int numerator(digits.toStdString());
    if (numerator == 0)
        return Error::make(Error::Kind::Format, Messages::tr("A price must be greater than zero."), price);
    // price_raw = price · 10^d1 / 10^d0; sqrtPriceX96 = floor(sqrt(price_raw · 2^192)).
    cpp_int scaledNumerator = numerator * pow10(decimals1) << 192;
    const cpp_int denominator = pow10(static_cast<int>(fraction.size())) * pow10(decimals0);
    const cpp_int sqrtPrice = boost::multiprecision::sqrt(cpp_int(scaledNumerator / denominator));   // floor
    if (sqrtPrice < cpp_int(minSqrtPrice()) || sqrtPrice >= cpp_int(maxSqrtPrice()))
        return Error::make(Error::Kind::Usage, Messages::tr("The price is outside the range Uniswap allows."), price);
    return static_cast<u256>(sqrtPrice);
}

QString priceFromSqrtPrice(const u256 &sqrtPriceX96, int decimals0, int decimals1, int fractionDigits)
{
    const cpp_int numerator = cpp_int(sqrtPriceX96) * cpp_int(sqrtPriceX96) * pow10(decimals0) * pow10(fractionDigits);
    const cpp_int denominator = (cpp_int(1) << 192) * pow10(decimals1);
    const std::string digits = cpp_int(numerator / denominator).str();
    if (fractionDigits == 0)
        return QString::fromStdString(digits);
    std::string padded = digits;
    if (static_cast<int>(padded.size()) <= fractionDigits)
        padded.insert(0, static_cast<size_t>(fractionDigits + 1 - static_cast<int>(padded.size())), '0');
    padded.insert(padded.size() - static_cast<size_t>(fractionDigits), 1, '.');
    return QString::fromStdString(padded);
}

double priceFromSqrtPriceDouble(const u256 &sqrtPriceX96, int decimals0, int decimals1)
{
    // 18 significant fraction digits of an exact quotient, then one rounding to double.
    return priceFromSqrtPrice(sqrtPriceX96, decimals0, decimals1, 24).toDouble();
}

int alignTick(int tick, int tickSpacing)
{
    int aligned = (tick / tickSpacing) * tickSpacing;
    if (tick < 0 && tick % tickSpacing != 0)
        aligned -= tickSpacing;
    return aligned;
}

} // namespace apedesk::uniswap
