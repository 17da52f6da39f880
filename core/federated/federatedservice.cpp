#include "federatedservice.h"

namespace apedesk {

FederatedService::FederatedService(QObject *parent) : Service(QStringLiteral("FederatedService"), parent) {}

void FederatedService::onStarted()
{
    setStatus(ServiceStatus::State::Idle, tr("No federated rounds run yet."));
}

} // namespace apedesk
