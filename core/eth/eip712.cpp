#include "eip712.h"

#include "address.h"
#include "hex.h"
#include "keccak.h"
#include "u256.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

#include <algorithm>
#include <cmath>

namespace apedesk::eth {
namespace {

const QString kDomainType = QStringLiteral("EIP712Domain");
constexpr int kMaxDepth = 64;   // nesting of structs and arrays in one value; deeper is refused, not recursed

Error formatError(const QString &message, const QString &detail = {})
{
    return Error::make(Error::Kind::Format, message, detail);
}

// "Foo[2][]" -> inner "Foo[2]", length -1 (dynamic). Returns false when the type is not an array.
bool splitArray(const QString &type, QString *inner, int *length, bool *valid)
{
    *valid = true;
    if (!type.endsWith(QLatin1Char(']')))
        return false;
    const qsizetype open = type.lastIndexOf(QLatin1Char('['));
    if (open <= 0) {
        *valid = false;
        return true;
    }
    *inner = type.left(open);
    const QStringView digits = QStringView(type).sliced(open + 1, type.size() - open - 2);
    if (digits.isEmpty()) {
        *length = -1;
        return true;
    }
    bool ok = false;
    *length = digits.toInt(&ok);
    // Canonical decimal only: "01" or "+1" would give the same length but a different type string.
    *valid = ok && *length >= 0 && QString::number(*length) == digits;
    return true;
}

// uintN / intN with N = 8..256 in steps of 8: returns N, or 0 when `type` is not one.
int integerBits(const QString &type, bool *isSigned)
{
    QStringView rest;
    if (type.startsWith(QLatin1String("uint"))) {
        *isSigned = false;
        rest = QStringView(type).mid(4);
    } else if (type.startsWith(QLatin1String("int"))) {
        *isSigned = true;
        rest = QStringView(type).mid(3);
    } else {
        return 0;
    }
    bool ok = false;
    const int bits = rest.toInt(&ok);
    return ok && bits >= 8 && bits <= 256 && bits % 8 == 0 && QString::number(bits) == rest ? bits : 0;
}

// bytesN with N = 1..32: returns N, or 0.
int fixedBytesSize(const QString &type)
{
    if (!type.startsWith(QLatin1String("bytes")) || type.size() == 5)
        return 0;
    bool ok = false;
    const QStringView rest = QStringView(type).mid(5);
    const int size = rest.toInt(&ok);
    return ok && size >= 1 && size <= 32 && QString::number(size) == rest ? size : 0;
}

bool isAtomicOrDynamic(const QString &type)
{
    bool isSigned = false;
    return type == QLatin1String("address") || type == QLatin1String("bool") || type == QLatin1String("string")
           || type == QLatin1String("bytes") || fixedBytesSize(type) > 0 || integerBits(type, &isSigned) > 0;
}

QByteArray leftPadded(QByteArrayView bytes) { return QByteArray(32 - bytes.size(), '\0') + bytes.toByteArray(); }

struct Integer
{
    bool negative = false;
    u256 magnitude = 0;
};

// An integer from a JSON number (exact ones only) or a decimal / 0x-hex string with an optional '-'.
Result<Integer> integerValue(const QJsonValue &value)
{
    if (value.isDouble()) {
        const QVariant variant = value.toVariant();
        qint64 integer = 0;
        if (variant.typeId() == QMetaType::LongLong) {
            integer = variant.toLongLong();
        } else {
            // Past 2^53 a JSON number has already lost digits in the parser; only a string keeps them.
            const double number = value.toDouble();
            if (number != std::floor(number) || std::fabs(number) > 9007199254740992.0)
                return Error::make(
                    Error::Kind::Format,
                    TypedData::tr("A typed-data integer written as a JSON number is not exact; write it as a string."));
            integer = static_cast<qint64>(number);
        }
        return Integer{integer < 0, integer < 0 ? u256(-(integer + 1)) + 1 : u256(integer)};
    }
    if (!value.isString())
        return Error::make(Error::Kind::Format, TypedData::tr("A typed-data integer must be a number or a string."));
    const QString text = value.toString().trimmed();
    const bool negative = text.startsWith(QLatin1Char('-'));
    auto magnitude = parseU256(negative ? QStringView(text).mid(1) : QStringView(text));
    if (!magnitude)
        return magnitude.error();
    return Integer{negative && *magnitude != 0, *magnitude};
}

} // namespace

// --- parsing -----------------------------------------------------------------------------------------

Result<TypedData> TypedData::fromJson(QByteArrayView json)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return formatError(tr("The typed data is not a JSON object."), parseError.errorString());
    return fromJson(document.object());
}

