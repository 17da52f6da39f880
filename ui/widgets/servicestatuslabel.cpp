#include "servicestatuslabel.h"

namespace apedesk::ui {

ServiceStatusLabel::ServiceStatusLabel(Service *service, QWidget *parent) : QLabel(parent)
{
    setWordWrap(true);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    if (!service) {
        setText(tr("Service not available in this build."));
        return;
    }
    // Connect before reading, so a change in between is not lost.
    connect(service, &Service::statusChanged, this, &ServiceStatusLabel::show);
    show(service->status());
}

void ServiceStatusLabel::show(const ServiceStatus &status)
{
    setText(status.text.isEmpty() ? tr("Starting…") : status.text);
    setProperty("serviceState", static_cast<int>(status.state));
}

} // namespace apedesk::ui
