#pragma once
// Web3 Secret Storage v3 keystore files (what geth, cast and MetaMask exchange): the private key,
// AES-128-CTR-encrypted under a key derived from a password with scrypt or PBKDF2-HMAC-SHA256, and a
// keccak256 MAC that tells a wrong password from a damaged file.

#include "address.h"
#include "common/error.h"
#include "signer.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace apedesk::eth {

struct KdfParams
{
    enum class Kind { Scrypt, Pbkdf2 };
    Kind kind = Kind::Scrypt;
    // scrypt: cast 1.7.1 writes n = 8192, r = 8, p = 1 (its eth-keystore defaults); so do we, so that a
    // keystore unlocks equally fast in either. Reading takes any power-of-two n up to a memory bound.
    quint64 scryptN = 8192;
    quint32 scryptR = 8;
    quint32 scryptP = 1;
    // PBKDF2-HMAC-SHA256 iterations (geth's and the spec's 262144).
    quint32 pbkdf2Iterations = 262144;

    static KdfParams scrypt(quint64 n = 8192, quint32 r = 8, quint32 p = 1)
    {
        KdfParams params;
        params.scryptN = n;
        params.scryptR = r;
        params.scryptP = p;
        return params;
    }
    static KdfParams pbkdf2(quint32 iterations = 262144)
    {
        KdfParams params;
        params.kind = Kind::Pbkdf2;
        params.pbkdf2Iterations = iterations;
        return params;
    }
    // For tests only: fast, and weak.
    static KdfParams light() { return scrypt(1024, 8, 1); }
};

class Keystore
{
    Q_DECLARE_TR_FUNCTIONS(apedesk::eth::Keystore)
public:
    struct Entry
    {
        QString path;
        std::optional<Address>
            address;   // from the file's "address" field or geth-style name; cast's files have neither
        QString id;
        QDateTime modified;
    };

    // The v3 JSON text of `key` encrypted under `password` (UTF-8 bytes, used as they are).
    static Result<QByteArray> encrypt(const PrivateKey &key, QByteArrayView password, const KdfParams &params = {});
    // The key inside a v3 JSON text. A wrong password is an Error of kind Crypto with a plain sentence.
    static Result<PrivateKey> decrypt(QByteArrayView json, QByteArrayView password);

    // Writes a new file UTC--<time>--<address> in `directory` (created 0700 if missing), atomically and
    // readable by the owner only (0600). Never replaces an existing file. Returns the file's path.
    static Result<QString> write(const QString &directory, const PrivateKey &key, QByteArrayView password,
                                 const KdfParams &params = {});
    // Reads only: a failed attempt leaves the file as it was.
    static Result<PrivateKey> readFile(const QString &path, QByteArrayView password);
    // The v3 keystore files in `directory`, by file name; other files are skipped.
    static Result<QList<Entry>> list(const QString &directory);

    // geth's name: UTC--2024-01-31T12-00-00.000000000Z--<40 lower-case hex digits>.
    static QString fileName(const Address &address, const QDateTime &utc);
};

} // namespace apedesk::eth
