#include "keystore.h"

#include "hex.h"
#include "keccak.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSaveFile>
#include <QUuid>

#include <cmath>
#include <memory>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

namespace apedesk::eth {
namespace {

// Above this a keystore's scrypt parameters are refused rather than tried (geth's standard n = 2^18,
// r = 8 needs 256 MiB).
constexpr quint64 kMaxScryptMemory = quint64(2) << 30;
constexpr int kMaxFileBytes = 1 << 20;

Error invalid(const QString &detail)
{
    return Error::make(Error::Kind::Format, Keystore::tr("The keystore file is not a valid version 3 keystore."),
                       detail);
}

Error cryptoFailure(const QString &detail)
{
    return Error::make(Error::Kind::Crypto, Keystore::tr("The keystore could not be encrypted or decrypted."), detail);
}

// Random bytes, or an empty array when the OS source fails.
QByteArray randomBytes(int size)
{
    QByteArray bytes(size, '\0');
    if (RAND_bytes(reinterpret_cast<unsigned char *>(bytes.data()), size) != 1)
        return {};
    return bytes;
}

const unsigned char *uchars(QByteArrayView bytes) { return reinterpret_cast<const unsigned char *>(bytes.data()); }

// The 32-byte key derived from the password; empty on failure (parameters checked by the caller).
SecretBytes deriveKey(const KdfParams &params, QByteArrayView password, QByteArrayView salt, int dklen)
{
    QByteArray derived(dklen, '\0');
    int ok = 0;
    if (params.kind == KdfParams::Kind::Scrypt) {
        const quint64 maxMemory = 128 * quint64(params.scryptR) * (params.scryptN + params.scryptP + 2) + (1 << 16);
        ok = EVP_PBE_scrypt(password.data(), static_cast<size_t>(password.size()), uchars(salt),
                            static_cast<size_t>(salt.size()), params.scryptN, params.scryptR, params.scryptP, maxMemory,
                            reinterpret_cast<unsigned char *>(derived.data()), static_cast<size_t>(dklen));
    } else {
        ok = PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()), uchars(salt),
                               static_cast<int>(salt.size()), static_cast<int>(params.pbkdf2Iterations), EVP_sha256(),
                               dklen, reinterpret_cast<unsigned char *>(derived.data()));
    }
    if (ok != 1)
        secureWipe(derived);
    return SecretBytes(std::move(derived));
}

// AES-128-CTR is its own inverse: one function encrypts and decrypts.
QByteArray aes128Ctr(QByteArrayView key16, QByteArrayView iv16, QByteArrayView input)
{
    std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)> context(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
    QByteArray output(input.size(), '\0');
    int written = 0;
    int finalWritten = 0;
    if (!context || EVP_EncryptInit_ex(context.get(), EVP_aes_128_ctr(), nullptr, uchars(key16), uchars(iv16)) != 1
        || EVP_EncryptUpdate(context.get(), reinterpret_cast<unsigned char *>(output.data()), &written, uchars(input),
                             static_cast<int>(input.size()))
               != 1
        || EVP_EncryptFinal_ex(context.get(), reinterpret_cast<unsigned char *>(output.data()) + written, &finalWritten)
               != 1
        || written + finalWritten != input.size()) {
        secureWipe(output);
        return {};
    }
    return output;
}

// keccak256(derivedKey[16..32] || ciphertext), the v3 MAC.
QByteArray mac(const SecretBytes &derivedKey, QByteArrayView ciphertext)
{
    QByteArray preimage;
    preimage.reserve(16 + ciphertext.size());
    preimage.append(derivedKey.bytes().mid(16, 16)).append(ciphertext);
    QByteArray digest = keccak256(preimage);
    secureWipe(preimage);
    return digest;
}

Result<QByteArray> hexField(const QJsonObject &object, const char *name, int size = -1)
{
    const QJsonValue value = object.value(QLatin1String(name));
    auto bytes = fromHex(value.toString());
    if (!value.isString() || !bytes || (size >= 0 && bytes->size() != size))
        return invalid(QStringLiteral("%1 is not %2hex")
                           .arg(QLatin1String(name), size >= 0 ? QStringLiteral("%1-byte ").arg(size) : QString()));
    return bytes;
}

// A positive integer field, which some writers quote.
std::optional<quint64> integerField(const QJsonObject &object, const char *name)
{
    const QJsonValue value = object.value(QLatin1String(name));
    if (value.isDouble()) {
        const double number = value.toDouble();
        if (number >= 1 && number <= 9007199254740992.0 && number == std::floor(number))
            return static_cast<quint64>(number);
        return std::nullopt;
    }
    bool ok = false;
    const quint64 number = value.toString().toULongLong(&ok);
    return ok && number >= 1 ? std::optional<quint64>(number) : std::nullopt;
}

