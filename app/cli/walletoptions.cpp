#include "walletoptions.h"

#include "eth/keystore.h"
#include "eth/mnemonic.h"

#include <QFile>
#include <QRegularExpression>

namespace apedesk::cli {
namespace {

Error usage(const QString &message) { return Error::make(Error::Kind::Usage, message); }

// An environment variable's bytes; the caller wipes them.
Result<QByteArray> secretFromEnvironment(const QString &option, const QString &name)
{
    if (name.isEmpty())
        return usage(Cli::tr("%1 needs the name of an environment variable").arg(option));
    QByteArray value = qgetenv(name.toLocal8Bit().constData());
    if (value.trimmed().isEmpty()) {
        eth::secureWipe(value);
        return usage(Cli::tr("environment variable %1 is empty or not set").arg(name));
    }
    return value;
}

} // namespace

Result<ParsedArgs> ParsedArgs::parse(const QStringList &args, const QStringList &valued, const QStringList &flags)
{
    ParsedArgs parsed;
    bool onlyPositional = false;
    for (int i = 0; i < args.size(); ++i) {
        const QString &arg = args.at(i);
        if (onlyPositional || !arg.startsWith(QLatin1String("--"))) {
            parsed.m_positional << arg;
            continue;
        }
        if (arg == QLatin1String("--")) {
            onlyPositional = true;
            continue;
        }
        const qsizetype equals = arg.indexOf(QLatin1Char('='));
        const QString name = equals < 0 ? arg : arg.left(equals);
        if (flags.contains(name)) {
            if (equals >= 0)
                return usage(Cli::tr("%1 takes no value").arg(name));
            parsed.m_flags << name;
        } else if (valued.contains(name)) {
            if (parsed.m_values.contains(name))
                return usage(Cli::tr("%1 is given twice").arg(name));
            if (equals >= 0) {
                parsed.m_values.insert(name, arg.mid(equals + 1));
            } else {
                if (i + 1 >= args.size())
                    return usage(Cli::tr("%1 needs a value").arg(name));
                parsed.m_values.insert(name, args.at(++i));
            }
        } else {
            return usage(Cli::tr("unknown option %1").arg(name));
        }
    }
    return parsed;
}

QStringList keySourceOptions()
{
    return {QStringLiteral("--private-key-env"), QStringLiteral("--mnemonic-env"),
            QStringLiteral("--index"),           QStringLiteral("--mnemonic-passphrase-env"),
            QStringLiteral("--keystore"),        QStringLiteral("--password-file")};
}

Result<eth::PrivateKey> loadKey(const ParsedArgs &args, bool keystoreAllowed)
{
    const bool fromEnv = args.has(QStringLiteral("--private-key-env"));
    const bool fromMnemonic = args.has(QStringLiteral("--mnemonic-env"));
    const bool fromKeystore = keystoreAllowed && args.has(QStringLiteral("--keystore"));
    if (int(fromEnv) + int(fromMnemonic) + int(fromKeystore) != 1)
        return usage(keystoreAllowed
                         ? Cli::tr("name the key with exactly one of --private-key-env, --mnemonic-env or --keystore")
                         : Cli::tr("name the key with exactly one of --private-key-env or --mnemonic-env"));
    if (!fromMnemonic && (args.has(QStringLiteral("--index")) || args.has(QStringLiteral("--mnemonic-passphrase-env"))))
        return usage(Cli::tr("--index and --mnemonic-passphrase-env go with --mnemonic-env"));

    if (fromEnv) {
        const QString name = args.value(QStringLiteral("--private-key-env"));
        auto raw = secretFromEnvironment(QStringLiteral("--private-key-env"), name);
        if (!raw)
            return raw.error();
        QString text = QString::fromLatin1(*raw);
        eth::secureWipe(*raw);
        auto key = eth::PrivateKey::fromHex(text);
        eth::secureWipe(text);
        if (!key)   // the core's message never quotes the key
            return Error::make(Error::Kind::Format,
                               Cli::tr("the private key in %1 is not valid: %2").arg(name, key.error().message));
        return key;
    }

    if (fromMnemonic) {
        const QString name = args.value(QStringLiteral("--mnemonic-env"));
        auto raw = secretFromEnvironment(QStringLiteral("--mnemonic-env"), name);
        if (!raw)
            return raw.error();
        quint32 index = 0;
        if (args.has(QStringLiteral("--index"))) {
            auto parsed = parseUint64(args.value(QStringLiteral("--index")), QStringLiteral("--index"));
            if (!parsed || *parsed >= eth::DerivationPath::kHardened) {
                eth::secureWipe(*raw);
                return usage(Cli::tr("--index is a number from 0 to 2147483647"));
            }
            index = static_cast<quint32>(*parsed);
        }
        QString phrase = QString::fromUtf8(*raw);
        eth::secureWipe(*raw);
        auto mnemonic = eth::Mnemonic::fromPhrase(phrase);
        eth::secureWipe(phrase);
        if (!mnemonic)
            return Error::make(
                Error::Kind::Format,
                Cli::tr("the recovery phrase in %1 is not valid: %2").arg(name, mnemonic.error().message));
        QString passphrase;
        if (args.has(QStringLiteral("--mnemonic-passphrase-env"))) {
            auto rawPassphrase = secretFromEnvironment(QStringLiteral("--mnemonic-passphrase-env"),
                                                       args.value(QStringLiteral("--mnemonic-passphrase-env")));
            if (!rawPassphrase)
                return rawPassphrase.error();
            passphrase = QString::fromUtf8(*rawPassphrase);
            eth::secureWipe(*rawPassphrase);
        }
        auto key = eth::deriveKey(*mnemonic, eth::DerivationPath::ethereum(index), passphrase);
        eth::secureWipe(passphrase);
        return key;
    }

    if (!args.has(QStringLiteral("--password-file")))
        return usage(Cli::tr("--keystore needs --password-file"));
    auto password = readPasswordFile(args.value(QStringLiteral("--password-file")));
    if (!password)
        return password.error();
    return eth::Keystore::readFile(args.value(QStringLiteral("--keystore")), password->bytes());
}

Result<eth::SecretBytes> readPasswordFile(const QString &path)
{
    QFile file(path);
    if (path.isEmpty() || !file.open(QIODevice::ReadOnly))
        return Error::make(Error::Kind::Io, Cli::tr("the password file %1 cannot be read").arg(path),
                           file.errorString());
    if (file.size() > 64 * 1024)
        return Error::make(Error::Kind::Format, Cli::tr("the password file %1 is larger than 64 KiB").arg(path));
    QByteArray content(static_cast<qsizetype>(file.size()), '\0');   // read into one buffer: nothing left to wipe
    const qint64 read = file.read(content.data(), content.size());
    if (read != content.size()) {
        eth::secureWipe(content);
        return Error::make(Error::Kind::Io, Cli::tr("the password file %1 cannot be read").arg(path),
                           file.errorString());
    }
    qsizetype end = content.size();
    // ASCII blanks only: a byte such as 0xA0 may end a UTF-8 character ("à") and belongs to the password.
    const auto isBlank = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; };
    while (end > 0 && isBlank(content.at(end - 1)))
        --end;
    QByteArray password(content.constData(), end);
    eth::secureWipe(content);
    return eth::SecretBytes(std::move(password));
}

