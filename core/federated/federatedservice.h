#pragma once
// Federated rounds are coordinated on this service's thread.

#include "service.h"

namespace apedesk {

class FederatedService : public Service
{
    Q_OBJECT
public:
    explicit FederatedService(QObject *parent = nullptr);

protected:
    void onStarted() override;
};

} // namespace apedesk
