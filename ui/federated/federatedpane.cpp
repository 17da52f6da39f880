#include "federatedpane.h"

#include "federated/federatedservice.h"

#include <QVBoxLayout>

namespace apedesk::ui {

FederatedPane::FederatedPane(FederatedService *service, QWidget *parent) : PaneScaffold(QStringLiteral("federatedPane"), service, parent)
{
    setCapabilityNote(tr("Federated training rounds are not in this build yet."));
    contentLayout()->addStretch(1);
}

} // namespace apedesk::ui