Result<TypedData> TypedData::fromJson(const QJsonObject &object)
{
    TypedData data;
    const QJsonValue types = object.value(QLatin1String("types"));
    if (!types.isObject())
        return formatError(tr("The typed data has no \"types\" object."));
    const QJsonObject typesObject = types.toObject();
    for (auto it = typesObject.begin(); it != typesObject.end(); ++it) {
        const QString &name = it.key();
        bool arrayValid = true;
        QString inner;
        int length = 0;
        if (name.isEmpty() || isAtomicOrDynamic(name) || splitArray(name, &inner, &length, &arrayValid)
            || name.contains(QLatin1Char('(')) || name.contains(QLatin1Char(',')) || name.contains(QLatin1Char(' ')))
            return formatError(tr("The typed data declares a struct type with an invalid name."), name);
        if (!it.value().isArray())
            return formatError(tr("A typed-data struct type must be a list of fields."), name);
        QList<Field> fields;
        QSet<QString> seen;
        for (const QJsonValue &fieldValue : it.value().toArray()) {
            const QJsonObject field = fieldValue.toObject();
            const QString fieldName = field.value(QLatin1String("name")).toString();
            const QString fieldType = field.value(QLatin1String("type")).toString();
            if (fieldName.isEmpty() || fieldType.isEmpty() || seen.contains(fieldName))
                return formatError(tr("A typed-data field needs a unique name and a type."), name);
            seen.insert(fieldName);
            fields.append({fieldName, fieldType});
        }
        data.m_types.insert(name, fields);
    }

    const QJsonValue primary = object.value(QLatin1String("primaryType"));
    const QJsonValue domain = object.value(QLatin1String("domain"));
    const QJsonValue message = object.value(QLatin1String("message"));
    if (!primary.isString() || !data.m_types.contains(primary.toString()))
        return formatError(tr("The typed data's \"primaryType\" is missing or not one of its types."),
                           primary.toString());
    if (!domain.isObject() || !message.isObject())
        return formatError(tr("The typed data needs a \"domain\" and a \"message\" object."));
    data.m_primaryType = primary.toString();
    data.m_domain = domain.toObject();
    data.m_message = message.toObject();

    // Without an explicit EIP712Domain, the domain's own keys define it, in the order EIP-712 lists them.
    if (!data.m_types.contains(kDomainType)) {
        static const QList<Field> known{{QStringLiteral("name"), QStringLiteral("string")},
                                        {QStringLiteral("version"), QStringLiteral("string")},
                                        {QStringLiteral("chainId"), QStringLiteral("uint256")},
                                        {QStringLiteral("verifyingContract"), QStringLiteral("address")},
                                        {QStringLiteral("salt"), QStringLiteral("bytes32")}};
        QList<Field> fields;
        for (const Field &field : known) {
            if (data.m_domain.contains(field.name))
                fields.append(field);
        }
        for (auto it = data.m_domain.begin(); it != data.m_domain.end(); ++it) {
            if (std::none_of(known.begin(), known.end(), [&](const Field &f) { return f.name == it.key(); }))
                return formatError(tr("The typed data's domain has a field EIP-712 does not define; declare "
                                      "EIP712Domain in \"types\"."),
                                   it.key());
        }
        data.m_types.insert(kDomainType, fields);
    }

    for (auto it = data.m_types.cbegin(); it != data.m_types.cend(); ++it) {
        for (const Field &field : it.value()) {
            if (Status known = data.checkType(field.type); !known)
                return Error::make(known.error().kind, known.error().message,
                                   it.key() + QLatin1Char('.') + field.name + QStringLiteral(": ") + field.type);
        }
    }
    return data;
}

