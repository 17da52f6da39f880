#include "signer.h"

#include "hex.h"
#include "keccak.h"
#include "secp256k1context.h"

#include <QCoreApplication>

#include <algorithm>

#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <secp256k1_recovery.h>

namespace apedesk::eth {

namespace detail {

const secp256k1_context *secp256k1Context()
{
    // Never destroyed: signing may still run on a worker thread while statics are torn down.
    static secp256k1_context *const context = [] {
        secp256k1_context *created = secp256k1_context_create(SECP256K1_CONTEXT_NONE);
        unsigned char seed[32];
        // Randomisation only adds blinding; without it signing is still correct, so a failure is not fatal.
        if (RAND_bytes(seed, sizeof seed) == 1 && !secp256k1_context_randomize(created, seed))
            qWarning("libsecp256k1 context randomisation failed");
        OPENSSL_cleanse(seed, sizeof seed);
        return created;
    }();
    return context;
}

} // namespace detail

namespace {

// lupdate sees the context through this declaration.
struct SignerText
{
    Q_DECLARE_TR_FUNCTIONS(apedesk::eth::Signer)
};

const unsigned char *uchars(const QByteArray &bytes)
{
    return reinterpret_cast<const unsigned char *>(bytes.constData());
}
const unsigned char *uchars(QByteArrayView bytes) { return reinterpret_cast<const unsigned char *>(bytes.data()); }

// Wipes the whole allocation (not only size()), so bytes left behind by an earlier, longer content go too.
template <typename Array>
void wipeArray(Array &array)
{
    auto &d = array.data_ptr();
    // isShared() is also true for static and raw data, which must not (and cannot) be written to.
    if (!d.isShared() && d.constAllocatedCapacity() > 0) {
        auto *begin = d.data() - d.freeSpaceAtBegin();
        OPENSSL_cleanse(begin, static_cast<size_t>(d.constAllocatedCapacity()) * sizeof(*begin));
    }
    array = Array();
}

} // namespace

void secureWipe(QByteArray &bytes) { wipeArray(bytes); }
void secureWipe(QString &text) { wipeArray(text); }

// --- SecretBytes -------------------------------------------------------------------------------------

SecretBytes::SecretBytes(QByteArray bytes)
{
    // A buffer shared with the caller would outlive our wipe in the caller's copy; keep one of our own.
    if (bytes.data_ptr().isShared())
        m_bytes = QByteArray(bytes.constData(), bytes.size());
    else
        m_bytes = std::move(bytes);
}

SecretBytes::SecretBytes(SecretBytes &&other) noexcept : m_bytes(std::move(other.m_bytes))
{
    other.m_bytes = QByteArray();
}

SecretBytes &SecretBytes::operator=(SecretBytes &&other) noexcept
{
    if (this != &other) {
        clear();
        m_bytes = std::move(other.m_bytes);
        other.m_bytes = QByteArray();
    }
    return *this;
}

SecretBytes::~SecretBytes() { clear(); }

void SecretBytes::clear() { secureWipe(m_bytes); }

// --- Signature ---------------------------------------------------------------------------------------

QByteArray Signature::toRsv65() const
{
    QByteArray out;
    out.reserve(65);
    out.append(r).append(s).append(char(27 + recoveryId));
    return out;
}

Result<Signature> Signature::fromRsv65(QByteArrayView rsv)
{
    if (rsv.size() != 65)
        return Error::make(Error::Kind::Format, SignerText::tr("A signature is 65 bytes long (r, s and v)."),
                           QStringLiteral("got %1 bytes").arg(rsv.size()));
    const int v = static_cast<unsigned char>(rsv.at(64));
    if (v != 0 && v != 1 && v != 27 && v != 28)
        return Error::make(Error::Kind::Format, SignerText::tr("The signature's v byte must be 0, 1, 27 or 28."),
                           QStringLiteral("v = %1").arg(v));
    Signature signature;
    signature.r = rsv.first(32).toByteArray();
    signature.s = rsv.sliced(32, 32).toByteArray();
    signature.recoveryId = v >= 27 ? v - 27 : v;
    return signature;
}

// --- PrivateKey --------------------------------------------------------------------------------------

Result<PrivateKey> PrivateKey::fromBytes(SecretBytes bytes)
{
    // The detail never contains key material, only what is wrong with it.
    if (bytes.bytes().size() != 32)
        return Error::make(Error::Kind::Format, SignerText::tr("A private key is 32 bytes long."),
                           QStringLiteral("got %1 bytes").arg(bytes.bytes().size()));
    if (!secp256k1_ec_seckey_verify(detail::secp256k1Context(), uchars(bytes.bytes())))
        return Error::make(Error::Kind::Format,
                           SignerText::tr("The private key is out of range (zero or not below the curve order)."));
    secp256k1_pubkey pubkey;
    unsigned char serialized[65];
    size_t length = sizeof serialized;
    if (!secp256k1_ec_pubkey_create(detail::secp256k1Context(), &pubkey, uchars(bytes.bytes()))
        || !secp256k1_ec_pubkey_serialize(detail::secp256k1Context(), serialized, &length, &pubkey,
                                          SECP256K1_EC_UNCOMPRESSED))
        return Error::make(Error::Kind::Crypto, SignerText::tr("The public key could not be computed."));
    PrivateKey key;
    key.m_secret = std::move(bytes);
    key.m_publicKey = QByteArray(reinterpret_cast<const char *>(serialized + 1), 64);
    key.m_address = Address::fromPublicKey(key.m_publicKey);
    return key;
}

Result<PrivateKey> PrivateKey::fromHex(QStringView hex)
{
    QStringView digits = hex.trimmed();
    if (digits.startsWith(QLatin1String("0x")) || digits.startsWith(QLatin1String("0X")))
        digits = digits.mid(2);
    if (digits.size() != 64)
        return Error::make(Error::Kind::Format, SignerText::tr("A private key is 64 hex digits (32 bytes)."),
                           QStringLiteral("got %1 digits").arg(digits.size()));
    // Decoded straight into its final buffer: no intermediate copies of the key to wipe.
    QByteArray bytes(32, Qt::Uninitialized);
    for (int i = 0; i < 32; ++i) {
        const int high = hexDigitValue(digits.at(2 * i));
        const int low = hexDigitValue(digits.at(2 * i + 1));
        if (high < 0 || low < 0) {
            secureWipe(bytes);
            return Error::make(Error::Kind::Format,
                               SignerText::tr("The private key contains a character that is not a hex digit."));
        }
        bytes[i] = char(high << 4 | low);
    }
    return fromBytes(SecretBytes(std::move(bytes)));
}

PrivateKey PrivateKey::generate()
{
    for (;;) {
        QByteArray bytes(32, '\0');
        if (RAND_bytes(reinterpret_cast<unsigned char *>(bytes.data()), 32) != 1)
            qFatal("The operating system's random source failed");   // no safe way to go on
        auto key = fromBytes(SecretBytes(std::move(bytes)));
        if (key)
            return std::move(key).value();
        // Out of range (probability about 2^-128): draw again.
    }
}

QByteArray PrivateKey::publicKey() const { return m_publicKey; }

QByteArray PrivateKey::compressedPublicKey() const
{
    if (m_publicKey.size() != 64)
        return {};
    // 0x02 or 0x03 (the parity of y), then x.
    QByteArray compressed(1, char(0x02 | (m_publicKey.back() & 1)));
    compressed += m_publicKey.first(32);
    return compressed;
}

Address PrivateKey::address() const { return m_address; }

Result<Signature> PrivateKey::signDigest(QByteArrayView digest32) const
{
    if (digest32.size() != 32)
        return Error::make(Error::Kind::Usage, SignerText::tr("Only a 32-byte digest can be signed."),
                           QStringLiteral("got %1 bytes").arg(digest32.size()));
    if (m_secret.bytes().size() != 32)
        return Error::make(Error::Kind::Crypto, SignerText::tr("No private key is loaded."));
    const secp256k1_context *context = detail::secp256k1Context();
    secp256k1_ecdsa_recoverable_signature recoverable;
    // Null nonce function: libsecp256k1's RFC 6979 default, so signatures are deterministic (as cast's are).
    if (!secp256k1_ecdsa_sign_recoverable(context, &recoverable, uchars(digest32), uchars(m_secret.bytes()), nullptr,
                                          nullptr))
        return Error::make(Error::Kind::Crypto, SignerText::tr("Signing failed."));
    unsigned char compact[64];
    int recoveryId = 0;
    secp256k1_ecdsa_recoverable_signature_serialize_compact(context, compact, &recoveryId, &recoverable);
    // libsecp256k1 always returns low-s. Ids 2 and 3 (r above n, odds about 2^-127) have no Ethereum form.
    if (recoveryId > 1)
        return Error::make(Error::Kind::Crypto, SignerText::tr("Signing failed."),
                           QStringLiteral("recovery id %1").arg(recoveryId));
    Signature signature;
    signature.r = QByteArray(reinterpret_cast<const char *>(compact), 32);
    signature.s = QByteArray(reinterpret_cast<const char *>(compact + 32), 32);
    signature.recoveryId = recoveryId;
    return signature;
}

// --- free functions ----------------------------------------------------------------------------------

Result<Address> recoverAddress(QByteArrayView digest32, const Signature &signature)
{
    if (digest32.size() != 32 || signature.r.size() != 32 || signature.s.size() != 32
        || (signature.recoveryId != 0 && signature.recoveryId != 1))
        return Error::make(Error::Kind::Format, SignerText::tr("The signature or digest has the wrong size."),
                           QStringLiteral("digest %1, r %2, s %3 bytes, recovery id %4")
                               .arg(digest32.size())
                               .arg(signature.r.size())
                               .arg(signature.s.size())
                               .arg(signature.recoveryId));
    const secp256k1_context *context = detail::secp256k1Context();
    unsigned char compact[64];
    std::copy_n(uchars(signature.r), 32, compact);
    std::copy_n(uchars(signature.s), 32, compact + 32);
    secp256k1_ecdsa_recoverable_signature recoverable;
    secp256k1_pubkey pubkey;
    if (!secp256k1_ecdsa_recoverable_signature_parse_compact(context, &recoverable, compact, signature.recoveryId)
        || !secp256k1_ecdsa_recover(context, &pubkey, &recoverable, uchars(digest32)))
        return Error::make(Error::Kind::Crypto, SignerText::tr("No signer can be recovered from this signature."));
    unsigned char out[65];
    size_t length = sizeof out;
    secp256k1_ec_pubkey_serialize(context, out, &length, &pubkey, SECP256K1_EC_UNCOMPRESSED);
    return Address::fromPublicKey(QByteArrayView(reinterpret_cast<const char *>(out + 1), 64));
}

QByteArray personalMessageDigest(QByteArrayView message)
{
    QByteArray prefixed("\x19"
                        "Ethereum Signed Message:\n");
    prefixed += QByteArray::number(message.size());
    prefixed += message;
    return keccak256(prefixed);
}

Result<Signature> signPersonalMessage(QByteArrayView message, const PrivateKey &key)
{
    return key.signDigest(personalMessageDigest(message));
}

} // namespace apedesk::eth
