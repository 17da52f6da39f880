#include "abicodec.h"

#include "hex.h"

#include <QCoreApplication>

#include <algorithm>
#include <cstring>

namespace apedesk::eth::abi {
namespace {
// One translation context for this file's messages (lupdate reads Messages::tr).
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(apedesk::eth::abi::Codec)
};

constexpr qsizetype kWord = 32;

qsizetype padded(qsizetype length) { return (length + kWord - 1) / kWord * kWord; }

QString kindName(Type::Kind kind)
{
    switch (kind) {
    case Type::Kind::Uint: return QStringLiteral("uint");
    case Type::Kind::Int: return QStringLiteral("int");
    case Type::Kind::Address: return QStringLiteral("address");
    case Type::Kind::Bool: return QStringLiteral("bool");
    case Type::Kind::FixedBytes: return QStringLiteral("fixed bytes");
    case Type::Kind::Bytes: return QStringLiteral("bytes");
    case Type::Kind::String: return QStringLiteral("string");
    case Type::Kind::Array: return QStringLiteral("array");
    case Type::Kind::FixedArray: return QStringLiteral("fixed array");
    case Type::Kind::Tuple: return QStringLiteral("tuple");
    }
    return {};
}

// ---------------------------------------------------------------------------------------------------
// Words: big-endian 256-bit, moved in 64-bit pieces (no allocation, unlike a byte-by-byte shift).

void putWord(char *out, const u256 &value)
{
    for (int piece = 0; piece < 4; ++piece) {
        auto bits = static_cast<quint64>(value >> (64 * (3 - piece)));
        for (int i = 7; i >= 0; --i) {
            out[piece * 8 + i] = static_cast<char>(bits & 0xff);
            bits >>= 8;
        }
    }
}

u256 getWord(const char *in)
{
    u256 value = 0;
    for (int piece = 0; piece < 4; ++piece) {
        quint64 bits = 0;
        for (int i = 0; i < 8; ++i)
            bits = (bits << 8) | static_cast<unsigned char>(in[piece * 8 + i]);
        value = (value << 64) | bits;
    }
    return value;
}

bool allZero(const char *in, qsizetype count)
{
    for (qsizetype i = 0; i < count; ++i) {
        if (in[i] != 0)
            return false;
    }
    return true;
}

// ---------------------------------------------------------------------------------------------------
// Checking and sizing

Error mismatch(const Type &type, const QString &detail)
{
    return Error::make(Error::Kind::Format, Messages::tr("A value does not fit its ABI type %1.").arg(type.canonical()), detail);
}

Status check(const Type &type, const Value &value)
{
    if (value.kind != type.kind())
        return mismatch(type, QStringLiteral("expected a %1 value, got a %2").arg(kindName(type.kind()), kindName(value.kind)));
    switch (type.kind()) {
    case Type::Kind::Uint:
        if (value.uintValue > maxUnsigned(type.bits()))
            return mismatch(type, QStringLiteral("%1 is too large").arg(toDecimal(value.uintValue)));
        return {};
    case Type::Kind::Int: {
        const i256 limit = i256(1) << (type.bits() - 1);
        if (value.intValue >= limit || value.intValue < -limit)
            return mismatch(type, QStringLiteral("%1 is out of range").arg(toDecimal(value.intValue)));
        return {};
    }
    case Type::Kind::Address:
        if (value.bytes.size() != 20)
            return mismatch(type, QStringLiteral("an address of %1 bytes").arg(value.bytes.size()));
        return {};
    case Type::Kind::Bool:
        if (value.uintValue > 1)
            return mismatch(type, QStringLiteral("a bool that is neither 0 nor 1"));
        return {};
    case Type::Kind::FixedBytes:
        if (value.bytes.size() != type.byteSize())
            return mismatch(type, QStringLiteral("%1 bytes").arg(value.bytes.size()));
        return {};
    case Type::Kind::Bytes:
    case Type::Kind::String:
        return {};
    case Type::Kind::FixedArray:
        if (value.items.size() != type.length())
            return mismatch(type, QStringLiteral("%1 elements").arg(value.items.size()));
        Q_FALLTHROUGH();
    case Type::Kind::Array:
        for (const Value &item : value.items) {
            if (Status status = check(type.element(), item); !status)
                return status;
        }
        return {};
    case Type::Kind::Tuple:
        if (value.items.size() != type.components().size())
            return mismatch(type, QStringLiteral("%1 components").arg(value.items.size()));
        for (qsizetype i = 0; i < value.items.size(); ++i) {
            if (Status status = check(type.components()[i], value.items[i]); !status)
                return status;
        }
        return {};
    }
    return {};
}

// The elements of a sequence (tuple components or array elements) are read through this, so arrays
// do not have to copy their element type once per element.
struct SequenceTypes
{
    const Type *single = nullptr;          // every element has this type
    const QList<Type> *perElement = nullptr;
    const Type &at(qsizetype i) const { return single ? *single : (*perElement)[i]; }
};

SequenceTypes sequenceOf(const Type &type)
{
    if (type.kind() == Type::Kind::Tuple)
        return {nullptr, &type.components()};
    return {&type.element(), nullptr};
}

qsizetype encodedSize(const Type &type, const Value &value);

qsizetype sequenceSize(SequenceTypes types, const QList<Value> &values)
{
    qsizetype size = 0;
    for (qsizetype i = 0; i < values.size(); ++i) {
        const Type &type = types.at(i);
        size += type.headSize();
        if (type.isDynamic())
            size += encodedSize(type, values[i]);
    }
    return size;
}

// Bytes the value's own encoding takes: its head for static types, its tail for dynamic ones.
qsizetype encodedSize(const Type &type, const Value &value)
{
    switch (type.kind()) {
    case Type::Kind::Bytes:
    case Type::Kind::String:
        return kWord + padded(value.bytes.size());
    case Type::Kind::Array:
        return kWord + sequenceSize(sequenceOf(type), value.items);
    case Type::Kind::FixedArray:
    case Type::Kind::Tuple:
        return type.isDynamic() ? sequenceSize(sequenceOf(type), value.items) : type.headSize();
    default:
        return kWord;
    }
}

// ---------------------------------------------------------------------------------------------------
// Writing into a buffer sized (and zeroed) in advance

qsizetype write(const Type &type, const Value &value, char *out);

qsizetype writeSequence(SequenceTypes types, const QList<Value> &values, char *out)
{
    qsizetype headsSize = 0;
    for (qsizetype i = 0; i < values.size(); ++i)
        headsSize += types.at(i).headSize();
    qsizetype head = 0;
    qsizetype tail = headsSize;
    for (qsizetype i = 0; i < values.size(); ++i) {
        const Type &type = types.at(i);
        if (type.isDynamic()) {
            putWord(out + head, u256(tail));
            head += kWord;
            tail += write(type, values[i], out + tail);
        } else {
            head += write(type, values[i], out + head);
        }
    }
    return tail;
}

qsizetype write(const Type &type, const Value &value, char *out)
{
    switch (type.kind()) {
    case Type::Kind::Uint:
    case Type::Kind::Bool:
        putWord(out, value.uintValue);
        return kWord;
    case Type::Kind::Int:
        putWord(out, toTwosComplement(value.intValue));
        return kWord;
    case Type::Kind::Address:
        std::memcpy(out + 12, value.bytes.constData(), 20);
        return kWord;
    case Type::Kind::FixedBytes:
        std::memcpy(out, value.bytes.constData(), static_cast<size_t>(value.bytes.size()));
        return kWord;
    case Type::Kind::Bytes:
    case Type::Kind::String:
        putWord(out, u256(value.bytes.size()));
        if (!value.bytes.isEmpty())
            std::memcpy(out + kWord, value.bytes.constData(), static_cast<size_t>(value.bytes.size()));
        return kWord + padded(value.bytes.size());
    case Type::Kind::Array:
        putWord(out, u256(value.items.size()));
        return kWord + writeSequence(sequenceOf(type), value.items, out + kWord);
    case Type::Kind::FixedArray:
    case Type::Kind::Tuple:
        return writeSequence(sequenceOf(type), value.items, out);
    }
    return 0;
}

// ---------------------------------------------------------------------------------------------------
// Decoding

class Decoder
{
public:
    Decoder(QByteArrayView data, DecodeMode mode)
        : m_data(data), m_mode(mode), m_budget(2 * (data.size() / kWord) + 16)
    {
    }

