#include "address.h"

#include "hex.h"
#include "keccak.h"

#include <QCoreApplication>

namespace apedesk::eth {
namespace {
// One translation context for this file's messages (lupdate reads Messages::tr).
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(apedesk::eth::Address)
};
} // namespace

Result<Address> Address::fromString(QStringView text)
{
    const QStringView trimmed = text.trimmed();
    if (!trimmed.startsWith(QLatin1String("0x")) && !trimmed.startsWith(QLatin1String("0X")))
        return Error::make(Error::Kind::Format, Messages::tr("An address must start with 0x."),
                           QStringLiteral("\"%1\"").arg(text.left(80)));
    if (trimmed.size() != 42)
        return Error::make(Error::Kind::Format, Messages::tr("An address has 40 hex digits after 0x."),
                           QStringLiteral("\"%1\" has %2").arg(text.left(80)).arg(trimmed.size() - 2));
    auto bytes = fromHex(trimmed);
    if (!bytes)
        return Error::make(Error::Kind::Format, Messages::tr("An address contains a character that is not a hex digit."),
                           bytes.error().detail);
    Address address(*bytes);
    const QStringView digits = trimmed.mid(2);
    bool hasLower = false, hasUpper = false;
    for (QChar c : digits) {
        hasLower |= c.isLower();
        hasUpper |= c.isUpper();
    }
    if (hasLower && hasUpper && address.toChecksumString().mid(2) != digits)
        return Error::make(Error::Kind::Format,
                           Messages::tr("The address checksum (its mix of upper and lower case) is wrong; check for a typo."),
                           QStringLiteral("\"%1\", expected %2").arg(text).arg(address.toChecksumString()));
    return address;
}

Result<Address> Address::fromBytes(QByteArrayView bytes)
{
    if (bytes.size() != 20)
        return Error::make(Error::Kind::Format, Messages::tr("An address is 20 bytes long."),
                           QStringLiteral("got %1 bytes").arg(bytes.size()));
    return Address(bytes.toByteArray());
}

Address Address::fromPublicKey(QByteArrayView uncompressed64)
{
    Q_ASSERT(uncompressed64.size() == 64);
    return Address(keccak256(uncompressed64).right(20));
}

QString Address::toLowerHex() const { return toHex(m_bytes); }

QString Address::toChecksumString() const
{
    const QString lower = toHex(m_bytes, false);
    const QByteArray hash = keccak256(lower.toLatin1());
    QString out = QStringLiteral("0x");
    out.reserve(42);
    for (int i = 0; i < 40; ++i) {
        const auto nibble = (static_cast<unsigned char>(hash[i / 2]) >> (i % 2 == 0 ? 4 : 0)) & 0xf;
        const QChar c = lower[i];
        out += nibble >= 8 ? c.toUpper() : c;
    }
    return out;
}

bool Address::isZero() const { return m_bytes == QByteArray(20, '\0'); }

Result<Hash32> Hash32::fromString(QStringView text)
{
    auto bytes = fromHexFixed(text.trimmed(), 32, HexPrefix::Required);
    if (!bytes)
        return bytes.error();
    return Hash32(*bytes);
}

Result<Hash32> Hash32::fromBytes(QByteArrayView bytes)
{
    if (bytes.size() != 32)
        return Error::make(Error::Kind::Format, Messages::tr("A hash is 32 bytes long."), QStringLiteral("got %1 bytes").arg(bytes.size()));
    return Hash32(bytes.toByteArray());
}

QString Hash32::toHex() const { return eth::toHex(m_bytes); }

} // namespace apedesk::eth
