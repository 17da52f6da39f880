#include "agentservice.h"

namespace apedesk {

AgentService::AgentService(QObject *parent) : Service(QStringLiteral("AgentService"), parent) {}

void AgentService::onStarted()
{
    setStatus(ServiceStatus::State::Idle, tr("Agent stopped."));
}

} // namespace apedesk
