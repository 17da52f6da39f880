#pragma once

#include "widgets/panescaffold.h"

namespace apedesk {
class JobQueueService;
}

namespace apedesk::ui {

class DistillationPane : public PaneScaffold
{
    Q_OBJECT
public:
    explicit DistillationPane(JobQueueService *service, QWidget *parent = nullptr);
};

} // namespace apedesk::ui
