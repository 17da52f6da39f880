#pragma once

#include "widgets/panescaffold.h"

namespace apedesk {
class MarketService;
}

namespace apedesk::ui {

class PoolChartsPane : public PaneScaffold
{
    Q_OBJECT
public:
    explicit PoolChartsPane(MarketService *service, QWidget *parent = nullptr);
};

} // namespace apedesk::ui
