#include "mnemonic.h"

#include "secp256k1context.h"

#include <QFile>

#include <algorithm>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

// The word list is compiled into the static apedesk_core library; naming its initialiser here pulls it
// into every binary that uses mnemonics (Q_INIT_RESOURCE must sit outside any namespace).
static bool initBip39Resource()
{
    Q_INIT_RESOURCE(bip39);
    return true;
}

namespace apedesk::eth {
namespace {

constexpr int kWordCount = 2048;

bool validWordCount(int words) { return words >= 12 && words <= 24 && words % 3 == 0; }

QByteArray sha256(QByteArrayView data)
{
    QByteArray digest(32, '\0');
    unsigned int length = 0;
    EVP_Digest(data.data(), static_cast<size_t>(data.size()), reinterpret_cast<unsigned char *>(digest.data()), &length,
               EVP_sha256(), nullptr);
    return digest;
}

// Bit `index` (0 = most significant bit of byte 0).
int bitAt(const QByteArray &bytes, int index)
{
    return (static_cast<unsigned char>(bytes[index / 8]) >> (7 - index % 8)) & 1;
}

// Phrase text for word indices: built in one pre-sized buffer, so no grown-and-freed copies remain.
SecretBytes phraseFromIndices(const QList<int> &indices)
{
    const QStringList &words = Mnemonic::wordList();
    qsizetype length = indices.size() - 1;
    for (int index : indices)
        length += words.at(index).size();
    QByteArray phrase;
    phrase.reserve(length);
    for (int i = 0; i < indices.size(); ++i) {
        if (i > 0)
            phrase.append(' ');
        phrase.append(words.at(indices.at(i)).toLatin1());
    }
    return SecretBytes(std::move(phrase));
}

Error wordListMissing()
{
    return Error::make(Error::Kind::Generic, Mnemonic::tr("The BIP-39 word list is missing from this build."),
                       QStringLiteral(":/bip39/english.txt"));
}

bool hmacSha512(QByteArrayView key, QByteArrayView data, unsigned char out[64])
{
    unsigned int length = 0;
    return HMAC(EVP_sha512(), key.data(), static_cast<int>(key.size()),
                reinterpret_cast<const unsigned char *>(data.data()), static_cast<size_t>(data.size()), out, &length)
           && length == 64;
}

} // namespace

// --- Mnemonic ----------------------------------------------------------------------------------------

const QStringList &Mnemonic::wordList()
{
    static const QStringList words = [] {
        initBip39Resource();
        QFile file(QStringLiteral(":/bip39/english.txt"));
        QStringList list;
        if (file.open(QIODevice::ReadOnly))
            list = QString::fromLatin1(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        // The list is sorted, which the binary search in fromPhrase relies on.
        if (list.size() != kWordCount || !std::is_sorted(list.begin(), list.end()))
            list.clear();
        return list;
    }();
    return words;
}

Result<Mnemonic> Mnemonic::generate(int wordCount)
{
    if (!validWordCount(wordCount))
        return Error::make(Error::Kind::Usage, tr("A recovery phrase has 12, 15, 18, 21 or 24 words."),
                           QStringLiteral("asked for %1").arg(wordCount));
    QByteArray entropy(wordCount * 4 / 3, '\0');
    if (RAND_bytes(reinterpret_cast<unsigned char *>(entropy.data()), static_cast<int>(entropy.size())) != 1)
        qFatal("The operating system's random source failed");
    auto mnemonic = fromEntropy(entropy);
    secureWipe(entropy);
    return mnemonic;
}

Result<Mnemonic> Mnemonic::fromEntropy(QByteArrayView entropy)
{
    const int bytes = static_cast<int>(entropy.size());
    if (bytes < 16 || bytes > 32 || bytes % 4 != 0)
        return Error::make(Error::Kind::Usage, tr("Recovery-phrase entropy is 16, 20, 24, 28 or 32 bytes."),
                           QStringLiteral("got %1 bytes").arg(bytes));
    if (wordList().isEmpty())
        return wordListMissing();
    // entropy || first (bits / 32) bits of its SHA-256, read in 11-bit groups.
    QByteArray bits;
    bits.reserve(bytes + 1);   // sized once: a grown buffer would leave a copy of the entropy behind
    bits.append(entropy.data(), bytes).append(sha256(entropy).left(1));
    const int wordCount = bytes * 8 * 33 / 32 / 11;
    QList<int> indices;
    indices.reserve(wordCount);
    for (int w = 0; w < wordCount; ++w) {
        int index = 0;
        for (int b = 0; b < 11; ++b)
            index = index << 1 | bitAt(bits, w * 11 + b);
        indices.append(index);
    }
    secureWipe(bits);
    Mnemonic mnemonic;
    mnemonic.m_phrase = phraseFromIndices(indices);
    std::fill(indices.begin(), indices.end(), 0);
    return mnemonic;
}

Result<Mnemonic> Mnemonic::fromPhrase(QStringView phrase)
{
    const QStringList &words = wordList();
    if (words.isEmpty())
        return wordListMissing();
    // Step by step so every intermediate copy of the phrase can be wiped.
    QString raw = phrase.toString();
    QString text = raw.normalized(QString::NormalizationForm_KD);
    secureWipe(raw);
    text = std::move(text).toLower();
    for (QChar &c : text) {
        if (c.isSpace())
            c = QLatin1Char(' ');
    }
    const QList<QStringView> tokens = QStringView(text).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    QList<int> indices;
    indices.reserve(tokens.size());
    std::optional<Error> failure;
    for (int i = 0; i < tokens.size() && !failure; ++i) {
        const auto found =
            std::lower_bound(words.begin(), words.end(), tokens.at(i),
                             [](const QString &word, QStringView token) { return QStringView(word) < token; });
        if (found == words.end() || QStringView(*found) != tokens.at(i))
            failure =
                Error::make(Error::Kind::Format,
                            tr("Word %1 of the recovery phrase is not in the BIP-39 English word list.").arg(i + 1));
        else
            indices.append(static_cast<int>(found - words.begin()));
    }
    secureWipe(text);
    if (failure)
        return *failure;
    if (!validWordCount(static_cast<int>(indices.size())))
        return Error::make(
            Error::Kind::Format,
            tr("A recovery phrase has 12, 15, 18, 21 or 24 words; this one has %1.").arg(indices.size()));

    // Back to bits: the first 32/33 are the entropy, the rest its checksum.
    const int wordCount = static_cast<int>(indices.size());
    const int totalBits = wordCount * 11;
    const int entropyBits = totalBits * 32 / 33;
    QByteArray bits((totalBits + 7) / 8, '\0');
    for (int w = 0; w < wordCount; ++w) {
        for (int b = 0; b < 11; ++b) {
            const int bit = w * 11 + b;
            if ((indices.at(w) >> (10 - b)) & 1)
                bits[bit / 8] = static_cast<char>(static_cast<unsigned char>(bits[bit / 8]) | (0x80 >> (bit % 8)));
        }
    }
    const QByteArray checksum = sha256(QByteArrayView(bits).first(entropyBits / 8));
    bool checksumOk = true;
    for (int b = entropyBits; b < totalBits; ++b)
        checksumOk &= bitAt(bits, b) == bitAt(checksum, b - entropyBits);
    secureWipe(bits);
    if (!checksumOk)
        return Error::make(
            Error::Kind::Format,
            tr("The recovery phrase's checksum does not match; a word is probably mistyped or out of order."));
    Mnemonic mnemonic;
    mnemonic.m_phrase = phraseFromIndices(indices);
    std::fill(indices.begin(), indices.end(), 0);
    return mnemonic;
}

QString Mnemonic::phrase() const { return QString::fromLatin1(m_phrase.bytes()); }

int Mnemonic::wordCount() const { return m_phrase.isEmpty() ? 0 : static_cast<int>(m_phrase.bytes().count(' ')) + 1; }

SecretBytes Mnemonic::seed(QStringView passphrase) const
{
    QString normalized = passphrase.toString().normalized(QString::NormalizationForm_KD);
    QByteArray passphraseUtf8 = normalized.toUtf8();
    secureWipe(normalized);
    QByteArray salt;
    salt.reserve(8 + passphraseUtf8.size());
    salt.append("mnemonic").append(passphraseUtf8);
    secureWipe(passphraseUtf8);
    QByteArray seed(64, '\0');
    const int ok =
        PKCS5_PBKDF2_HMAC(m_phrase.bytes().constData(), static_cast<int>(m_phrase.bytes().size()),
                          reinterpret_cast<const unsigned char *>(salt.constData()), static_cast<int>(salt.size()),
                          2048, EVP_sha512(), 64, reinterpret_cast<unsigned char *>(seed.data()));
    secureWipe(salt);
    if (ok != 1)
        qFatal("PBKDF2-HMAC-SHA512 failed");   // only on allocation failure inside OpenSSL
    return SecretBytes(std::move(seed));
}

// --- DerivationPath ----------------------------------------------------------------------------------

Result<DerivationPath> DerivationPath::parse(QStringView text)
{
    const QStringView trimmed = text.trimmed();
    const auto invalid = [&](const QString &detail) {
        return Error::make(Error::Kind::Format, tr("A derivation path looks like m/44'/60'/0'/0/0."),
                           QStringLiteral("\"%1\": %2").arg(trimmed.left(100).toString(), detail));
    };
    const QList<QStringView> parts = trimmed.split(QLatin1Char('/'));
    if (parts.isEmpty() || parts.first() != QLatin1String("m"))
        return invalid(QStringLiteral("must start with m"));
    if (parts.size() > 256)
        return invalid(QStringLiteral("deeper than 255 levels"));
    DerivationPath path;
    for (qsizetype i = 1; i < parts.size(); ++i) {
        QStringView part = parts.at(i);
        bool hardened = false;
        if (part.endsWith(QLatin1Char('\'')) || part.endsWith(QLatin1Char('h')) || part.endsWith(QLatin1Char('H'))) {
            hardened = true;
            part.chop(1);
        }
        if (part.isEmpty() || part.size() > 10 || !std::all_of(part.begin(), part.end(), [](QChar c) {
                return c >= QLatin1Char('0') && c <= QLatin1Char('9');
            }))
            return invalid(QStringLiteral("level %1 is not a number").arg(i));
        const qulonglong index = part.toULongLong();
        if (index >= kHardened)
            return invalid(QStringLiteral("level %1 is 2^31 or more").arg(i));
        path.m_indices.append(static_cast<quint32>(index) | (hardened ? kHardened : 0u));
    }
    return path;
}

DerivationPath DerivationPath::ethereum(quint32 index)
{
    Q_ASSERT(index < kHardened);
    DerivationPath path;
    path.m_indices = {44 | kHardened, 60 | kHardened, 0 | kHardened, 0, index & ~kHardened};
    return path;
}

QString DerivationPath::toString() const
{
    QString text = QStringLiteral("m");
    for (quint32 index : m_indices) {
        text += QLatin1Char('/') + QString::number(index & ~kHardened);
        if (index & kHardened)
            text += QLatin1Char('\'');
    }
    return text;
}

// --- ExtendedKey -------------------------------------------------------------------------------------

Result<ExtendedKey> ExtendedKey::fromSeed(QByteArrayView seed)
{
    if (seed.size() < 16 || seed.size() > 64)
        return Error::make(Error::Kind::Usage, tr("A BIP-32 seed is 16 to 64 bytes long."),
                           QStringLiteral("got %1 bytes").arg(seed.size()));
    unsigned char digest[64];
    if (!hmacSha512("Bitcoin seed", seed, digest))
        return Error::make(Error::Kind::Crypto, tr("Key derivation failed."), QStringLiteral("HMAC-SHA512"));
    ExtendedKey master;
    master.m_key = SecretBytes(QByteArray(reinterpret_cast<const char *>(digest), 32));
    master.m_chainCode = SecretBytes(QByteArray(reinterpret_cast<const char *>(digest + 32), 32));
    OPENSSL_cleanse(digest, sizeof digest);
    if (!secp256k1_ec_seckey_verify(detail::secp256k1Context(),
                                    reinterpret_cast<const unsigned char *>(master.m_key.bytes().constData())))
        return Error::make(Error::Kind::Crypto, tr("This seed gives no valid master key; use another phrase."));
    return master;
}

Result<ExtendedKey> ExtendedKey::child(quint32 index) const
{
    const secp256k1_context *context = detail::secp256k1Context();
    const auto *parentKey = reinterpret_cast<const unsigned char *>(m_key.bytes().constData());
    if (m_key.bytes().size() != 32 || m_chainCode.bytes().size() != 32)
        return Error::make(Error::Kind::Crypto, tr("Key derivation failed."), QStringLiteral("empty key"));

    // Hardened: 0x00 || key || index. Normal: compressed public key || index.
    unsigned char data[37];
    if (index & DerivationPath::kHardened) {
        data[0] = 0;
        std::copy_n(parentKey, 32, data + 1);
    } else {
        secp256k1_pubkey pubkey;
        size_t length = 33;
        if (!secp256k1_ec_pubkey_create(context, &pubkey, parentKey)
            || !secp256k1_ec_pubkey_serialize(context, data, &length, &pubkey, SECP256K1_EC_COMPRESSED))
            return Error::make(Error::Kind::Crypto, tr("Key derivation failed."), QStringLiteral("public key"));
    }
    data[33] = static_cast<unsigned char>(index >> 24);
    data[34] = static_cast<unsigned char>(index >> 16);
    data[35] = static_cast<unsigned char>(index >> 8);
    data[36] = static_cast<unsigned char>(index);

    unsigned char digest[64];
    const bool hashed =
        hmacSha512(m_chainCode.bytes(), QByteArrayView(reinterpret_cast<const char *>(data), 37), digest);
    OPENSSL_cleanse(data, sizeof data);
    // child = parent + IL (mod n); libsecp256k1 refuses IL >= n and a zero result, which BIP-32 says to skip.
    QByteArray childKey(m_key.bytes().constData(), 32);
    const bool tweaked =
        hashed && secp256k1_ec_seckey_tweak_add(context, reinterpret_cast<unsigned char *>(childKey.data()), digest);
    ExtendedKey child;
    child.m_key = SecretBytes(std::move(childKey));
    child.m_chainCode = SecretBytes(QByteArray(reinterpret_cast<const char *>(digest + 32), 32));
    OPENSSL_cleanse(digest, sizeof digest);
    if (!tweaked)
        return Error::make(Error::Kind::Crypto,
                           tr("This derivation step gives no valid key (a 1 in 2^127 case); use another index."),
                           QStringLiteral("index %1").arg(index));
    return child;
}

Result<ExtendedKey> ExtendedKey::derive(const DerivationPath &path) const
{
    ExtendedKey current;
    current.m_key = SecretBytes(QByteArray(m_key.bytes().constData(), m_key.bytes().size()));
    current.m_chainCode = SecretBytes(QByteArray(m_chainCode.bytes().constData(), m_chainCode.bytes().size()));
    for (quint32 index : path.indices()) {
        auto next = current.child(index);
        if (!next)
            return next.error();
        current = std::move(*next);
    }
    return current;
}

Result<PrivateKey> ExtendedKey::privateKey() const
{
    return PrivateKey::fromBytes(SecretBytes(QByteArray(m_key.bytes().constData(), m_key.bytes().size())));
}

Result<PrivateKey> deriveKey(const Mnemonic &mnemonic, const DerivationPath &path, QStringView passphrase)
{
    const SecretBytes seed = mnemonic.seed(passphrase);
    auto master = ExtendedKey::fromSeed(seed.bytes());
    if (!master)
        return master.error();
    auto account = master->derive(path);
    if (!account)
        return account.error();
    return account->privateKey();
}

} // namespace apedesk::eth
