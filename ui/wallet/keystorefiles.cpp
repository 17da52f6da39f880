#include "keystorefiles.h"

#include "eth/keystore.h"
#include "eth/signer.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace apedesk::ui {

namespace {
// A wiped copy of the password's UTF-8 bytes for the keystore calls.
struct PasswordBytes
{
    explicit PasswordBytes(QString &text) : bytes(text.toUtf8()) { eth::secureWipe(text); }
    ~PasswordBytes() { eth::secureWipe(bytes); }
    QByteArray bytes;
};
} // namespace

Status KeystoreFiles::checkNotPresent(const QString &directory, const eth::Address &address)
{
    if (!QFileInfo::exists(directory))
        return {};
    auto entries = eth::Keystore::list(directory);
    if (!entries)
        return entries.error();
    for (const auto &entry : *entries)
        if (entry.address && *entry.address == address)
            return Error::make(Error::Kind::Usage, tr("This account is in your keystore folder already."),
                               entry.path);
    return {};
}

Result<KeystoreFiles::Saved> KeystoreFiles::createNew(const QString &directory, QString password)
{
    PasswordBytes secret(password);
    const eth::PrivateKey key = eth::PrivateKey::generate();
    auto path = eth::Keystore::write(directory, key, secret.bytes);
    if (!path)
        return path.error();
    return Saved{*path, key.address()};
}

Result<KeystoreFiles::Saved> KeystoreFiles::importPrivateKey(const QString &directory, QString privateKeyHex,
                                                             QString password)
{
    PasswordBytes secret(password);
    auto key = eth::PrivateKey::fromHex(QStringView(privateKeyHex).trimmed());
    eth::secureWipe(privateKeyHex);
    if (!key)
        return Error::make(Error::Kind::Usage,
                           tr("That is not a private key: enter 64 hexadecimal digits, with or without 0x."),
                           key.error().detail);
    if (auto present = checkNotPresent(directory, key->address()); !present)
        return present.error();
    auto path = eth::Keystore::write(directory, *key, secret.bytes);
    if (!path)
        return path.error();
    return Saved{*path, key->address()};
}

Result<KeystoreFiles::Saved> KeystoreFiles::importKeystoreFile(const QString &directory, const QString &file,
                                                               QString password)
{
    PasswordBytes secret(password);
    auto key = eth::Keystore::readFile(file, secret.bytes);
    if (!key)
        return key.error();
    const eth::Address address = key->address();
    if (auto present = checkNotPresent(directory, address); !present)
        return present.error();

    QFile source(file);
    if (!source.open(QIODevice::ReadOnly))
        return Error::make(Error::Kind::Io, tr("The keystore file could not be opened."),
                           file + QStringLiteral(": ") + source.errorString());
    const QByteArray json = source.readAll();
    if (!QDir().mkpath(directory))
        return Error::make(Error::Kind::Io, tr("The keystore folder could not be created."), directory);
    const QString path = QDir(directory).absoluteFilePath(
        eth::Keystore::fileName(address, QDateTime::currentDateTimeUtc()));
    if (QFileInfo::exists(path))
        return Error::make(Error::Kind::Io, tr("A keystore file of this name exists already; nothing was written."),
                           path);
    QSaveFile target(path);
    if (!target.open(QIODevice::WriteOnly))
        return Error::make(Error::Kind::Io, tr("The keystore file could not be written."),
                           path + QStringLiteral(": ") + target.errorString());
    const bool restricted = target.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    if (!restricted || target.write(json) != json.size() || !target.commit()) {
        const QString reason = target.errorString();
        target.cancelWriting();
        return Error::make(Error::Kind::Io, tr("The keystore file could not be written."),
                           path + QStringLiteral(": ") + reason);
    }
    return Saved{path, address};
}

} // namespace apedesk::ui
