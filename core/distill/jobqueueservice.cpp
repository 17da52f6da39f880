#include "jobqueueservice.h"

namespace apedesk {

JobQueueService::JobQueueService(QObject *parent) : Service(QStringLiteral("JobQueueService"), parent) {}

void JobQueueService::onStarted()
{
    setStatus(ServiceStatus::State::Idle, tr("Job queue empty."));
}

} // namespace apedesk
