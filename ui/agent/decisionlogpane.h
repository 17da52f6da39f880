#pragma once

#include "widgets/panescaffold.h"

namespace apedesk {
class AgentService;
}

namespace apedesk::ui {

class DecisionLogPane : public PaneScaffold
{
    Q_OBJECT
public:
    explicit DecisionLogPane(AgentService *service, QWidget *parent = nullptr);
};

} // namespace apedesk::ui
