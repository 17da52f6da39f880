#pragma once
// Optional storage of keystore passwords in the OS keychain (Secret Service or KWallet on Linux,
// Keychain on macOS, Credential Manager on Windows) through QtKeychain, at the person's choice.
// Asynchronous: each call answers exactly once, on this object's thread, through its callback. The
// QtKeychain jobs run on a worker thread of their own, because connecting to a D-Bus session bus that
// never answers blocks the connecting thread. Where no keychain service runs (a headless Linux box,
// CI) the answer is a clear error, never a hang: a call without an answer within the timeout fails
// as "unavailable".

#include "common/error.h"
#include "signer.h"

#include <QHash>
#include <QObject>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

namespace apedesk::eth {

class Keychain : public QObject
{
    Q_OBJECT
public:
    using StatusCallback = std::function<void(const Status &)>;
    using ReadCallback = std::function<void(Result<SecretBytes>)>;

    // `service` groups ApeDesk's entries; an `account` names one entry (e.g. a keystore's address).
    explicit Keychain(QString service = QStringLiteral("ApeDesk"), QObject *parent = nullptr);
    ~Keychain() override;

    void setTimeoutMs(int milliseconds) { m_timeoutMs = milliseconds; }   // default 15 s
    int timeoutMs() const { return m_timeoutMs; }

    void storePassword(const QString &account, const SecretBytes &password, StatusCallback done);
    void readPassword(const QString &account, ReadCallback done);
    void deletePassword(const QString &account, StatusCallback done);

    // False where a keychain call cannot succeed at all (Linux without a D-Bus session bus); calls
    // then fail at once instead of waiting for the timeout.
    static bool serviceReachable();

private:
    enum class Operation { Store, Read, Delete };
    struct Outcome
    {
        std::optional<Error> error;
        std::shared_ptr<SecretBytes> secret;   // a read password
    };
    struct Shared;   // the worker thread's way back to this object, cut when it is destroyed
    using Finish = std::function<void(Outcome)>;

    void start(Operation operation, const QString &account, std::shared_ptr<SecretBytes> password, Finish finish);
    void answer(quint64 id, Outcome outcome);
    static Error unavailable(Operation operation, const QString &detail);

    QString m_service;
    int m_timeoutMs = 15000;
    std::shared_ptr<Shared> m_shared;
    QHash<quint64, Finish> m_pending;
    quint64 m_nextId = 0;
};

} // namespace apedesk::eth
