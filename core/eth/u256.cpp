#include "u256.h"

#include "hex.h"

#include <QCoreApplication>

namespace apedesk::eth {
namespace {
// One translation context for this file's messages (lupdate reads Messages::tr).
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(apedesk::eth::Numbers)
};

Error numberError(const QString &message, QStringView text)
{
    return Error::make(Error::Kind::Format, message, QStringLiteral("\"%1\"").arg(text.left(100)));
}

// Accumulates in 512 bits so overflow past 2^256 is detected, not wrapped.
Result<u512> parseMagnitude(QStringView text)
{
    if (text.isEmpty())
        return numberError(Messages::tr("A number is empty."), text);
    u512 value = 0;
    const u512 limit = u512(1) << 256;
    if (text.startsWith(QLatin1String("0x")) || text.startsWith(QLatin1String("0X"))) {
        const QStringView digits = text.mid(2);
        if (digits.isEmpty())
            return numberError(Messages::tr("A hex number has no digits."), text);
        for (QChar c : digits) {
            const int digit = hexDigitValue(c);
            if (digit < 0)
                return numberError(Messages::tr("A hex number contains a character that is not a hex digit."), text);
            value = (value << 4) | u512(digit);
            if (value >= limit)
                return numberError(Messages::tr("A number is too large for 256 bits."), text);
        }
        return value;
    }
    for (QChar c : text) {
        if (c < QLatin1Char('0') || c > QLatin1Char('9'))
            return numberError(Messages::tr("A number contains a character that is not a digit."), text);
        value = value * 10 + (c.unicode() - '0');
        if (value >= limit)
            return numberError(Messages::tr("A number is too large for 256 bits."), text);
    }
    return value;
}
} // namespace

Result<u256> parseU256(QStringView text)
{
    auto magnitude = parseMagnitude(text);
    if (!magnitude)
        return magnitude.error();
    return static_cast<u256>(*magnitude);
}

Result<i256> parseI256(QStringView text)
{
    const bool negative = text.startsWith(QLatin1Char('-'));
    auto magnitude = parseMagnitude(negative ? text.mid(1) : text);
    if (!magnitude)
        return magnitude.error();
    const u512 half = u512(1) << 255;
    if ((negative && *magnitude > half) || (!negative && *magnitude >= half))
        return numberError(Messages::tr("A signed number is out of the int256 range."), text);
    i256 value = static_cast<i256>(static_cast<u256>(*magnitude));
    return negative ? i256(-value) : value;
}

QString toDecimal(const u256 &value) { return QString::fromStdString(value.str()); }
QString toDecimal(const i256 &value) { return QString::fromStdString(value.str()); }

QString toHexQuantity(const u256 &value)
{
    if (value == 0)
        return QStringLiteral("0x0");
    QString hex = toHex(toMinimalBigEndian(value), false);
    if (hex.startsWith(QLatin1Char('0')))
        hex.remove(0, 1);
    return QStringLiteral("0x") + hex;
}

Result<u256> parseHexQuantity(QStringView text)
{
    if (!text.startsWith(QLatin1String("0x")))
        return numberError(Messages::tr("A JSON-RPC quantity must start with 0x."), text);
    if (text.size() > 3 && text[2] == QLatin1Char('0'))
        return numberError(Messages::tr("A JSON-RPC quantity has leading zeros."), text);
    return parseU256(text);
}

QByteArray toBigEndian(const u256 &value, int size)
{
    QByteArray out(size, '\0');
    u256 rest = value;
    for (int i = size - 1; i >= 0 && rest != 0; --i) {
        out[i] = static_cast<char>(static_cast<unsigned>(rest & 0xff));
        rest >>= 8;
    }
    Q_ASSERT_X(rest == 0, "toBigEndian", "value does not fit");
    return out;
}

QByteArray toMinimalBigEndian(const u256 &value)
{
    QByteArray full = toBigEndian(value, 32);
    int first = 0;
    while (first < full.size() && full[first] == '\0')
        ++first;
    return full.mid(first);
}

u256 fromBigEndian(QByteArrayView bytes)
{
    Q_ASSERT(bytes.size() <= 32);
    u256 value = 0;
    for (const char byte : bytes)
        value = (value << 8) | static_cast<unsigned char>(byte);
    return value;
}

u256 toTwosComplement(const i256 &value)
{
    if (value >= 0)
        return static_cast<u256>(value);
    const u256 magnitude = static_cast<u256>(-value);
    return u256(~magnitude) + 1;
}

i256 fromTwosComplement(const u256 &value)
{
    if (!boost::multiprecision::bit_test(value, 255))
        return static_cast<i256>(value);
    const u256 magnitude = u256(~value) + 1;   // 2^255 maps to itself and reads as -2^255
    return -static_cast<i256>(magnitude);
}

u256 maxUnsigned(int bits)
{
    Q_ASSERT(bits >= 1 && bits <= 256);
    if (bits == 256)
        return ~u256(0);
    return (u256(1) << bits) - 1;
}

} // namespace apedesk::eth
