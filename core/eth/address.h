#pragma once
// A 20-byte account address with EIP-55 checksum printing and checking.

#include "common/error.h"

#include <QByteArray>
#include <QMetaType>
#include <QString>

namespace apedesk::eth {

class Address
{
public:
    Address() : m_bytes(20, '\0') {}   // the zero address

    // "0x" + 40 hex digits. All-lower or all-upper case is accepted as is; mixed case must carry a
    // valid EIP-55 checksum, so a mistyped address is caught.
    static Result<Address> fromString(QStringView text);
    static Result<Address> fromBytes(QByteArrayView bytes);   // exactly 20 bytes
    // The last 20 bytes of keccak256(uncompressed public key without its 0x04 prefix).
    static Address fromPublicKey(QByteArrayView uncompressed64);

    const QByteArray &bytes() const { return m_bytes; }
    QString toChecksumString() const;   // EIP-55
    QString toLowerHex() const;         // 0x + lower case
    bool isZero() const;

    friend bool operator==(const Address &a, const Address &b) { return a.m_bytes == b.m_bytes; }
    friend bool operator!=(const Address &a, const Address &b) { return !(a == b); }
    friend bool operator<(const Address &a, const Address &b) { return a.m_bytes < b.m_bytes; }

private:
    explicit Address(QByteArray bytes) : m_bytes(std::move(bytes)) {}
    QByteArray m_bytes;
};

// A 32-byte hash (transaction hash, block hash, topic, pool id).
class Hash32
{
public:
    Hash32() : m_bytes(32, '\0') {}
    static Result<Hash32> fromString(QStringView text);
    static Result<Hash32> fromBytes(QByteArrayView bytes);
    const QByteArray &bytes() const { return m_bytes; }
    QString toHex() const;
    bool isZero() const { return m_bytes == QByteArray(32, '\0'); }
    friend bool operator==(const Hash32 &a, const Hash32 &b) { return a.m_bytes == b.m_bytes; }
    friend bool operator!=(const Hash32 &a, const Hash32 &b) { return !(a == b); }
    friend bool operator<(const Hash32 &a, const Hash32 &b) { return a.m_bytes < b.m_bytes; }

private:
    explicit Hash32(QByteArray bytes) : m_bytes(std::move(bytes)) {}
    QByteArray m_bytes;
};

inline size_t qHash(const Address &a, size_t seed = 0) { return ::qHash(a.bytes(), seed); }
inline size_t qHash(const Hash32 &h, size_t seed = 0) { return ::qHash(h.bytes(), seed); }

} // namespace apedesk::eth

Q_DECLARE_METATYPE(apedesk::eth::Address)
Q_DECLARE_METATYPE(apedesk::eth::Hash32)