struct ParsedKdf
{
    KdfParams params;
    QByteArray salt;
    int dklen = 32;
};

Result<ParsedKdf> parseKdf(const QJsonObject &crypto)
{
    const QString kdf = crypto.value(QLatin1String("kdf")).toString();
    const QJsonObject p = crypto.value(QLatin1String("kdfparams")).toObject();
    ParsedKdf parsed;
    auto salt = hexField(p, "salt");
    if (!salt)
        return salt.error();
    parsed.salt = *salt;
    const std::optional<quint64> dklen = integerField(p, "dklen");
    if (!dklen || *dklen < 32 || *dklen > 1024)
        return invalid(QStringLiteral("dklen must be 32 or more"));
    parsed.dklen = static_cast<int>(*dklen);
    if (kdf == QLatin1String("scrypt")) {
        const auto n = integerField(p, "n"), r = integerField(p, "r"), pp = integerField(p, "p");
        if (!n || !r || !pp || *n < 2 || (*n & (*n - 1)) != 0 || *r > 0xffffffffu || *pp > 0xffffffffu
            || *r * *pp >= (quint64(1) << 30))
            return invalid(QStringLiteral("scrypt n must be a power of two, r and p positive"));
        // RFC 7914 asks n < 2^(16 r); OpenSSL (and cast) refuse more, e.g. the v3 spec's own n = 2^18, r = 1 example.
        if (*r < 4 && *n >= (quint64(1) << (16 * *r)))
            return Error::make(
                Error::Kind::Format,
                Keystore::tr(
                    "The keystore's scrypt settings are outside what scrypt allows (n must be below 2^(16·r))."),
                QStringLiteral("n %1 r %2").arg(*n).arg(*r));
        if (*n > kMaxScryptMemory / 128 / *r || 128 * *r * *pp > kMaxScryptMemory)
            return Error::make(
                Error::Kind::Format,
                Keystore::tr("The keystore's scrypt settings need more memory than ApeDesk allows (2 GiB)."),
                QStringLiteral("n %1 r %2 p %3").arg(*n).arg(*r).arg(*pp));
        parsed.params = KdfParams::scrypt(*n, static_cast<quint32>(*r), static_cast<quint32>(*pp));
        return parsed;
    }
    if (kdf == QLatin1String("pbkdf2")) {
        if (p.value(QLatin1String("prf")).toString() != QLatin1String("hmac-sha256"))
            return Error::make(Error::Kind::Format,
                               Keystore::tr("The keystore uses a PBKDF2 variant other than HMAC-SHA256."),
                               p.value(QLatin1String("prf")).toString());
        const auto c = integerField(p, "c");
        if (!c || *c > 0x7fffffffu)
            return invalid(QStringLiteral("pbkdf2 c must be a positive 31-bit integer"));
        parsed.params = KdfParams::pbkdf2(static_cast<quint32>(*c));
        return parsed;
    }
    return Error::make(Error::Kind::Format,
                       Keystore::tr("The keystore uses a key derivation other than scrypt or PBKDF2."), kdf);
}

QJsonObject kdfParamsJson(const KdfParams &params, QByteArrayView salt)
{
    if (params.kind == KdfParams::Kind::Scrypt)
        return {{QStringLiteral("dklen"), 32},
                {QStringLiteral("n"), static_cast<qint64>(params.scryptN)},
                {QStringLiteral("r"), static_cast<qint64>(params.scryptR)},
                {QStringLiteral("p"), static_cast<qint64>(params.scryptP)},
                {QStringLiteral("salt"), toHex(salt, false)}};
    return {{QStringLiteral("c"), static_cast<qint64>(params.pbkdf2Iterations)},
            {QStringLiteral("dklen"), 32},
            {QStringLiteral("prf"), QStringLiteral("hmac-sha256")},
            {QStringLiteral("salt"), toHex(salt, false)}};
}

// "address" as geth writes it (40 hex digits); some writers add 0x.
std::optional<Address> addressField(const QString &text)
{
    QString digits = text.toLower();
    if (digits.startsWith(QLatin1String("0x")))
        digits.remove(0, 2);
    auto address = Address::fromString(QString(QStringLiteral("0x") + digits));
    return address ? std::optional<Address>(*address) : std::nullopt;
}

const QRegularExpression &gethNamePattern()
{
    static const QRegularExpression pattern(QStringLiteral("^UTC--.+--([0-9a-fA-F]{40})$"));
    return pattern;
}

} // namespace

