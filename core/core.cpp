#include "core.h"

#include "agent/agentservice.h"
#include "chain/chainservice.h"
#include "common/logging.h"
#include "common/settings.h"
#include "distill/jobqueueservice.h"
#include "federated/federatedservice.h"
#include "market/marketservice.h"

#include <QDeadlineTimer>
#include <QThread>

namespace apedesk {

Core::Core(Settings *settings, QObject *parent) : QObject(parent), m_settings(settings) {}

Core::~Core() { shutdown(); }

void Core::adopt(Service *service)
{
    auto *thread = new QThread;   // owned by Core, not by a QObject parent: it must outlive its service
    thread->setObjectName(service->name() + QStringLiteral("Thread"));
    service->moveToThread(thread);
    // Qt runs deferred deletes of a finished thread's objects: the service dies on its own thread.
    connect(thread, &QThread::finished, service, &QObject::deleteLater);
    thread->start();
    QMetaObject::invokeMethod(service, "start", Qt::QueuedConnection);
    m_entries.push_back({service, thread});
    qCDebug(lcCore) << "added service" << service->name();
}

QList<Service *> Core::services() const
{
    QList<Service *> list;
    for (const Entry &entry : m_entries)
        list.append(entry.service);
    return list;
}

QThread *Core::threadOf(const Service *service) const
{
    for (const Entry &entry : m_entries)
        if (entry.service == service)
            return entry.thread;
    return nullptr;
}

bool Core::shutdown(int timeoutMs)
{
    if (m_entries.empty())
        return true;
    QDeadlineTimer deadline(timeoutMs);
    // Ask everyone first, so services stop in parallel rather than one after another.
    for (const Entry &entry : m_entries) {
        entry.service->m_stopping.storeRelease(1);
        entry.service->cancelTasks();
        entry.thread->requestInterruption();
        QMetaObject::invokeMethod(entry.service, "stop", Qt::QueuedConnection);
    }
    bool allEnded = true;
    for (const Entry &entry : m_entries) {
        if (entry.thread->wait(deadline)) {
            delete entry.thread;
        } else {
            allEnded = false;
            qCWarning(lcCore) << "service" << entry.service->name() << "did not stop within" << timeoutMs << "ms";
        }
    }
    m_entries.clear();
    return allEnded;
}

void addCoreServices(Core &core)
{
    auto *chain = core.add(std::make_unique<ChainService>(chainConfigFromSettings(*core.settings())));
    auto *market = core.add(std::make_unique<MarketService>(marketConfigFromSettings(*core.settings())));
    // The market follows whatever chain the chain service is connected to.
    QObject::connect(chain, &ChainService::stateChanged, market, &MarketService::followChain);
    // The agent reads the market service's metrics and trades through the chain service's swaps.
    auto agent = std::make_unique<AgentService>(agentServiceConfigFromSettings(*core.settings()));
    agent->setChainService(chain);
    agent->setMarketService(market);
    core.add(std::move(agent));
    core.add(std::make_unique<JobQueueService>());
    core.add(std::make_unique<FederatedService>());
}

} // namespace apedesk
