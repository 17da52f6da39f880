#pragma once
// Swap history, live pool monitor and the sandbox market simulator run on this service's thread.

#include "service.h"

namespace apedesk {

class MarketService : public Service
{
    Q_OBJECT
public:
    explicit MarketService(QObject *parent = nullptr);

protected:
    void onStarted() override;
};

} // namespace apedesk
