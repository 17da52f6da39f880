#include "decisionlogpane.h"

#include "agent/agentservice.h"

#include <QVBoxLayout>

namespace apedesk::ui {

DecisionLogPane::DecisionLogPane(AgentService *service, QWidget *parent) : PaneScaffold(QStringLiteral("decisionLogPane"), service, parent)
{
    setCapabilityNote(tr("The trading agent and its decision log are not in this build yet."));
    contentLayout()->addStretch(1);
}

} // namespace apedesk::ui
