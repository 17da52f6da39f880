#pragma once
// A long-lived service: a QObject that Core moves to a QThread of its own. Work is posted to it as
// tasks; results and progress come back as queued signals carrying plain values.

#include "common/error.h"

#include <QAtomicInteger>
#include <QMetaType>
#include <QMutex>
#include <QObject>
#include <QString>

#include <functional>

namespace apedesk {

struct ServiceStatus
{
    enum class State { Starting, Idle, Busy, Stopping, Failed };
    State state = State::Starting;
    QString text;   // a short sentence for the status bar and the panes
};

class Service;

// Handed to a task while it runs on the service thread.
class TaskContext
{
public:
    TaskContext(Service *service, quint64 id, QString title) : m_service(service), m_id(id), m_title(std::move(title)) {}
    bool canceled() const;
    void progress(qint64 done, qint64 total, const QString &text = {}) const;
    quint64 id() const { return m_id; }

private:
    Service *m_service;
    quint64 m_id;
    QString m_title;
};

class Service : public QObject
{
    Q_OBJECT
public:
    using Task = std::function<Status(const TaskContext &)>;

    explicit Service(QString name, QObject *parent = nullptr);

    QString name() const { return m_name; }

    // Thread safe: queues work on the service thread and returns its id at once.
    quint64 runTask(const QString &title, Task task);
    // Thread safe: asks every running and queued task to stop.
    void cancelTasks();
    bool isStopping() const { return m_stopping.loadAcquire() != 0; }

    // Last status, for a pane that opens after it was emitted. Thread safe.
    ServiceStatus status() const;

Q_SIGNALS:
    void statusChanged(apedesk::ServiceStatus status);
    void taskStarted(quint64 id, QString title);
    void taskProgress(quint64 id, qint64 done, qint64 total, QString text);
    void taskFinished(quint64 id, QString title, bool ok, apedesk::Error error);

protected:
    // Both run on the service thread: once after the thread starts, once before it ends.
    virtual void onStarted() {}
    virtual void onStopping() {}
    void setStatus(ServiceStatus::State state, const QString &text);

private:
    friend class Core;
    friend class TaskContext;
    // Called by Core on the service thread.
    Q_INVOKABLE void start();
    Q_INVOKABLE void stop();
    void execute(quint64 id, const QString &title, const Task &task);

    QString m_name;
    QAtomicInteger<quint64> m_nextTaskId{1};
    QAtomicInteger<quint64> m_cancelBelow{0};   // tasks with id < this are canceled
    QAtomicInt m_stopping{0};
    QAtomicInteger<quint64> m_runningTask{0};
    ServiceStatus m_status;
    mutable QMutex m_statusMutex;
};

} // namespace apedesk

Q_DECLARE_METATYPE(apedesk::ServiceStatus)
