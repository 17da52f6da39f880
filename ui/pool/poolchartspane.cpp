#include "poolchartspane.h"

#include "market/marketservice.h"

#include <QVBoxLayout>

namespace apedesk::ui {

PoolChartsPane::PoolChartsPane(MarketService *service, QWidget *parent) : PaneScaffold(QStringLiteral("poolChartsPane"), service, parent)
{
    setCapabilityNote(tr("Swap-history collection and live pool charts are not in this build yet."));
    contentLayout()->addStretch(1);
}

} // namespace apedesk::ui
