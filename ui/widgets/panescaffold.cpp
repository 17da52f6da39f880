#include "panescaffold.h"

#include "servicestatuslabel.h"

#include <QFrame>
#include <QLabel>
#include <QVBoxLayout>

namespace apedesk::ui {

PaneScaffold::PaneScaffold(const QString &objectName, Service *service, QWidget *parent) : QWidget(parent)
{
    setObjectName(objectName);
    auto *layout = new QVBoxLayout(this);
    auto *status = new ServiceStatusLabel(service, this);
    status->setObjectName(objectName + QStringLiteral("Status"));
    QFont bold = status->font();
    bold.setBold(true);
    status->setFont(bold);
    layout->addWidget(status);

    m_note = new QLabel(this);
    m_note->setObjectName(objectName + QStringLiteral("Note"));
    m_note->setWordWrap(true);
    m_note->setTextFormat(Qt::PlainText);
    m_note->setVisible(false);
    layout->addWidget(m_note);

    auto *line = new QFrame(this);
    line->setFrameShape(QFrame::HLine);
    line->setFrameShadow(QFrame::Sunken);
    layout->addWidget(line);

    m_content = new QVBoxLayout;
    layout->addLayout(m_content, 1);
}

void PaneScaffold::setCapabilityNote(const QString &text)
{
    m_note->setText(text);
    m_note->setVisible(!text.isEmpty());
}

} // namespace apedesk::ui