Status TypedData::checkType(const QString &type) const
{
    QString base = type;
    for (int guard = 0; guard < kMaxDepth; ++guard) {
        QString inner;
        int length = 0;
        bool valid = true;
        if (!splitArray(base, &inner, &length, &valid))
            break;
        if (!valid)
            return formatError(tr("A typed-data array type is malformed."), type);
        base = inner;
    }
    if (isAtomicOrDynamic(base) || m_types.contains(base))
        return {};
    return formatError(tr("The typed data uses a type that is neither a Solidity type nor one of its structs."), type);
}

// --- encoding ----------------------------------------------------------------------------------------

Result<QString> TypedData::encodeType(const QString &typeName) const
{
    if (!m_types.contains(typeName))
        return formatError(tr("The typed data has no struct type of this name."), typeName);
    // Every struct type reachable from typeName, through arrays too.
    QSet<QString> found;
    QList<QString> pending{typeName};
    while (!pending.isEmpty()) {
        const QString current = pending.takeLast();
        for (const Field &field : m_types.value(current)) {
            QString base = field.type;
            base.truncate(base.indexOf(QLatin1Char('[')) < 0 ? base.size() : base.indexOf(QLatin1Char('[')));
            if (m_types.contains(base) && base != typeName && !found.contains(base)) {
                found.insert(base);
                pending.append(base);
            }
        }
    }
    QStringList ordered(found.begin(), found.end());
    std::sort(ordered.begin(), ordered.end());
    ordered.prepend(typeName);
    QString encoded;
    for (const QString &name : ordered) {
        QStringList members;
        for (const Field &field : m_types.value(name))
            members << field.type + QLatin1Char(' ') + field.name;
        encoded += name + QLatin1Char('(') + members.join(QLatin1Char(',')) + QLatin1Char(')');
    }
    return encoded;
}

Result<QByteArray> TypedData::typeHash(const QString &typeName) const
{
    auto encoded = encodeType(typeName);
    if (!encoded)
        return encoded.error();
    return keccak256(encoded->toUtf8());
}

Result<QByteArray> TypedData::encodeData(const QString &typeName, const QJsonObject &value) const
{
    return encodeDataAt(typeName, value, typeName, 0);
}

Result<QByteArray> TypedData::hashStruct(const QString &typeName, const QJsonObject &value) const
{
    auto encoded = encodeDataAt(typeName, value, typeName, 0);
    if (!encoded)
        return encoded.error();
    return keccak256(*encoded);
}

Result<QByteArray> TypedData::encodeDataAt(const QString &typeName, const QJsonObject &value, const QString &path,
                                           int depth) const
{
    if (depth > kMaxDepth)
        return formatError(tr("The typed data is nested too deeply."), path);
    auto hash = typeHash(typeName);
    if (!hash)
        return hash.error();
    QByteArray encoded = *hash;
    for (const Field &field : m_types.value(typeName)) {
        const QString fieldPath = path + QLatin1Char('.') + field.name;
        if (!value.contains(field.name))
            return formatError(tr("A typed-data value is missing one of its fields."), fieldPath);
        auto word = encodeValue(field.type, value.value(field.name), fieldPath, depth + 1);
        if (!word)
            return word.error();
        encoded += *word;
    }
    return encoded;
}

