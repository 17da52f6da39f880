#include "hex.h"

#include <QCoreApplication>

namespace apedesk::eth {
namespace {
// One translation context for this file's messages (lupdate reads Messages::tr).
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(apedesk::eth::Hex)
};

int digitValue(QChar c)
{
    const char16_t u = c.unicode();
    if (u >= '0' && u <= '9')
        return u - '0';
    if (u >= 'a' && u <= 'f')
        return u - 'a' + 10;
    if (u >= 'A' && u <= 'F')
        return u - 'A' + 10;
    return -1;
}
} // namespace

bool isHexDigit(QChar c) { return digitValue(c) >= 0; }
int hexDigitValue(QChar c) { return digitValue(c); }

QString toHex(QByteArrayView bytes, bool prefix)
{
    static const char digits[] = "0123456789abcdef";
    QString out;
    out.reserve(bytes.size() * 2 + 2);
    if (prefix)
        out += QLatin1String("0x");
    for (const char byte : bytes) {
        const auto b = static_cast<unsigned char>(byte);
        out += QLatin1Char(digits[b >> 4]);
        out += QLatin1Char(digits[b & 0xf]);
    }
    return out;
}

Result<Bytes> fromHex(QStringView text, HexPrefix prefix)
{
    QStringView digits = text;
    if (digits.startsWith(QLatin1String("0x")) || digits.startsWith(QLatin1String("0X")))
        digits = digits.mid(2);
    else if (prefix == HexPrefix::Required)
        return Error::make(Error::Kind::Format, Messages::tr("Hex data must start with 0x."),
                           QStringLiteral("got \"%1\"").arg(text.left(80)));
    if (digits.size() % 2 != 0)
        return Error::make(Error::Kind::Format, Messages::tr("Hex data has an odd number of digits."),
                           QStringLiteral("%1 digits in \"%2\"").arg(digits.size()).arg(text.left(80)));
    Bytes out;
    out.resize(digits.size() / 2);
    for (qsizetype i = 0; i < out.size(); ++i) {
        const int hi = digitValue(digits[2 * i]);
        const int lo = digitValue(digits[2 * i + 1]);
        if (hi < 0 || lo < 0)
            return Error::make(Error::Kind::Format, Messages::tr("Hex data contains a character that is not a hex digit."),
                               QStringLiteral("at offset %1 of \"%2\"").arg(2 * i + (hi < 0 ? 0 : 1)).arg(text.left(80)));
        out[i] = static_cast<char>((hi << 4) | lo);
    }
    return out;
}

Result<Bytes> fromHexFixed(QStringView text, int size, HexPrefix prefix)
{
    auto bytes = fromHex(text, prefix);
    if (!bytes)
        return bytes;
    if (bytes->size() != size)
        return Error::make(Error::Kind::Format, Messages::tr("Hex data has the wrong length."),
                           QStringLiteral("expected %1 bytes, got %2").arg(size).arg(bytes->size()));
    return bytes;
}

} // namespace apedesk::eth
