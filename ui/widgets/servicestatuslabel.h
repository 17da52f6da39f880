#pragma once
// A label that shows a service's live status sentence and follows its statusChanged signal.

#include "service.h"

#include <QLabel>

namespace apedesk::ui {

class ServiceStatusLabel : public QLabel
{
    Q_OBJECT
public:
    explicit ServiceStatusLabel(Service *service, QWidget *parent = nullptr);

private:
    void show(const ServiceStatus &status);
};

} // namespace apedesk::ui
