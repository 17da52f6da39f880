// apedesk-cli wallet: create, import and list keystores, show an address, sign an EIP-191 message.
// Keys never come as plain arguments (they would sit in shell history and /proc): an environment
// variable names them, or a keystore file with a password file holds them. Nothing prints a key.

#include "commandline.h"
#include "walletoptions.h"

#include "common/logging.h"
#include "eth/hex.h"
#include "eth/keystore.h"
#include "eth/mnemonic.h"
#include "eth/signer.h"

#include <QJsonObject>

namespace apedesk::cli {
namespace {

int fail(const Output &out, const Error &error) { return out.fail(exitCodeFor(error), error.toString()); }

// The password for a new keystore: a password file, not empty.
Result<eth::SecretBytes> newKeystorePassword(const ParsedArgs &args)
{
    if (!args.has(QStringLiteral("--keystore")) || !args.has(QStringLiteral("--password-file")))
        return Error::make(Error::Kind::Usage,
                           Cli::tr("give the keystore folder (--keystore DIR) and --password-file FILE"));
    auto password = readPasswordFile(args.value(QStringLiteral("--password-file")));
    if (password && password->isEmpty())
        return Error::make(Error::Kind::Usage, Cli::tr("the password file is empty; a keystore needs a password"));
    return password;
}

int writeKeystore(const ParsedArgs &args, const eth::PrivateKey &key, const eth::SecretBytes &password,
                  const Output &out)
{
    auto path = eth::Keystore::write(args.value(QStringLiteral("--keystore")), key, password.bytes());
    if (!path)
        return fail(out, path.error());
    qCInfo(lcEth) << "wrote keystore" << *path << "for" << key.address().toChecksumString();
    out.record({{QStringLiteral("address"), key.address().toChecksumString()}, {QStringLiteral("path"), *path}});
    return Ok;
}

int walletNew(const QStringList &rest, const Output &out)
{
    auto args = ParsedArgs::parse(rest, {QStringLiteral("--keystore"), QStringLiteral("--password-file")}, {});
    if (!args)
        return fail(out, args.error());
    if (!args->positional().isEmpty())
        return out.fail(UsageError, Cli::tr("wallet new: unexpected argument %1").arg(args->positional().first()));
    auto password = newKeystorePassword(*args);
    if (!password)
        return fail(out, password.error());
    const eth::PrivateKey key = eth::PrivateKey::generate();
    return writeKeystore(*args, key, *password, out);
}

int walletImport(const QStringList &rest, const Output &out)
{
    auto args = ParsedArgs::parse(rest, keySourceOptions(), {});
    if (!args)
        return fail(out, args.error());
    if (!args->positional().isEmpty())
        return out.fail(UsageError, Cli::tr("wallet import: unexpected argument %1").arg(args->positional().first()));
    auto password = newKeystorePassword(*args);
    if (!password)
        return fail(out, password.error());
    // Here --keystore is the folder to write to, not a key source.
    auto key = loadKey(*args, false);
    if (!key)
        return fail(out, key.error());
    return writeKeystore(*args, *key, *password, out);
}

int walletList(const QStringList &rest, const Output &out)
{
    auto args = ParsedArgs::parse(rest, {QStringLiteral("--keystore")}, {});
    if (!args)
        return fail(out, args.error());
    if (!args->has(QStringLiteral("--keystore")) || !args->positional().isEmpty())
        return out.fail(UsageError, Cli::tr("usage: apedesk-cli wallet list --keystore DIR"));
    auto entries = eth::Keystore::list(args->value(QStringLiteral("--keystore")));
    if (!entries)
        return fail(out, entries.error());
    for (const eth::Keystore::Entry &entry : *entries) {
        const QString address = entry.address ? entry.address->toChecksumString() : QString();
        if (out.json())
            out.record({{QStringLiteral("address"), address.isEmpty() ? QJsonValue() : QJsonValue(address)},
                        {QStringLiteral("path"), entry.path}});
        else
            out.text((address.isEmpty() ? Cli::tr("(address unknown until unlocked)") : address) + QStringLiteral("  ")
                     + entry.path);
    }
    return Ok;
}

int walletAddress(const QStringList &rest, const Output &out)
{
    auto args = ParsedArgs::parse(rest, keySourceOptions(), {});
    if (!args)
        return fail(out, args.error());
    if (!args->positional().isEmpty())
        return out.fail(UsageError, Cli::tr("wallet address: unexpected argument %1").arg(args->positional().first()));
    auto key = loadKey(*args);
    if (!key)
        return fail(out, key.error());
    const QString address = key->address().toChecksumString();
    if (out.json())
        out.record({{QStringLiteral("address"), address}});
    else
        out.text(address);
    return Ok;
}

int walletSign(const QStringList &rest, const Output &out)
{
    auto args = ParsedArgs::parse(rest, keySourceOptions(), {});
    if (!args)
        return fail(out, args.error());
    if (args->positional().size() != 1)
        return out.fail(UsageError, Cli::tr("wallet sign takes exactly one MESSAGE (quote it if it has spaces)"));
    const QString message = args->positional().first();
    // As cast: a 0x-prefixed message is the bytes it spells; anything else is signed as UTF-8 text.
    QByteArray bytes;
    if (message.startsWith(QLatin1String("0x"))) {
        auto decoded = eth::fromHex(message);
        if (!decoded)
            return out.fail(UsageError,
                            Cli::tr("the message starts with 0x but is not hex: %1").arg(decoded.error().message));
        bytes = *decoded;
    } else {
        bytes = message.toUtf8();
    }
    auto key = loadKey(*args);
    if (!key)
        return fail(out, key.error());
    auto signature = eth::signPersonalMessage(bytes, *key);
    if (!signature)
        return fail(out, signature.error());
    const QString hex = eth::toHex(signature->toRsv65());
    if (out.json())
        out.record(
            {{QStringLiteral("signature"), hex}, {QStringLiteral("address"), key->address().toChecksumString()}});
    else
        out.text(hex);
    return Ok;
}

} // namespace

int walletCommand(const QStringList &args, const Output &out)
{
    if (args.isEmpty())
        return out.fail(UsageError, Cli::tr("wallet needs a subcommand: new, import, list, address or sign"));
    const QString sub = args.first();
    const QStringList rest = args.mid(1);
    if (sub == QLatin1String("new"))
        return walletNew(rest, out);
    if (sub == QLatin1String("import"))
        return walletImport(rest, out);
    if (sub == QLatin1String("list"))
        return walletList(rest, out);
    if (sub == QLatin1String("address"))
        return walletAddress(rest, out);
    if (sub == QLatin1String("sign"))
        return walletSign(rest, out);
    return out.fail(UsageError, Cli::tr("unknown wallet subcommand \"%1\"; see apedesk-cli wallet --help").arg(sub));
}

} // namespace apedesk::cli
