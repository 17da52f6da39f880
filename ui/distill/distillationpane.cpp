#include "distillationpane.h"

#include "distill/jobqueueservice.h"

#include <QVBoxLayout>

namespace apedesk::ui {

DistillationPane::DistillationPane(JobQueueService *service, QWidget *parent) : PaneScaffold(QStringLiteral("distillationPane"), service, parent)
{
    setCapabilityNote(tr("The distillation job queue is not in this build yet."));
    contentLayout()->addStretch(1);
}

} // namespace apedesk::ui
