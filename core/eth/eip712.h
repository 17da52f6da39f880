#pragma once
// EIP-712 typed structured data, read from the JSON form that eth_signTypedData_v4 and
// `cast wallet sign --data` take: {types, primaryType, domain, message}. Permit2 signatures use it.

#include "common/error.h"
#include "signer.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace apedesk::eth {

class TypedData
{
    Q_DECLARE_TR_FUNCTIONS(apedesk::eth::TypedData)
public:
    struct Field
    {
        QString name;
        // atomic (uint48, address, bytes32 …), bytes, string, a struct name, or any of those + [] / [n]
        QString type;
    };

    // Checks the shape and that every field type is known; values are checked when hashed.
    static Result<TypedData> fromJson(QByteArrayView json);
    static Result<TypedData> fromJson(const QJsonObject &object);

    const QString &primaryType() const { return m_primaryType; }
    const QJsonObject &domain() const { return m_domain; }
    const QJsonObject &message() const { return m_message; }
    // The struct types, EIP712Domain included (inferred from the domain's keys when the JSON leaves it out).
    const QHash<QString, QList<Field>> &types() const { return m_types; }

    // "Mail(Person from,Person to,string contents)Person(string name,address wallet)": the type itself,
    // then every struct type it references, directly or not, sorted by name.
    Result<QString> encodeType(const QString &typeName) const;
    Result<QByteArray> typeHash(const QString &typeName) const;   // keccak256(encodeType)
    // typeHash || the 32-byte encoding of each field, in declaration order.
    Result<QByteArray> encodeData(const QString &typeName, const QJsonObject &value) const;
    Result<QByteArray> hashStruct(const QString &typeName, const QJsonObject &value) const;

    Result<QByteArray> domainSeparator() const;   // hashStruct("EIP712Domain", domain)
    Result<QByteArray> messageHash() const;       // hashStruct(primaryType, message)
    Result<QByteArray> digest() const;            // keccak256(0x19 0x01 || domainSeparator || messageHash)

private:
    Result<QByteArray> encodeValue(const QString &type, const QJsonValue &value, const QString &path, int depth) const;
    Result<QByteArray> encodeDataAt(const QString &typeName, const QJsonObject &value, const QString &path,
                                    int depth) const;
    Status checkType(const QString &type) const;

    QHash<QString, QList<Field>> m_types;
    QString m_primaryType;
    QJsonObject m_domain;
    QJsonObject m_message;
};

// Signs digest(): what `cast wallet sign --data` prints (as Signature::toRsv65()).
Result<Signature> signTypedData(const TypedData &data, const PrivateKey &key);

} // namespace apedesk::eth
