#include "service.h"

#include "common/logging.h"

#include <QMutex>
#include <QMutexLocker>
#include <QThread>
#include <QTimer>

namespace apedesk {

bool TaskContext::canceled() const
{
    return m_service->isStopping() || m_id < m_service->m_cancelBelow.loadAcquire()
        || QThread::currentThread()->isInterruptionRequested();
}

void TaskContext::progress(qint64 done, qint64 total, const QString &text) const
{
    Q_EMIT m_service->taskProgress(m_id, done, total, text);
}

Service::Service(QString name, QObject *parent)
    : QObject(parent), m_name(std::move(name))
{
    setObjectName(m_name);
    qRegisterMetaType<apedesk::ServiceStatus>();
    qRegisterMetaType<apedesk::Error>();
}

quint64 Service::runTask(const QString &title, Task task)
{
    const quint64 id = m_nextTaskId.fetchAndAddOrdered(1);
    QMetaObject::invokeMethod(
        this, [this, id, title, task = std::move(task)] { execute(id, title, task); }, Qt::QueuedConnection);
    return id;
}

void Service::cancelTasks() { m_cancelBelow.storeRelease(m_nextTaskId.loadAcquire()); }

ServiceStatus Service::status() const
{
    QMutexLocker lock(&m_statusMutex);
    return m_status;
}

void Service::setStatus(ServiceStatus::State state, const QString &text)
{
    ServiceStatus copy;
    {
        QMutexLocker lock(&m_statusMutex);
        if (m_status.state == state && m_status.text == text)
            return;
        m_status = {state, text};
        copy = m_status;
    }
    Q_EMIT statusChanged(copy);
}

void Service::start()
{
    qCDebug(lcCore) << "service" << m_name << "started on thread" << QThread::currentThread();
    onStarted();
}

void Service::stop()
{
    qCDebug(lcCore) << "service" << m_name << "stopping";
    onStopping();
    thread()->quit();
}

void Service::execute(quint64 id, const QString &title, const Task &task)
{
    // A task that waits in a local event loop (eth::awaitRpc) lets queued events run meanwhile; a
    // task posted in that time must not start inside it, so it waits its turn.
    if (m_runningTask.loadAcquire() != 0) {
        QTimer::singleShot(2, this, [this, id, title, task] { execute(id, title, task); });
        return;
    }
    TaskContext context(this, id, title);
    if (context.canceled()) {
        Q_EMIT taskFinished(id, title, false, Error::canceled());
        return;
    }
    const ServiceStatus before = status();
    setStatus(ServiceStatus::State::Busy, title);
    m_runningTask.storeRelease(id);
    Q_EMIT taskStarted(id, title);
    Status result = task(context);
    if (result.ok() && context.canceled())
        result = Error::canceled();
    m_runningTask.storeRelease(0);
    if (!result.ok())
        qCInfo(lcCore).noquote() << m_name << "task" << title << "ended:" << result.error().toString();
    setStatus(before.state == ServiceStatus::State::Busy ? ServiceStatus::State::Idle : before.state, before.text);
    Q_EMIT taskFinished(id, title, result.ok(), result.ok() ? Error() : result.error());
}

} // namespace apedesk
