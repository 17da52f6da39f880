#pragma once
// The distillation job queue and its child processes are driven from this service's thread.

#include "service.h"

namespace apedesk {

class JobQueueService : public Service
{
    Q_OBJECT
public:
    explicit JobQueueService(QObject *parent = nullptr);

protected:
    void onStarted() override;
};

} // namespace apedesk
