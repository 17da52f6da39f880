#pragma once
// Recursive Length Prefix encoding. Decoding is strict: only the canonical encoding of a value is
// accepted (no single byte below 0x80 wrapped in a string header, no long form for short payloads,
// no leading zeros in lengths, no trailing bytes), so one value has exactly one accepted encoding.

#include "common/error.h"
#include "u256.h"

#include <QByteArray>
#include <QList>

namespace apedesk::eth::rlp {

struct Item
{
    bool isList = false;
    QByteArray bytes;      // payload of a string item
    QList<Item> items;     // children of a list item

    static Item string(QByteArray payload) { return {false, std::move(payload), {}}; }
    static Item list(QList<Item> children) { return {true, {}, std::move(children)}; }
    friend bool operator==(const Item &a, const Item &b)
    {
        return a.isList == b.isList && a.bytes == b.bytes && a.items == b.items;
    }
};

QByteArray encode(const Item &item);
QByteArray encodeString(QByteArrayView payload);
QByteArray encodeUint(const u256 &value);   // minimal big-endian; zero is the empty string
// Wraps already-encoded items in a list header.
QByteArray encodeList(const QList<QByteArray> &encodedItems);

constexpr int kMaxDepth = 64;
Result<Item> decode(QByteArrayView data);

// A string item read as an integer: at most 32 bytes, no leading zero byte.
Result<u256> toUint(const Item &item);

} // namespace apedesk::eth::rlp
