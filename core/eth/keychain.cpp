#include "keychain.h"

#include <QFileInfo>
#include <QMutex>
#include <QThread>
#include <QTimer>

#include <qt6keychain/keychain.h>

namespace apedesk::eth {

struct Keychain::Shared
{
    QMutex mutex;
    Keychain *owner = nullptr;   // null once the Keychain is gone: late answers are dropped
};

namespace {

// One worker thread for the whole process: QtKeychain's job queue is a process-wide singleton that
// must stay on one thread. Never stopped (a thread stuck in a D-Bus connect cannot be joined); the
// pointers stay reachable from this static, so leak checkers see no leak.
QObject *keychainWorker()
{
    static QObject *const worker = [] {
        auto *thread = new QThread;
        thread->setObjectName(QStringLiteral("keychain"));
        auto *context = new QObject;
        context->moveToThread(thread);
        thread->start();
        return context;
    }();
    return worker;
}

} // namespace

Keychain::Keychain(QString service, QObject *parent)
    : QObject(parent), m_service(std::move(service)), m_shared(std::make_shared<Shared>())
{
    m_shared->owner = this;
}

Keychain::~Keychain()
{
    QMutexLocker lock(&m_shared->mutex);
    m_shared->owner = nullptr;
}

bool Keychain::serviceReachable()
{
#if defined(Q_OS_UNIX) && !defined(Q_OS_DARWIN)
    // Secret Service and KWallet are both reached over the D-Bus session bus.
    if (!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        return true;
    const QString runtimeDir = qEnvironmentVariable("XDG_RUNTIME_DIR");
    return !runtimeDir.isEmpty() && QFileInfo::exists(runtimeDir + QStringLiteral("/bus"));
#else
    return true;
#endif
}

Error Keychain::unavailable(Operation operation, const QString &detail)
{
    QString message;
    switch (operation) {
    case Operation::Store:
        message = tr("no keychain service is available; the password was not stored");
        break;
    case Operation::Read:
        message = tr("no keychain service is available; the password could not be read");
        break;
    case Operation::Delete:
        message = tr("no keychain service is available; nothing was removed");
        break;
    }
    return Error::make(Error::Kind::Io, message, detail);
}

void Keychain::start(Operation operation, const QString &account, std::shared_ptr<SecretBytes> password, Finish finish)
{
    const quint64 id = ++m_nextId;
    m_pending.insert(id, std::move(finish));
    if (!serviceReachable()) {
        QTimer::singleShot(0, this, [this, id, operation] {
            answer(id, {unavailable(operation, QStringLiteral("no D-Bus session bus")), nullptr});
        });
        return;
    }
    const int timeout = m_timeoutMs;
    QTimer::singleShot(timeout, this, [this, id, operation, timeout] {
        answer(id, {unavailable(operation, QStringLiteral("no answer within %1 ms").arg(timeout)), nullptr});
    });

    // On the worker: run the job, map its result, post it back to this object's thread.
    const auto run = [shared = m_shared, id, operation, service = m_service, account, password] {
        QKeychain::Job *job = nullptr;
        switch (operation) {
        case Operation::Store: {
            auto *write = new QKeychain::WritePasswordJob(service);
            write->setBinaryData(password->bytes());
            job = write;
            break;
        }
        case Operation::Read:
            job = new QKeychain::ReadPasswordJob(service);
            break;
        case Operation::Delete:
            job = new QKeychain::DeletePasswordJob(service);
            break;
        }
        job->setKey(account);
        job->setAutoDelete(true);
        QObject::connect(job, &QKeychain::Job::finished, [shared, id, operation](QKeychain::Job *finished) {
            Outcome outcome;
            switch (finished->error()) {
            case QKeychain::NoError:
                if (operation == Operation::Read)
                    outcome.secret = std::make_shared<SecretBytes>(
                        static_cast<QKeychain::ReadPasswordJob *>(finished)->binaryData());
                break;
            case QKeychain::EntryNotFound:
                if (operation == Operation::Read)
                    outcome.error =
                        Error::make(Error::Kind::Io, tr("no password for this account is stored in the keychain"));
                break;   // deleting what is not there is what was asked for
            case QKeychain::AccessDenied:
            case QKeychain::AccessDeniedByUser:
                outcome.error = Error::make(
                    Error::Kind::Io,
                    operation == Operation::Store  ? tr("the keychain refused access; the password was not stored")
                    : operation == Operation::Read ? tr("the keychain refused access; the password could not be read")
                                                   : tr("the keychain refused access; nothing was removed"),
                    finished->errorString());
                break;
            default:
                outcome.error = unavailable(operation, finished->errorString());
            }
            QMutexLocker lock(&shared->mutex);
            if (Keychain *owner = shared->owner)
                QMetaObject::invokeMethod(
                    owner, [owner, id, outcome] { owner->answer(id, outcome); }, Qt::QueuedConnection);
        });
        job->start();
    };
    QMetaObject::invokeMethod(keychainWorker(), run, Qt::QueuedConnection);
}

void Keychain::answer(quint64 id, Outcome outcome)
{
    // The first of the job's answer and the timeout wins; the other finds nothing pending.
    const Finish finish = m_pending.take(id);
    if (finish)
        finish(std::move(outcome));
}

void Keychain::storePassword(const QString &account, const SecretBytes &password, StatusCallback done)
{
    auto copy = std::make_shared<SecretBytes>(QByteArray(password.bytes().constData(), password.bytes().size()));
    start(Operation::Store, account, std::move(copy),
          [done](Outcome outcome) { done(outcome.error ? Status(*outcome.error) : Status()); });
}

void Keychain::readPassword(const QString &account, ReadCallback done)
{
    start(Operation::Read, account, nullptr, [done](Outcome outcome) {
        if (outcome.error)
            done(*outcome.error);
        else
            done(SecretBytes(QByteArray(outcome.secret->bytes().constData(), outcome.secret->bytes().size())));
    });
}

void Keychain::deletePassword(const QString &account, StatusCallback done)
{
    start(Operation::Delete, account, nullptr,
          [done](Outcome outcome) { done(outcome.error ? Status(*outcome.error) : Status()); });
}

} // namespace apedesk::eth