    // Decodes the value whose encoding starts at `at`; `end` receives where that encoding ends.
    Result<Value> value(const Type &type, qsizetype at, qsizetype &end)
    {
        switch (type.kind()) {
        case Type::Kind::Uint:
        case Type::Kind::Int:
        case Type::Kind::Address:
        case Type::Kind::Bool:
        case Type::Kind::FixedBytes:
            end = at + kWord;
            return word(type, at);
        case Type::Kind::Bytes:
        case Type::Kind::String:
            return bytes(type, at, end);
        case Type::Kind::Array: {
            auto length = readLength(at, type.element().headSize());
            if (!length)
                return length.error();
            auto items = sequence(sequenceOf(type), *length, at + kWord, end);
            if (!items)
                return items.error();
            return Value::array(std::move(*items));
        }
        case Type::Kind::FixedArray:
        case Type::Kind::Tuple: {
            const qsizetype count = type.kind() == Type::Kind::Tuple ? type.components().size() : type.length();
            auto items = sequence(sequenceOf(type), count, at, end);
            if (!items)
                return items.error();
            return type.kind() == Type::Kind::Tuple ? Value::tuple(std::move(*items))
                                                    : Value::fixedArray(std::move(*items));
        }
        }
        return malformed(QStringLiteral("unknown type"), at);
    }

