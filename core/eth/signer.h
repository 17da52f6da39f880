#pragma once
// secp256k1 keys and signatures (libsecp256k1: RFC 6979 nonces, low-s, recoverable). A private key
// lives in a SecretBytes buffer that is wiped when it goes away; it is never logged or printed.
// (Interface fixed for the JSON-RPC client and the CLI; implemented in signer.cpp.)

#include "address.h"
#include "common/error.h"

#include <QByteArray>

namespace apedesk::eth {

// Bytes that are zeroed (with a write the compiler cannot drop) when destroyed or cleared. Not copyable.
class SecretBytes
{
public:
    SecretBytes() = default;
    explicit SecretBytes(QByteArray bytes);   // takes the bytes; the caller's copy should be wiped too
    SecretBytes(SecretBytes &&other) noexcept;
    SecretBytes &operator=(SecretBytes &&other) noexcept;
    SecretBytes(const SecretBytes &) = delete;
    SecretBytes &operator=(const SecretBytes &) = delete;
    ~SecretBytes();

    const QByteArray &bytes() const { return m_bytes; }
    bool isEmpty() const { return m_bytes.isEmpty(); }
    void clear();

private:
    QByteArray m_bytes;
};

// Zeroes a buffer in place so the compiler cannot optimise the write away.
// A buffer shared with another QByteArray is not touched (its other holder still uses it and wipes it);
// this reference is dropped. Either way `bytes` is empty afterwards.
void secureWipe(QByteArray &bytes);
void secureWipe(QString &text);   // the same for text (mnemonics, passwords)

struct Signature
{
    QByteArray r;    // 32 bytes
    QByteArray s;    // 32 bytes, low-s
    int recoveryId = 0;   // 0 or 1 (y parity)
    QByteArray toRsv65() const;   // r || s || (27 + recoveryId), as eth_sign / cast wallet sign print
    // Parses r || s || v with v in {0, 1, 27, 28}.
    static Result<Signature> fromRsv65(QByteArrayView rsv);
};

class PrivateKey
{
public:
    static Result<PrivateKey> fromBytes(SecretBytes bytes);    // 32 bytes, 0 < k < n
    static Result<PrivateKey> fromHex(QStringView hex);       // 0x-optional, 64 hex digits
    static PrivateKey generate();                             // from the OS random source

    const SecretBytes &secret() const { return m_secret; }
    QByteArray publicKey() const;    // 64 bytes, uncompressed without the 0x04 prefix
    QByteArray compressedPublicKey() const;   // 33 bytes (0x02/0x03 prefix), as BIP-32 hashes it
    Address address() const;

    // Signs a 32-byte digest.
    Result<Signature> signDigest(QByteArrayView digest32) const;

private:
    SecretBytes m_secret;
    // Public, so kept: every transaction needs the sender, and deriving it costs a curve multiplication.
    QByteArray m_publicKey;   // 64 bytes
    Address m_address;
};

// Recovers the signer's address from a 32-byte digest and signature.
Result<Address> recoverAddress(QByteArrayView digest32, const Signature &signature);

// EIP-191 personal message: keccak256("\x19Ethereum Signed Message:\n" + len + message).
QByteArray personalMessageDigest(QByteArrayView message);
// signDigest(personalMessageDigest(message)): what `cast wallet sign MESSAGE` prints.
Result<Signature> signPersonalMessage(QByteArrayView message, const PrivateKey &key);

} // namespace apedesk::eth