Result<QByteArray> TypedData::encodeValue(const QString &type, const QJsonValue &value, const QString &path,
                                          int depth) const
{
    if (depth > kMaxDepth)
        return formatError(tr("The typed data is nested too deeply."), path);
    const auto wrong = [&](const QString &message) {
        return formatError(message, path + QStringLiteral(" (") + type + QLatin1Char(')'));
    };

    QString inner;
    int length = 0;
    bool valid = true;
    if (splitArray(type, &inner, &length, &valid)) {
        if (!valid)
            return wrong(tr("A typed-data array type is malformed."));
        if (!value.isArray())
            return wrong(tr("A typed-data value should be a list."));
        const QJsonArray array = value.toArray();
        if (length >= 0 && array.size() != length)
            return wrong(tr("A typed-data list has the wrong number of elements."));
        QByteArray concatenated;
        for (qsizetype i = 0; i < array.size(); ++i) {
            auto element = encodeValue(inner, array.at(i), path + QStringLiteral("[%1]").arg(i), depth + 1);
            if (!element)
                return element.error();
            concatenated += *element;
        }
        return keccak256(concatenated);
    }
    if (m_types.contains(type)) {
        if (!value.isObject())
            return wrong(tr("A typed-data value should be an object."));
        auto encoded = encodeDataAt(type, value.toObject(), path, depth + 1);
        if (!encoded)
            return encoded.error();
        return keccak256(*encoded);
    }
    if (type == QLatin1String("string")) {
        if (!value.isString())
            return wrong(tr("A typed-data string value should be a JSON string."));
        return keccak256(value.toString().toUtf8());
    }
    if (type == QLatin1String("bytes")) {
        auto bytes = fromHex(value.toString());
        if (!value.isString() || !bytes)
            return wrong(tr("A typed-data bytes value should be a hex string."));
        return keccak256(*bytes);
    }
    if (type == QLatin1String("bool")) {
        if (value.isBool())
            return leftPadded(QByteArray(1, value.toBool() ? '\1' : '\0'));
        if (value.isString()
            && (value.toString() == QLatin1String("true") || value.toString() == QLatin1String("false")))
            return leftPadded(QByteArray(1, value.toString() == QLatin1String("true") ? '\1' : '\0'));
        return wrong(tr("A typed-data bool value should be true or false."));
    }
    if (type == QLatin1String("address")) {
        if (!value.isString())
            return wrong(tr("A typed-data address value is not a valid address."));
        auto address = Address::fromString(value.toString());
        if (!address)
            return formatError(tr("A typed-data address value is not a valid address."),
                               path + QStringLiteral(": ") + address.error().message);
        return leftPadded(address->bytes());
    }
    if (const int size = fixedBytesSize(type); size > 0) {
        auto bytes = fromHex(value.toString());
        if (!value.isString() || !bytes || bytes->size() != size)
            return wrong(tr("A typed-data fixed-size bytes value should be a hex string of exactly that many bytes."));
        return QByteArray(*bytes + QByteArray(32 - size, '\0'));   // bytesN is left-aligned
    }
    bool isSigned = false;
    if (const int bits = integerBits(type, &isSigned); bits > 0) {
        auto integer = integerValue(value);
        if (!integer)
            return formatError(integer.error().message, path + QStringLiteral(": ") + integer.error().detail);
        const u256 &magnitude = integer->magnitude;
        const bool inRange = isSigned ? magnitude <= (u256(1) << (bits - 1)) - (integer->negative ? 0 : 1)
                                      : !integer->negative && magnitude <= maxUnsigned(bits);
        if (!inRange)
            return wrong(tr("A typed-data integer is out of range for its type."));
        // Two's complement over 256 bits: -m is 2^256 - m, which u256 arithmetic wraps to.
        return toBigEndian(integer->negative ? u256(u256(0) - magnitude) : magnitude, 32);
    }
    return wrong(tr("The typed data uses a type that is neither a Solidity type nor one of its structs."));
}

Result<QByteArray> TypedData::domainSeparator() const { return hashStruct(kDomainType, m_domain); }

Result<QByteArray> TypedData::messageHash() const { return hashStruct(m_primaryType, m_message); }

Result<QByteArray> TypedData::digest() const
{
    auto domainHash = domainSeparator();
    if (!domainHash)
        return domainHash.error();
    QByteArray preimage("\x19\x01");
    preimage += *domainHash;
    // A domain-only signature (primaryType EIP712Domain) has no message part, as in eth_signTypedData_v4.
    if (m_primaryType != kDomainType) {
        auto message = messageHash();
        if (!message)
            return message.error();
        preimage += *message;
    }
    return keccak256(preimage);
}

Result<Signature> signTypedData(const TypedData &data, const PrivateKey &key)
{
    auto digest = data.digest();
    if (!digest)
        return digest.error();
    return key.signDigest(*digest);
}

} // namespace apedesk::eth