Result<eth::u256> parseAmount(const QString &text)
{
    const auto invalid = [&](const QString &why) {
        return usage(
            Cli::tr("\"%1\" is not an amount (%2); write e.g. 1000, 0x3e8, 1.5gwei or 0.01ether").arg(text, why));
    };
    if (text.startsWith(QLatin1String("0x")) || text.startsWith(QLatin1String("0X"))) {
        if (text.size() == 2)
            return eth::u256(0);   // cast reads a bare 0x as zero
        auto value = eth::parseU256(QString(QStringLiteral("0x") + text.mid(2)));
        if (!value)
            return invalid(value.error().message);
        return value;
    }
    static const QRegularExpression pattern(
        QStringLiteral("^([0-9]+)(?:\\.([0-9]+))?(?:[eE](-?[0-9]{1,3}))?(?:\\s*(wei|gwei|ether))?$"));
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch())
        return invalid(Cli::tr("unknown form"));
    const QString whole = match.captured(1);
    const QString fraction = match.captured(2);
    const bool scientific = match.hasCaptured(3) && !match.captured(3).isEmpty();
    const QString unit = match.captured(4);
    const int unitDecimals = unit == QLatin1String("ether") ? 18 : unit == QLatin1String("gwei") ? 9 : 0;
    const int scale = unitDecimals + (scientific ? match.captured(3).toInt() : 0);
    if (scale < 0)
        return invalid(Cli::tr("below one wei"));
    if (!scientific && fraction.size() > scale)
        return invalid(Cli::tr("at most %1 decimals").arg(scale));
    // Digits past the scale must be zero: an amount is a whole number of wei.
    QString digits = whole + fraction.left(scale);
    if (fraction.size() > scale && fraction.mid(scale).contains(QRegularExpression(QStringLiteral("[1-9]"))))
        return invalid(Cli::tr("a fraction of a wei"));
    digits += QString(scale - std::min<int>(scale, int(fraction.size())), QLatin1Char('0'));
    digits.remove(QRegularExpression(QStringLiteral("^0+(?=.)")));
    auto value = eth::parseU256(digits);
    if (!value)
        return invalid(value.error().message);
    return value;
}

Result<quint64> parseUint64(const QString &text, const QString &option)
{
    auto value = eth::parseU256(text);
    if (!value || *value > eth::u256(std::numeric_limits<quint64>::max()))
        return usage(Cli::tr("%1 takes a whole number (decimal or 0x-hex) below 2^64").arg(option));
    return static_cast<quint64>(*value);
}

int exitCodeFor(const Error &error) { return error.kind == Error::Kind::Usage ? UsageError : Failure; }

} // namespace apedesk::cli
