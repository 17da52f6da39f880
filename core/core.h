#pragma once
// Core owns the long-lived services. Each one is moved to a QThread of its own when it is added and
// stays there until shutdown(). The GUI reaches services only through queued calls and signals.

#include "service.h"

#include <QList>
#include <QObject>

#include <memory>
#include <vector>

class QThread;

namespace apedesk {

class Settings;

class Core : public QObject
{
    Q_OBJECT
public:
    explicit Core(Settings *settings, QObject *parent = nullptr);
    ~Core() override;

    Settings *settings() const { return m_settings; }

    // Takes ownership, moves the service to a new thread named after it and starts it.
    template <typename S>
    S *add(std::unique_ptr<S> service)
    {
        S *raw = service.release();
        adopt(raw);
        return raw;
    }

    template <typename S>
    S *service() const
    {
        for (const Entry &entry : m_entries)
            if (auto *typed = qobject_cast<S *>(entry.service))
                return typed;
        return nullptr;
    }

    QList<Service *> services() const;
    QThread *threadOf(const Service *service) const;

    // Cancels every task, stops each service on its own thread and waits for the threads to end.
    // Returns false when a thread did not end within the timeout (it is then left to the OS).
    bool shutdown(int timeoutMs = 2000);
    bool isShutDown() const { return m_entries.empty(); }

private:
    struct Entry
    {
        Service *service;
        QThread *thread;
    };
    void adopt(Service *service);

    Settings *m_settings;
    std::vector<Entry> m_entries;
};

// The services every build has (chain, market, agent, job queue, federated). The training service
// lives in apedesk_ml and is added by ml::addTrainingService().
void addCoreServices(Core &core);

} // namespace apedesk