    Result<QList<Value>> sequence(SequenceTypes types, qsizetype count, qsizetype base, qsizetype &end)
    {
        qsizetype headsSize = 0;
        for (qsizetype i = 0; i < count; ++i)
            headsSize += types.at(i).headSize();
        if (headsSize > m_data.size() - base)
            return malformed(QStringLiteral("%1 bytes of heads run past the end").arg(headsSize), base);
        QList<Value> items;
        items.reserve(count);
        qsizetype head = base;
        qsizetype tailEnd = base + headsSize;   // where the next tail starts in the canonical form
        for (qsizetype i = 0; i < count; ++i) {
            const Type &type = types.at(i);
            qsizetype itemEnd = 0;
            if (type.isDynamic()) {
                auto offset = readOffset(head, base);
                if (!offset)
                    return offset.error();
                if (m_mode == DecodeMode::Canonical && base + *offset != tailEnd)
                    return malformed(QStringLiteral("offset %1 is not the canonical %2").arg(*offset).arg(tailEnd - base), head);
                auto item = value(type, base + *offset, itemEnd);
                if (!item)
                    return item.error();
                items.append(std::move(*item));
                tailEnd = std::max(tailEnd, itemEnd);
                head += kWord;
            } else {
                auto item = value(type, head, itemEnd);
                if (!item)
                    return item.error();
                items.append(std::move(*item));
                head += type.headSize();
            }
        }
        end = tailEnd;
        return items;
    }

    Result<Value> word(const Type &type, qsizetype at)
    {
        if (!spend(1))
            return tooRepetitive(at);
        if (kWord > m_data.size() - at)
            return malformed(QStringLiteral("a %1 runs past the end").arg(type.canonical()), at);
        const char *in = m_data.data() + at;
        switch (type.kind()) {
        case Type::Kind::Uint: {
            const int zeroBytes = (256 - type.bits()) / 8;
            if (!allZero(in, zeroBytes))
                return malformed(QStringLiteral("a %1 has non-zero high bytes").arg(type.canonical()), at);
            return Value::fromUint(getWord(in));
        }
        case Type::Kind::Int: {
            const i256 value = fromTwosComplement(getWord(in));
            const i256 limit = i256(1) << (type.bits() - 1);
            if (value >= limit || value < -limit)
                return malformed(QStringLiteral("a %1 is not sign-extended").arg(type.canonical()), at);
            return Value::fromInt(value);
        }
        case Type::Kind::Address:
            if (!allZero(in, 12))
                return malformed(QStringLiteral("an address has non-zero high bytes"), at);
            return Value::fromAddress(*Address::fromBytes(QByteArrayView(in + 12, 20)));
        case Type::Kind::Bool:
            if (!allZero(in, 31) || static_cast<unsigned char>(in[31]) > 1)
                return malformed(QStringLiteral("a bool is neither 0 nor 1"), at);
            return Value::fromBool(in[31] == 1);
        case Type::Kind::FixedBytes:
            if (!allZero(in + type.byteSize(), kWord - type.byteSize()))
                return malformed(QStringLiteral("a %1 has non-zero padding").arg(type.canonical()), at);
            return Value::fromFixedBytes(QByteArray(in, type.byteSize()));
        default:
            return malformed(QStringLiteral("a %1 is not a single word").arg(type.canonical()), at);
        }
    }

    bool atCanonicalEnd(qsizetype end) const { return end == m_data.size(); }
    qsizetype size() const { return m_data.size(); }

    Error malformed(const QString &detail, qsizetype at) const
    {
        return Error::make(Error::Kind::Format, Messages::tr("The ABI data is malformed or does not match its types."),
                           QStringLiteral("%1 (at byte %2 of %3)").arg(detail).arg(at).arg(m_data.size()));
    }

private:
    bool spend(qsizetype words)
    {
        m_budget -= words;
        return m_budget >= 0;
    }

    Error tooRepetitive(qsizetype at) const
    {
        return Error::make(Error::Kind::Format,
                           Messages::tr("The ABI data refers to the same bytes too many times to decode safely."),
                           QStringLiteral("at byte %1 of %2").arg(at).arg(m_data.size()));
    }

