#pragma once
// How the wallet pane writes token amounts and prices: exact (eth::formatUnits, integer arithmetic,
// never a double), with thousands separators and the token's symbol.

#include "chain/chaintypes.h"
#include "common/error.h"
#include "eth/u256.h"
#include "eth/units.h"

#include <QCoreApplication>
#include <QString>

namespace apedesk::ui {

inline constexpr int kEthDecimals = 18;
inline constexpr int kUsdcDecimals = 6;
inline constexpr int kDisplayEthDigits = 6;   // fraction digits of ETH amounts in labels and tables

class AmountText
{
    Q_DECLARE_TR_FUNCTIONS(apedesk::ui::AmountText)
public:
    // eth::formatUnits() with thousands separators in the integer part: "1,234.5".
    static QString grouped(const eth::u256 &value, int decimals, int maxFractionDigits = -1);
    static QString groupThousands(const QString &plainDecimal);
    // A decimal price text such as PoolSnapshot::price ("3000.123456") rounded half up to two
    // fraction digits and grouped: "3,000.12". Empty or malformed text gives an empty string.
    static QString price(const QString &decimalText);

    static QString symbol(bool eth) { return eth ? QStringLiteral("ETH") : QStringLiteral("USDC"); }
    static QString symbolIn(SwapDirection direction) { return symbol(direction == SwapDirection::EthToUsdc); }
    static QString symbolOut(SwapDirection direction) { return symbol(direction == SwapDirection::UsdcToEth); }
    static int decimalsIn(SwapDirection direction)
    {
        return direction == SwapDirection::EthToUsdc ? kEthDecimals : kUsdcDecimals;
    }
    static int decimalsOut(SwapDirection direction)
    {
        return direction == SwapDirection::EthToUsdc ? kUsdcDecimals : kEthDecimals;
    }
    // "0.1 ETH" / "299.123456 USDC": grouped, ETH cut to kDisplayEthDigits.
    static QString tokenAmount(const eth::u256 &value, bool eth);
    // "ETH → USDC"
    static QString direction(SwapDirection direction);
};

} // namespace apedesk::ui
