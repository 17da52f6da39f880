#include "tradesizer.h"

#include "eth/units.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QStringList>

#include <algorithm>
#include <cmath>

namespace apedesk::agent {

namespace {

QString tr(const char *text) { return QCoreApplication::translate("apedesk::agent::TradeSizer", text); }

using Action = ParsedAnswer::Action;
using AmountKind = ParsedAnswer::AmountKind;
using Format = ParsedAnswer::Format;

constexpr int kEthDecimals = 18;
constexpr int kUsdcDecimals = 6;

const eth::u256 &ethUnit()
{
    static const eth::u256 unit = eth::u256(1000000000000000000ULL);
    return unit;
}

// A setting or a computed value in base units. Rounded to 15 significant digits first (what a
// double holds reliably), so 0.05 becomes exactly 50000000000000000 wei and not the
// 50000000000000003 its binary form would print with 18 decimals.
eth::u256 toUnits(double value, int decimals)
{
    if (!(value > 0) || !std::isfinite(value))
        return 0;
    const int integerDigits = static_cast<int>(std::floor(std::log10(value))) + 1;
    const int fractionDigits = std::clamp(15 - integerDigits, 0, decimals);
    const Result<eth::u256> units = eth::parseUnits(QString::number(value, 'f', fractionDigits), decimals);
    return units ? *units : eth::u256(0);
}

// A share in (0, 1] applied exactly: value × round(share × 10^6) / 10^6.
eth::u256 shareOf(const eth::u256 &value, double share)
{
    if (!(share > 0))
        return 0;
    const auto ppm = static_cast<unsigned long long>(std::llround(std::min(share, 1.0) * 1e6));
    return value * ppm / 1000000u;
}

// The amount as the model wrote it, in base units. Decimal text converts exactly ("0.05 ETH" is
// 50000000000000000 wei); the double is the fallback for text that is not plain decimal ("1e-2")
// and the guard against an amountText that does not belong to the amount.
eth::u256 writtenAmount(const ParsedAnswer &answer, int decimals)
{
    static const QRegularExpression number(QStringLiteral("(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?"));
    const QRegularExpressionMatch m = number.match(answer.amountText);
    if (m.hasMatch() && m.capturedLength(2) == 0) {
        QString text = m.captured(1).remove(QLatin1Char(','));
        // More fraction digits than the token has: the extra digits are below its smallest unit.
        const int dot = text.indexOf(QLatin1Char('.'));
        if (dot >= 0 && text.size() - dot - 1 > decimals)
            text.truncate(dot + 1 + decimals);
        const bool matchesAmount = std::fabs(text.toDouble() - answer.amount) <= 1e-9 * std::max(1.0, answer.amount);
        if (const Result<eth::u256> units = eth::parseUnits(text, decimals); units && matchesAmount)
            return *units;
    }
    return toUnits(answer.amount, decimals);
}

QString ethText(const eth::u256 &wei) { return eth::formatUnits(wei, kEthDecimals, 8); }
QString usdcText(const eth::u256 &units) { return eth::formatUnits(units, kUsdcDecimals, 2); }

SizedTrade noTrade(SwapDirection direction, const QString &note)
{
    SizedTrade sized;
    sized.trade = false;
    sized.direction = direction;
    sized.note = note;
    return sized;
}

// The limits every trade shares: the largest amount and the smallest worth doing, both in the
// input token's units.
struct Bounds
{
    eth::u256 spendable;     // what the balance allows (after the gas reserve for ETH)
    eth::u256 shareCap;      // maxBalanceShare of it
    eth::u256 maxTrade;      // maxTradeEth, in the input token
    eth::u256 minTrade;
};

// Caps `amount` at the bounds and says which cap applied; no trade below the minimum (never raised).
SizedTrade applyBounds(eth::u256 amount, const Bounds &bounds, SwapDirection direction,
                       QString (*format)(const eth::u256 &))
{
    QStringList notes;
    if (amount > bounds.maxTrade) {
        amount = bounds.maxTrade;
        notes << tr("capped at the maximum trade of %1").arg(format(bounds.maxTrade));
    }
    if (amount > bounds.shareCap) {
        amount = bounds.shareCap;
        notes << tr("capped at the allowed share of the balance, %1").arg(format(bounds.shareCap));
    }
    if (amount < bounds.minTrade || amount == 0) {
        return noTrade(direction, tr("%1 is below the minimum trade of %2: no trade.").arg(format(amount), format(bounds.minTrade)));
    }
    SizedTrade sized;
    sized.trade = true;
    sized.direction = direction;
    sized.amountIn = amount;
    sized.note = notes.isEmpty() ? tr("%1.").arg(format(amount)) : tr("%1 (%2).").arg(format(amount), notes.join(QStringLiteral("; ")));
    return sized;
}

Bounds sellBounds(const Portfolio &portfolio, const TradeLimits &limits)
{
    Bounds bounds;
    const eth::u256 reserve = toUnits(limits.gasReserveEth, kEthDecimals);
    bounds.spendable = portfolio.ethWei > reserve ? eth::u256(portfolio.ethWei - reserve) : eth::u256(0);
    bounds.shareCap = shareOf(bounds.spendable, limits.maxBalanceShare);
    bounds.maxTrade = toUnits(limits.maxTradeEth, kEthDecimals);
    bounds.minTrade = toUnits(limits.minTradeEth, kEthDecimals);
    return bounds;
}

// USDC units worth `wei` at the price (price rounded to USDC's 6 decimals, then exact integers).
eth::u256 usdcForEth(const eth::u256 &wei, double price)
{
    return wei * toUnits(price, kUsdcDecimals) / ethUnit();
}

Bounds buyBounds(const Portfolio &portfolio, const TradeLimits &limits)
{
    Bounds bounds;
    bounds.spendable = portfolio.usdcUnits;
    bounds.shareCap = shareOf(bounds.spendable, limits.maxBalanceShare);
    bounds.maxTrade = usdcForEth(toUnits(limits.maxTradeEth, kEthDecimals), portfolio.price);
    bounds.minTrade = toUnits(limits.minTradeUsdc, kUsdcDecimals);
    return bounds;
}

QString ethFormat(const eth::u256 &wei) { return tr("%1 ETH").arg(ethText(wei)); }
QString usdcFormat(const eth::u256 &units) { return tr("%1 USDC").arg(usdcText(units)); }

QString percentText(double fraction) { return QString::number(fraction * 100, 'f', 1); }

} // namespace

SizedTrade sizeTrade(const ParsedAnswer &answer, const Portfolio &portfolio, const TradeLimits &limits)
{
    if (answer.format == Format::None)
        return noTrade(SwapDirection::EthToUsdc, tr("The answer could not be read, so it is an observation: no trade."));
    if (answer.action == Action::Hold)
        return noTrade(SwapDirection::EthToUsdc, tr("The model said to hold: no trade."));
    if (answer.action == Action::None)
        return noTrade(SwapDirection::EthToUsdc, tr("The answer holds no action: no trade."));
    const bool sell = answer.action == Action::Sell;
    const SwapDirection direction = sell ? SwapDirection::EthToUsdc : SwapDirection::UsdcToEth;
    if (!portfolio.valid)
        return noTrade(direction, tr("The balances are not known: no trade."));
    if (!(portfolio.price > 0) || !std::isfinite(portfolio.price))
        return noTrade(direction, tr("The pool price is not known: no trade."));

    const bool usdcAmount = answer.amountKind == AmountKind::Absolute && answer.unit == QLatin1String("USDC");
    const double share = answer.amountKind == AmountKind::Percent ? answer.amount : limits.defaultShare;

    if (sell) {
        const Bounds bounds = sellBounds(portfolio, limits);
        if (bounds.spendable == 0)
            return noTrade(direction, tr("No ETH to sell above the %1 ETH gas reserve: no trade.")
                                          .arg(QString::number(limits.gasReserveEth, 'g', 10)));
        eth::u256 wei;
        if (answer.amountKind != AmountKind::Absolute)
            wei = shareOf(bounds.spendable, share);
        else if (usdcAmount)   // "APE OUT 100 USDC": sell the ETH worth 100 USDC
            wei = writtenAmount(answer, kUsdcDecimals) * ethUnit() / toUnits(portfolio.price, kUsdcDecimals);
        else
            wei = writtenAmount(answer, kEthDecimals);
        return applyBounds(wei, bounds, direction, ethFormat);
    }

    const Bounds bounds = buyBounds(portfolio, limits);
    if (bounds.spendable == 0)
        return noTrade(direction, tr("No USDC to spend: no trade."));
    eth::u256 units;
    if (answer.amountKind != AmountKind::Absolute)
        units = shareOf(bounds.spendable, share);
    else if (usdcAmount)   // "APE IN 100 USDC" spends 100 USDC (the tutorial read it as 100 ETH)
        units = writtenAmount(answer, kUsdcDecimals);
    else
        units = usdcForEth(writtenAmount(answer, kEthDecimals), portfolio.price);
    return applyBounds(units, bounds, direction, usdcFormat);
}

std::optional<SizedTrade> rebalanceTrade(const Portfolio &portfolio, const RebalanceConfig &config,
                                         const TradeLimits &limits, qint64 now, qint64 lastRebalance)
{
    if (!config.enabled || !portfolio.valid || !(portfolio.price > 0) || !std::isfinite(portfolio.price))
        return std::nullopt;
    const double total = portfolio.totalUsd();
    if (!(total > 0))
        return std::nullopt;
    const double weight = portfolio.ethWeight();
    const double deviation = weight - config.targetEthAllocation;
    // A small tolerance so a deviation equal to the threshold on paper is not lost to rounding.
    if (std::fabs(deviation) < config.threshold - 1e-12)
        return std::nullopt;
    if (lastRebalance > 0 && now - lastRebalance < config.cooldownSeconds)
        return std::nullopt;

    const bool sell = deviation > 0;
    const SwapDirection direction = sell ? SwapDirection::EthToUsdc : SwapDirection::UsdcToEth;
    const QString off = tr("ETH weight %1% against a target of %2%")
                            .arg(percentText(weight), percentText(config.targetEthAllocation));

    // The ETH that restores the target at the current price: |deviation| × total value / price,
    // held within the rebalancer's step bounds.
    const double restoreEth = std::fabs(deviation) * total / portfolio.price;
    const double stepEth = std::clamp(restoreEth, config.minEth, std::max(config.minEth, config.maxEth));
    QStringList notes;
    if (restoreEth > config.maxEth)
        notes << tr("restoring it needs %1 ETH, held to the rebalance maximum").arg(QString::number(restoreEth, 'f', 4));
    else if (restoreEth < config.minEth)
        notes << tr("restoring it needs %1 ETH, raised to the rebalance minimum").arg(QString::number(restoreEth, 'f', 4));

    const Bounds bounds = sell ? sellBounds(portfolio, limits) : buyBounds(portfolio, limits);
    const eth::u256 minStep = sell ? toUnits(config.minEth, kEthDecimals)
                                   : usdcForEth(toUnits(config.minEth, kEthDecimals), portfolio.price);
    eth::u256 amount = sell ? toUnits(stepEth, kEthDecimals) : usdcForEth(toUnits(stepEth, kEthDecimals), portfolio.price);
    const eth::u256 allowed = std::min(bounds.spendable, bounds.shareCap);
    if (amount > allowed) {
        amount = allowed;
        notes << tr("limited by the balance");
    }
    const auto format = sell ? ethFormat : usdcFormat;
    if (amount < minStep || amount < bounds.minTrade || amount == 0) {
        const QString why = sell ? tr("%1, but the ETH above the gas reserve (%2) cannot pay for the rebalance minimum of %3: no trade.")
                                 : tr("%1, but the USDC balance (%2) cannot pay for the rebalance minimum of %3: no trade.");
        return noTrade(direction, why.arg(off, format(allowed), format(std::max(minStep, bounds.minTrade))));
    }
    SizedTrade sized;
    sized.trade = true;
    sized.direction = direction;
    sized.amountIn = amount;
    sized.note = sell ? tr("%1: sell %2").arg(off, format(amount)) : tr("%1: buy ETH with %2").arg(off, format(amount));
    if (!notes.isEmpty())
        sized.note += QStringLiteral(" (") + notes.join(QStringLiteral("; ")) + QStringLiteral(").");
    else
        sized.note += QLatin1Char('.');
    return sized;
}

} // namespace apedesk::agent