    // A length or offset word: must fit in the data at all (anything larger is malformed).
    Result<qsizetype> readSmall(qsizetype at, const char *what)
    {
        if (!spend(1))
            return tooRepetitive(at);
        if (kWord > m_data.size() - at)
            return malformed(QStringLiteral("the %1 runs past the end").arg(QLatin1String(what)), at);
        const char *in = m_data.data() + at;
        if (!allZero(in, kWord - 8))
            return malformed(QStringLiteral("the %1 is too large").arg(QLatin1String(what)), at);
        quint64 value = 0;
        for (int i = kWord - 8; i < kWord; ++i)
            value = (value << 8) | static_cast<unsigned char>(in[i]);
        if (value > static_cast<quint64>(m_data.size()))
            return malformed(QStringLiteral("the %1 %2 is larger than the data").arg(QLatin1String(what)).arg(value), at);
        return static_cast<qsizetype>(value);
    }

    Result<qsizetype> readOffset(qsizetype at, qsizetype base)
    {
        auto offset = readSmall(at, "offset");
        if (!offset)
            return offset;
        if (*offset > m_data.size() - base)
            return malformed(QStringLiteral("the offset %1 points past the end").arg(*offset), at);
        return offset;
    }

    // An array length: each element takes at least `elementSize` bytes after the length word.
    Result<qsizetype> readLength(qsizetype at, qsizetype elementSize)
    {
        auto length = readSmall(at, "array length");
        if (!length)
            return length;
        const qsizetype room = m_data.size() - at - kWord;
        if (*length > room / std::max(elementSize, kWord))
            return malformed(QStringLiteral("an array of %1 elements does not fit").arg(*length), at);
        return length;
    }

    Result<Value> bytes(const Type &type, qsizetype at, qsizetype &end)
    {
        auto length = readSmall(at, "length");
        if (!length)
            return length.error();
        const qsizetype room = m_data.size() - at - kWord;
        if (padded(*length) > room)
            return malformed(QStringLiteral("%1 bytes of content run past the end").arg(*length), at);
        if (!spend(padded(*length) / kWord))
            return tooRepetitive(at);
        const char *content = m_data.data() + at + kWord;
        if (!allZero(content + *length, padded(*length) - *length))
            return malformed(QStringLiteral("non-zero padding after %1 bytes of content").arg(*length), at);
        end = at + kWord + padded(*length);
        QByteArray payload(content, *length);
        return type.kind() == Type::Kind::String ? Value::fromUtf8(std::move(payload))
                                                 : Value::fromBytes(std::move(payload));
    }

    QByteArrayView m_data;
    DecodeMode m_mode;
    qsizetype m_budget;
};

} // namespace

Status checkValue(const Type &type, const Value &value) { return check(type, value); }

Result<QByteArray> encode(const QList<Type> &types, const QList<Value> &values)
{
    if (types.size() != values.size())
        return Error::make(Error::Kind::Format, Messages::tr("Expected %1 ABI values, got %2.").arg(types.size()).arg(values.size()));
    for (qsizetype i = 0; i < types.size(); ++i) {
        if (Status status = check(types[i], values[i]); !status)
            return status.error();
    }
    const SequenceTypes sequence{nullptr, &types};
    QByteArray out(sequenceSize(sequence, values), '\0');
    const qsizetype written = writeSequence(sequence, values, out.data());
    Q_ASSERT(written == out.size());
    Q_UNUSED(written);
    return out;
}

Result<QByteArray> encodeCall(const Signature &signature, const QList<Value> &args)
{
    auto encoded = encode(typesOf(signature.inputs), args);
    if (!encoded)
        return encoded;
    return QByteArray(signature.selector() + *encoded);
}

Result<QList<Value>> decode(const QList<Type> &types, QByteArrayView data, DecodeMode mode)
{
    Decoder decoder(data, mode);
    qsizetype end = 0;
    auto values = decoder.sequence(SequenceTypes{nullptr, &types}, types.size(), 0, end);
    if (!values)
        return values;
    if (mode == DecodeMode::Canonical && !decoder.atCanonicalEnd(end))
        return decoder.malformed(QStringLiteral("%1 bytes after the encoded values").arg(data.size() - end), end);
    return values;
}

Result<QList<Value>> decodeCall(const Signature &signature, QByteArrayView calldata, DecodeMode mode)
{
    const QByteArray selector = signature.selector();
    if (calldata.size() < 4 || calldata.first(4) != selector)
        return Error::make(Error::Kind::Format,
                           Messages::tr("The calldata does not start with the selector of %1.").arg(signature.canonical()),
                           QStringLiteral("expected %1, got %2").arg(toHex(selector), toHex(calldata.first(std::min<qsizetype>(4, calldata.size())))));
    return decode(typesOf(signature.inputs), calldata.sliced(4), mode);
}

Result<Value> decodeWord(const Type &type, QByteArrayView word)
{
    Decoder decoder(word, DecodeMode::Canonical);
    if (type.isDynamic() || type.headSize() != kWord || word.size() != kWord)
        return decoder.malformed(QStringLiteral("%1 is not a one-word type").arg(type.canonical()), 0);
    qsizetype end = 0;
    return decoder.value(type, 0, end);
}

} // namespace apedesk::eth::abi
