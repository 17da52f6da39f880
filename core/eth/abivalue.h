#pragma once
// A decoded or parsed ABI value: a small tree that mirrors its Type, and its printed form, which is
// exactly what `cast abi-decode` prints (checksummed addresses, quoted strings, "[1e18]" hints).

#include "abitype.h"
#include "address.h"
#include "u256.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace apedesk::eth::abi {

struct Value
{
    Type::Kind kind = Type::Kind::Uint;
    u256 uintValue;        // Uint; Bool as 0 or 1
    i256 intValue;         // Int
    QByteArray bytes;      // Address (20 bytes), FixedBytes (its size), Bytes, String (UTF-8 as on the wire)
    QList<Value> items;    // Array, FixedArray (elements), Tuple (components)

    static Value fromUint(const u256 &value);
    static Value fromInt(const i256 &value);
    static Value fromAddress(const Address &address);
    static Value fromBool(bool value);
    static Value fromFixedBytes(QByteArray bytes);   // 1..32 bytes
    static Value fromBytes(QByteArray bytes);
    static Value fromString(const QString &text);
    static Value fromUtf8(QByteArray utf8);
    static Value array(QList<Value> elements);
    static Value fixedArray(QList<Value> elements);
    static Value tuple(QList<Value> components);

    bool toBool() const { return uintValue != 0; }
    Address toAddress() const;
    QString toQString() const;   // String: the text, invalid UTF-8 replaced as cast does

    friend bool operator==(const Value &a, const Value &b)
    {
        return a.kind == b.kind && a.uintValue == b.uintValue && a.intValue == b.intValue && a.bytes == b.bytes
               && a.items == b.items;
    }
    friend bool operator!=(const Value &a, const Value &b) { return !(a == b); }
};

// A decoded parameter with its name, for events, errors and calls.
struct NamedValue
{
    QString name;
    Type type;
    Value value;
    bool indexed = false;   // events: the value came from a topic
    bool hashed = false;    // events: an indexed dynamic value, of which the log keeps only keccak256 (a bytes32)
};

// "Name(first: 1, second: \"text\")" with cast's value forms; unnamed parameters print as their value.
QString formatNamed(const QString &name, const QList<NamedValue> &values);
// Names and types zipped with values (the lists must have the same length).
QList<NamedValue> nameValues(const QList<Param> &params, const QList<Value> &values);

// cast's printed form of one value: "1000000000000000000 [1e18]", "0xdEaD…", "\"text\"", "(1, [2, 3])".
QString formatValue(const Value &value);
// cast's "[1.234e8]" hint for an unsigned magnitude with a sign; empty below 10000.
QString scientificHint(const u256 &magnitude, bool negative);
// A string as Rust's {:?} prints it (cast uses it): quoted, with \", \\, \n, \t, \r, \0 and \u{..} escapes.
QString debugQuoted(const QString &text);
// UTF-8 to text, each maximal invalid sequence replaced by U+FFFD (as Rust's from_utf8_lossy does).
QString fromUtf8Lossy(QByteArrayView utf8);

} // namespace apedesk::eth::abi
