#include "amounttext.h"

namespace apedesk::ui {

namespace {
eth::u256 pow10(int exponent)
{
    eth::u256 value = 1;
    for (int i = 0; i < exponent; ++i)
        value *= 10;
    return value;
}
} // namespace

QString AmountText::grouped(const eth::u256 &value, int decimals, int maxFractionDigits)
{
    return groupThousands(eth::formatUnits(value, decimals, maxFractionDigits));
}

QString AmountText::groupThousands(const QString &plainDecimal)
{
    const qsizetype dot = plainDecimal.indexOf(QLatin1Char('.'));
    QString whole = dot < 0 ? plainDecimal : plainDecimal.left(dot);
    for (qsizetype i = whole.size() - 3; i > 0; i -= 3)
        whole.insert(i, QLatin1Char(','));
    return dot < 0 ? whole : QString(whole + plainDecimal.mid(dot));
}

QString AmountText::price(const QString &decimalText)
{
    auto exact = eth::parseUnits(decimalText, 18);
    if (decimalText.isEmpty() || !exact)
        return {};
    const eth::u256 cents = (*exact + pow10(15) * 5) / pow10(16);   // half up at the third digit
    QString fraction = eth::toDecimal(eth::u256(cents % 100));
    if (fraction.size() < 2)
        fraction.prepend(QLatin1Char('0'));
    return groupThousands(eth::toDecimal(eth::u256(cents / 100))) + QLatin1Char('.') + fraction;
}

QString AmountText::tokenAmount(const eth::u256 &value, bool eth)
{
    return grouped(value, eth ? kEthDecimals : kUsdcDecimals, eth ? kDisplayEthDigits : -1) + QLatin1Char(' ')
           + symbol(eth);
}

QString AmountText::direction(SwapDirection direction)
{
    //: A swap's direction, token in → token out
    return tr("%1 → %2").arg(symbolIn(direction), symbolOut(direction));
}

} // namespace apedesk::ui
