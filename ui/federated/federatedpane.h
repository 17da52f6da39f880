#pragma once

#include "widgets/panescaffold.h"

namespace apedesk {
class FederatedService;
}

namespace apedesk::ui {

class FederatedPane : public PaneScaffold
{
    Q_OBJECT
public:
    explicit FederatedPane(FederatedService *service, QWidget *parent = nullptr);
};

} // namespace apedesk::ui