Result<QByteArray> Keystore::encrypt(const PrivateKey &key, QByteArrayView password, const KdfParams &params)
{
    if (params.kind == KdfParams::Kind::Scrypt
        && (params.scryptN < 2 || (params.scryptN & (params.scryptN - 1)) != 0 || params.scryptR == 0
            || params.scryptP == 0))
        return Error::make(Error::Kind::Usage, tr("scrypt needs n a power of two, r and p positive."));
    if (params.kind == KdfParams::Kind::Pbkdf2
        && (params.pbkdf2Iterations == 0 || params.pbkdf2Iterations > 0x7fffffffu))
        return Error::make(Error::Kind::Usage, tr("PBKDF2 needs a positive iteration count."));
    if (key.secret().bytes().size() != 32)
        return Error::make(Error::Kind::Usage, tr("No private key is loaded."));
    const QByteArray salt = randomBytes(32);
    const QByteArray iv = randomBytes(16);
    if (salt.isEmpty() || iv.isEmpty())
        return cryptoFailure(QStringLiteral("RAND_bytes failed"));
    const SecretBytes derived = deriveKey(params, password, salt, 32);
    if (derived.isEmpty())
        return cryptoFailure(QStringLiteral("key derivation failed"));
    const QByteArray ciphertext = aes128Ctr(derived.bytes().first(16), iv, key.secret().bytes());
    if (ciphertext.size() != 32)
        return cryptoFailure(QStringLiteral("AES-128-CTR failed"));

    const QJsonObject crypto{{QStringLiteral("cipher"), QStringLiteral("aes-128-ctr")},
                             {QStringLiteral("cipherparams"), QJsonObject{{QStringLiteral("iv"), toHex(iv, false)}}},
                             {QStringLiteral("ciphertext"), toHex(ciphertext, false)},
                             {QStringLiteral("kdf"), params.kind == KdfParams::Kind::Scrypt ? QStringLiteral("scrypt")
                                                                                            : QStringLiteral("pbkdf2")},
                             {QStringLiteral("kdfparams"), kdfParamsJson(params, salt)},
                             {QStringLiteral("mac"), toHex(mac(derived, ciphertext), false)}};
    // "address" as geth writes it (lower case, no 0x): lets a wallet list show the account without the password.
    const QJsonObject document{{QStringLiteral("address"), key.address().toLowerHex().mid(2)},
                               {QStringLiteral("crypto"), crypto},
                               {QStringLiteral("id"), QUuid::createUuid().toString(QUuid::WithoutBraces)},
                               {QStringLiteral("version"), 3}};
    return QJsonDocument(document).toJson(QJsonDocument::Compact);
}

Result<PrivateKey> Keystore::decrypt(QByteArrayView json, QByteArrayView password)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return invalid(QStringLiteral("not a JSON object: %1").arg(parseError.errorString()));
    const QJsonObject root = document.object();
    if (root.value(QLatin1String("version")).toInt() != 3)
        return Error::make(
            Error::Kind::Format, tr("Only version 3 keystore files are supported."),
            QStringLiteral("version %1").arg(root.value(QLatin1String("version")).toVariant().toString()));
    // Some old writers capitalised "Crypto".
    const QJsonObject crypto = root.contains(QLatin1String("crypto")) ? root.value(QLatin1String("crypto")).toObject()
                                                                      : root.value(QLatin1String("Crypto")).toObject();
    if (crypto.value(QLatin1String("cipher")).toString() != QLatin1String("aes-128-ctr"))
        return Error::make(Error::Kind::Format, tr("The keystore uses a cipher other than AES-128-CTR."),
                           crypto.value(QLatin1String("cipher")).toString());
    auto iv = hexField(crypto.value(QLatin1String("cipherparams")).toObject(), "iv", 16);
    auto ciphertext = hexField(crypto, "ciphertext", 32);
    auto expectedMac = hexField(crypto, "mac", 32);
    auto kdf = parseKdf(crypto);
    if (!iv)
        return iv.error();
    if (!ciphertext)
        return ciphertext.error();
    if (!expectedMac)
        return expectedMac.error();
    if (!kdf)
        return kdf.error();

    const SecretBytes derived = deriveKey(kdf->params, password, kdf->salt, kdf->dklen);
    if (derived.isEmpty())
        return cryptoFailure(QStringLiteral("key derivation failed"));
    const QByteArray actualMac = mac(derived, *ciphertext);
    if (CRYPTO_memcmp(actualMac.constData(), expectedMac->constData(), 32) != 0)
        return Error::make(Error::Kind::Crypto, tr("The password is wrong for this keystore."));
    QByteArray plain = aes128Ctr(derived.bytes().first(16), *iv, *ciphertext);
    if (plain.size() != 32) {
        secureWipe(plain);
        return cryptoFailure(QStringLiteral("AES-128-CTR failed"));
    }
    auto key = PrivateKey::fromBytes(SecretBytes(std::move(plain)));
    if (!key)
        return invalid(key.error().message);
    // A mismatch means a file edited by hand or a bug in its writer; better to stop than to sign as someone else.
    if (root.contains(QLatin1String("address"))) {
        const std::optional<Address> stated = addressField(root.value(QLatin1String("address")).toString());
        if (!stated || *stated != key->address())
            return Error::make(Error::Kind::Format, tr("The keystore's address does not match the key inside it."),
                               root.value(QLatin1String("address")).toString());
    }
    return key;
}

