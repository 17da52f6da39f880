#include "rlp.h"

#include <QCoreApplication>

namespace apedesk::eth::rlp {
namespace {
// One translation context for this file's messages (lupdate reads Messages::tr).
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(apedesk::eth::Rlp)
};

Error malformed(const QString &detail)
{
    return Error::make(Error::Kind::Format, Messages::tr("The RLP data is malformed."), detail);
}

QByteArray header(int shortBase, qsizetype length)
{
    if (length <= 55)
        return QByteArray(1, static_cast<char>(shortBase + length));
    const QByteArray lengthBytes = toMinimalBigEndian(u256(length));
    return QByteArray(1, static_cast<char>(shortBase + 55 + lengthBytes.size())) + lengthBytes;
}

struct Reader
{
    QByteArrayView data;
    qsizetype pos = 0;

    Result<Item> item(int depth)
    {
        if (depth > kMaxDepth)
            return malformed(QStringLiteral("nesting deeper than %1").arg(kMaxDepth));
        if (pos >= data.size())
            return malformed(QStringLiteral("unexpected end at offset %1").arg(pos));
        const auto prefix = static_cast<unsigned char>(data[pos]);
        const qsizetype start = pos;
        ++pos;
        if (prefix < 0x80)
            return Item::string(QByteArray(1, static_cast<char>(prefix)));

        const bool isList = prefix >= 0xc0;
        const int base = isList ? 0xc0 : 0x80;
        qsizetype length = 0;
        if (prefix - base <= 55) {
            length = prefix - base;
        } else {
            const int lengthOfLength = prefix - base - 55;
            if (pos + lengthOfLength > data.size())
                return malformed(QStringLiteral("length runs past the end at offset %1").arg(start));
            if (data[pos] == '\0')
                return malformed(QStringLiteral("length with a leading zero at offset %1").arg(start));
            if (lengthOfLength > 4)
                return malformed(QStringLiteral("length of %1 bytes at offset %2 is too large").arg(lengthOfLength).arg(start));
            for (int i = 0; i < lengthOfLength; ++i)
                length = (length << 8) | static_cast<unsigned char>(data[pos + i]);
            pos += lengthOfLength;
            if (length <= 55)
                return malformed(QStringLiteral("long form for a short payload at offset %1").arg(start));
        }
        if (length > data.size() - pos)
            return malformed(QStringLiteral("payload of %1 bytes runs past the end at offset %2").arg(length).arg(start));

        if (!isList) {
            QByteArray payload = data.sliced(pos, length).toByteArray();
            pos += length;
            if (length == 1 && static_cast<unsigned char>(payload[0]) < 0x80)
                return malformed(QStringLiteral("single byte below 0x80 wrapped in a header at offset %1").arg(start));
            return Item::string(std::move(payload));
        }
        const qsizetype end = pos + length;
        QList<Item> children;
        while (pos < end) {
            Reader inner{data.first(end), pos};
            auto child = inner.item(depth + 1);
            if (!child)
                return child.error();
            pos = inner.pos;
            children.append(std::move(*child));
        }
        return Item::list(std::move(children));
    }
};
} // namespace

QByteArray encodeString(QByteArrayView payload)
{
    if (payload.size() == 1 && static_cast<unsigned char>(payload[0]) < 0x80)
        return payload.toByteArray();
    return header(0x80, payload.size()) + payload.toByteArray();
}

QByteArray encodeUint(const u256 &value) { return encodeString(toMinimalBigEndian(value)); }

QByteArray encodeList(const QList<QByteArray> &encodedItems)
{
    QByteArray body;
    for (const QByteArray &item : encodedItems)
        body += item;
    return header(0xc0, body.size()) + body;
}

QByteArray encode(const Item &item)
{
    if (!item.isList)
        return encodeString(item.bytes);
    QList<QByteArray> children;
    children.reserve(item.items.size());
    for (const Item &child : item.items)
        children.append(encode(child));
    return encodeList(children);
}

Result<Item> decode(QByteArrayView data)
{
    Reader reader{data, 0};
    auto item = reader.item(0);
    if (!item)
        return item;
    if (reader.pos != data.size())
        return malformed(QStringLiteral("%1 trailing bytes").arg(data.size() - reader.pos));
    return item;
}

Result<u256> toUint(const Item &item)
{
    if (item.isList)
        return malformed(QStringLiteral("expected an integer, got a list"));
    if (item.bytes.size() > 32)
        return malformed(QStringLiteral("integer of %1 bytes").arg(item.bytes.size()));
    if (!item.bytes.isEmpty() && item.bytes[0] == '\0')
        return malformed(QStringLiteral("integer with a leading zero byte"));
    return fromBigEndian(item.bytes);
}

} // namespace apedesk::eth::rlp
