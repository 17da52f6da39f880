#include "units.h"

#include <boost/multiprecision/cpp_int.hpp>

#include <QCoreApplication>

namespace apedesk::eth {
namespace {
// One translation context for this file's messages (lupdate reads Messages::tr).
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(apedesk::eth::Units)
};

// u256 has at most 78 decimal digits, so no base-unit count can use more than 78 decimals.
constexpr int kMaxDecimals = 78;

Error usage(const QString &message, QStringView text)
{
    return Error::make(Error::Kind::Usage, message, QStringLiteral("amount \"%1\"").arg(text.left(100)));
}
} // namespace

QString formatUnits(const u256 &value, int decimals, int maxFractionDigits)
{
    QString digits = toDecimal(value);
    if (decimals <= 0)
        return digits;
    if (digits.size() <= decimals)
        digits.prepend(QString(decimals + 1 - digits.size(), QLatin1Char('0')));
    const QString whole = digits.left(digits.size() - decimals);
    QString fraction = digits.right(decimals);
    if (maxFractionDigits >= 0 && fraction.size() > maxFractionDigits)
        fraction.truncate(maxFractionDigits);
    while (fraction.endsWith(QLatin1Char('0')))
        fraction.chop(1);
    if (fraction.isEmpty())
        return whole;
    return whole + QLatin1Char('.') + fraction;
}

QString formatSignedUnits(const i256 &value, int decimals, int maxFractionDigits)
{
    // Boost keeps sign and magnitude, so even -2^255 has its magnitude in a u256.
    const u256 magnitude(value < 0 ? i256(-value) : value);
    const QString text = formatUnits(magnitude, decimals, maxFractionDigits);
    if (value >= 0 || text == QLatin1String("0"))
        return text;
    return QLatin1Char('-') + text;
}

Result<u256> parseUnits(QStringView text, int decimals)
{
    if (decimals < 0 || decimals > kMaxDecimals)
        return Error::make(Error::Kind::Usage, Messages::tr("The token's number of decimals is out of range."),
                           QStringLiteral("decimals %1").arg(decimals));
    if (text.isEmpty())
        return usage(Messages::tr("Enter an amount."), text);

    qsizetype point = -1;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (c >= QLatin1Char('0') && c <= QLatin1Char('9'))
            continue;
        if (c == QLatin1Char('.') && point < 0) {
            point = i;
            continue;
        }
        if (c == QLatin1Char('-') || c == QLatin1Char('+'))
            return usage(Messages::tr("Enter the amount without a sign."), text);
        if (c.isSpace())
            return usage(Messages::tr("Enter the amount without blanks."), text);
        if (c == QLatin1Char('e') || c == QLatin1Char('E'))
            return usage(Messages::tr("Enter the amount as plain digits, without an exponent."), text);
        if (c == QLatin1Char('.'))
            return usage(Messages::tr("The amount has more than one decimal point."), text);
        return usage(Messages::tr("The amount may contain only digits and one decimal point."), text);
    }
    const QStringView whole = point < 0 ? text : text.left(point);
    const QStringView fraction = point < 0 ? QStringView() : text.sliced(point + 1);
    if (whole.isEmpty() && fraction.isEmpty())
        return usage(Messages::tr("Enter an amount."), text);
    if (fraction.size() > decimals)
        return usage(decimals == 0 ? Messages::tr("This token has no decimal places; enter a whole number.")
                                   : Messages::tr("Too many digits after the decimal point (this token allows %1).")
                                         .arg(decimals),
                     text);

    // Base units = whole · 10^decimals + fraction padded to `decimals` digits, as one digit string.
    QString digits = whole.toString() + fraction.toString() + QString(decimals - fraction.size(), QLatin1Char('0'));
    qsizetype leading = 0;
    while (leading + 1 < digits.size() && digits[leading] == QLatin1Char('0'))
        ++leading;
    digits.remove(0, leading);
    const Error overflow =
        usage(Messages::tr("The amount is too large: it does not fit in 256 bits of base units."), text);
    if (digits.size() > kMaxDecimals)
        return overflow;
    const boost::multiprecision::cpp_int value(digits.toStdString());
    if (value > boost::multiprecision::cpp_int(maxUnsigned(256)))
        return overflow;
    return u256(value);
}

} // namespace apedesk::eth
