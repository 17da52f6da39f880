#include "marketservice.h"

namespace apedesk {

MarketService::MarketService(QObject *parent) : Service(QStringLiteral("MarketService"), parent) {}

void MarketService::onStarted()
{
    setStatus(ServiceStatus::State::Idle, tr("No swap history collected yet."));
}

} // namespace apedesk
