#pragma once
// BIP-39 recovery phrases (English word list) and BIP-32 hierarchical key derivation, enough to
// recover the accounts other Ethereum wallets (cast, anvil, MetaMask) derive at m/44'/60'/0'/0/i.
// Phrases, seeds, keys and chain codes live in SecretBytes and are wiped when they go.

#include "common/error.h"
#include "signer.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

namespace apedesk::eth {

class Mnemonic
{
    Q_DECLARE_TR_FUNCTIONS(apedesk::eth::Mnemonic)
public:
    // A new phrase from the OS random source: 12, 15, 18, 21 or 24 words.
    static Result<Mnemonic> generate(int wordCount = 12);
    // 16, 20, 24, 28 or 32 bytes of entropy -> 12 … 24 words with their checksum.
    static Result<Mnemonic> fromEntropy(QByteArrayView entropy);
    // Checks every word and the checksum. Case and extra blanks are forgiven; errors name the word's
    // position, never the word (a mistyped word is still most of a secret word).
    static Result<Mnemonic> fromPhrase(QStringView phrase);

    // The 2048 words, from the embedded resource :/bip39/english.txt.
    static const QStringList &wordList();

    QString phrase() const;   // words separated by single spaces; wipe the copy (secureWipe) after use
    int wordCount() const;
    // PBKDF2-HMAC-SHA512, 2048 rounds, salt "mnemonic" + passphrase (both NFKD): 64 bytes.
    SecretBytes seed(QStringView passphrase = {}) const;

private:
    SecretBytes m_phrase;   // UTF-8, normalised
};

// A BIP-32 path such as m/44'/60'/0'/0/0 (' or h marks a hardened step).
class DerivationPath
{
    Q_DECLARE_TR_FUNCTIONS(apedesk::eth::DerivationPath)
public:
    static constexpr quint32 kHardened = 0x80000000u;

    static Result<DerivationPath> parse(QStringView text);
    // m/44'/60'/0'/0/index: the Ethereum account path cast, anvil and most wallets use.
    static DerivationPath ethereum(quint32 index);

    const QList<quint32> &indices() const { return m_indices; }
    QString toString() const;

private:
    QList<quint32> m_indices;
};

// A BIP-32 extended private key: key and chain code. Both are secret (with the chain code, one
// child key gives away the parent).
class ExtendedKey
{
    Q_DECLARE_TR_FUNCTIONS(apedesk::eth::ExtendedKey)
public:
    // Master key: HMAC-SHA512(key "Bitcoin seed", seed).
    static Result<ExtendedKey> fromSeed(QByteArrayView seed);

    Result<ExtendedKey> child(quint32 index) const;   // index >= kHardened: hardened
    Result<ExtendedKey> derive(const DerivationPath &path) const;
    Result<PrivateKey> privateKey() const;

    const SecretBytes &key() const { return m_key; }
    const SecretBytes &chainCode() const { return m_chainCode; }

private:
    SecretBytes m_key;         // 32 bytes
    SecretBytes m_chainCode;   // 32 bytes
};

// The account key at `path` of a phrase: seed -> master -> path.
Result<PrivateKey> deriveKey(const Mnemonic &mnemonic, const DerivationPath &path, QStringView passphrase = {});

} // namespace apedesk::eth
