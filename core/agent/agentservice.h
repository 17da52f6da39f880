#pragma once
// The trading agent loop (model calls, sizing, trades) runs on this service's thread.

#include "service.h"

namespace apedesk {

class AgentService : public Service
{
    Q_OBJECT
public:
    explicit AgentService(QObject *parent = nullptr);

protected:
    void onStarted() override;
};

} // namespace apedesk
