#pragma once
// The wallet pane's keystore work, away from widgets so it runs on a QtConcurrent thread (scrypt
// takes a noticeable moment) and can be tested alone: a new key, an imported private key, or an
// imported keystore file, each saved as a Web3 Secret Storage file in the keystore folder.

#include "common/error.h"
#include "eth/address.h"

#include <QCoreApplication>
#include <QString>

namespace apedesk::ui {

class KeystoreFiles
{
    Q_DECLARE_TR_FUNCTIONS(apedesk::ui::KeystoreFiles)
public:
    struct Saved
    {
        QString path;
        eth::Address address;
    };

    // The passwords and the key text are wiped before these return.
    static Result<Saved> createNew(const QString &directory, QString password);
    static Result<Saved> importPrivateKey(const QString &directory, QString privateKeyHex, QString password);
    // Checks that `password` opens the file, then copies it unchanged (its own KDF settings) under a
    // geth-style name, readable by the owner only.
    static Result<Saved> importKeystoreFile(const QString &directory, const QString &file, QString password);

private:
    static Status checkNotPresent(const QString &directory, const eth::Address &address);
};

} // namespace apedesk::ui
