#pragma once
// Option parsing shared by `wallet` and `tx`: where the signing key comes from (never a plain argument:
// an environment variable, a mnemonic in one, or a keystore file with a password file), password files,
// and amounts written the way cast takes them (123, 0x7b, 1ether, 2.5gwei, 1e18).

#include "commandline.h"

#include "common/error.h"
#include "eth/signer.h"
#include "eth/u256.h"

#include <QHash>
#include <QString>
#include <QStringList>

#include <optional>

namespace apedesk::cli {

// "--name VALUE" / "--name=VALUE" options, "--flag" switches and positional arguments.
class ParsedArgs
{
public:
    // `valued`: options that take a value; `flags`: switches. Anything else starting with "--" is an error.
    static Result<ParsedArgs> parse(const QStringList &args, const QStringList &valued, const QStringList &flags);

    bool has(const QString &name) const { return m_values.contains(name) || m_flags.contains(name); }
    QString value(const QString &name) const { return m_values.value(name); }
    const QStringList &positional() const { return m_positional; }

private:
    QHash<QString, QString> m_values;
    QStringList m_flags;
    QStringList m_positional;
};

// Options naming the key: --private-key-env VAR | --mnemonic-env VAR [--index I] [--mnemonic-passphrase-env VAR]
// | --keystore FILE --password-file F.
QStringList keySourceOptions();
// Loads the key those options name. Usage errors (kind Usage) exit 2, the rest 1.
Result<eth::PrivateKey> loadKey(const ParsedArgs &args, bool keystoreAllowed = true);

// A password file's content, trailing whitespace removed (as cast reads --password-file).
Result<eth::SecretBytes> readPasswordFile(const QString &path);

// cast's amount syntax: decimal, 0x-hex, or a decimal / scientific number with a unit wei, gwei or ether.
Result<eth::u256> parseAmount(const QString &text);
// A plain decimal or 0x-hex integer up to 2^64 - 1 (nonces, gas, chain ids).
Result<quint64> parseUint64(const QString &text, const QString &option);

// An Error's exit code: Usage -> 2, anything else -> 1.
int exitCodeFor(const Error &error);

} // namespace apedesk::cli