QString Keystore::fileName(const Address &address, const QDateTime &utc)
{
    const QDateTime time = utc.toUTC();
    // geth: %04d-%02d-%02dT%02d-%02d-%02d.%09dZ; Qt has milliseconds, so the last six digits are zero.
    return QStringLiteral("UTC--") + time.toString(QStringLiteral("yyyy-MM-ddTHH-mm-ss.zzz"))
           + QStringLiteral("000000Z--") + address.toLowerHex().mid(2);
}

Result<QString> Keystore::write(const QString &directory, const PrivateKey &key, QByteArrayView password,
                                const KdfParams &params)
{
    auto json = encrypt(key, password, params);
    if (!json)
        return json.error();
    QDir dir(directory);
    if (!dir.exists()) {
        if (!QDir().mkpath(directory))
            return Error::make(Error::Kind::Io, tr("The keystore folder could not be created."), directory);
        QFile::setPermissions(directory, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    }
    const QString path = dir.absoluteFilePath(fileName(key.address(), QDateTime::currentDateTimeUtc()));
    if (QFileInfo::exists(path))
        return Error::make(Error::Kind::Io, tr("A keystore file of this name exists already; nothing was written."),
                           path);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error::make(Error::Kind::Io, tr("The keystore file could not be written."),
                           path + QStringLiteral(": ") + file.errorString());
    // Set on the temporary file before any byte is in it; the rename keeps it.
    const bool restricted = file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    if (!restricted || file.write(*json) != json->size() || !file.commit()) {
        const QString reason = file.errorString();
        file.cancelWriting();
        return Error::make(Error::Kind::Io, tr("The keystore file could not be written."),
                           path + QStringLiteral(": ") + reason);
    }
    return path;
}

Result<PrivateKey> Keystore::readFile(const QString &path, QByteArrayView password)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::make(Error::Kind::Io, tr("The keystore file could not be opened."),
                           path + QStringLiteral(": ") + file.errorString());
    if (file.size() > kMaxFileBytes)
        return invalid(path + QStringLiteral(": larger than 1 MiB"));
    const QByteArray json = file.readAll();
    auto key = decrypt(json, password);
    if (!key)
        return Error::make(key.error().kind, key.error().message,
                           key.error().detail.isEmpty() ? path : path + QStringLiteral(": ") + key.error().detail);
    return key;
}

Result<QList<Keystore::Entry>> Keystore::list(const QString &directory)
{
    QDir dir(directory);
    if (!dir.exists())
        return Error::make(Error::Kind::Io, tr("The keystore folder does not exist."), directory);
    QList<Entry> entries;
    const QFileInfoList files = dir.entryInfoList(QDir::Files | QDir::Readable, QDir::Name);
    for (const QFileInfo &info : files) {
        if (info.size() > kMaxFileBytes)
            continue;
        QFile file(info.absoluteFilePath());
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
        const bool hasCrypto =
            root.value(QLatin1String("crypto")).isObject() || root.value(QLatin1String("Crypto")).isObject();
        if (root.value(QLatin1String("version")).toInt() != 3 || !hasCrypto)
            continue;
        Entry entry;
        entry.path = info.absoluteFilePath();
        entry.id = root.value(QLatin1String("id")).toString();
        entry.modified = info.lastModified().toUTC();
        QString addressText = root.value(QLatin1String("address")).toString();
        if (addressText.isEmpty()) {
            const QRegularExpressionMatch match = gethNamePattern().match(info.fileName());
            if (match.hasMatch())
                addressText = match.captured(1);
        }
        if (!addressText.isEmpty())
            entry.address = addressField(addressText);
        entries.append(entry);
    }
    return entries;
}

} // namespace apedesk::eth
