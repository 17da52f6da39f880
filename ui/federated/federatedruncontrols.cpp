#include "federatedruncontrols.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>

#include <algorithm>

namespace apedesk::ui {

using Phase = FederatedRunState::Phase;

FederatedRunControls::FederatedRunControls(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("fedRunControls"));
    m_start = new QPushButton(tr("Start"), this);
    m_start->setObjectName(QStringLiteral("fedStartButton"));
    m_start->setToolTip(tr("Start a federated run with the settings of the Setup tab."));
    m_stop = new QPushButton(tr("Stop"), this);
    m_stop->setObjectName(QStringLiteral("fedStopButton"));
    m_stop->setToolTip(tr("Stop after the venues' current batch; the rounds so far are kept."));
    m_bar = new QProgressBar(this);
    m_bar->setObjectName(QStringLiteral("fedProgressBar"));
    m_bar->setRange(0, 1000);
    m_bar->setValue(0);
    m_bar->setTextVisible(true);
    m_bar->setFormat(QStringLiteral("%p %"));
    m_text = new QLabel(this);
    m_text->setObjectName(QStringLiteral("fedStateLabel"));
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);

    // One row: a small dock keeps its height for the tabs; the state wraps beside the bar.
    auto *row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_start);
    row->addWidget(m_stop);
    row->addWidget(m_bar, 1);
    row->addWidget(m_text, 2);

    connect(m_start, &QPushButton::clicked, this, &FederatedRunControls::startRequested);
    connect(m_stop, &QPushButton::clicked, this, &FederatedRunControls::stopRequested);
    setState({});
}

QString FederatedRunControls::phaseText(Phase phase)
{
    switch (phase) {
    case Phase::Idle: return tr("No run in progress.");
    case Phase::Preparing: return tr("Preparing the venues' data…");
    case Phase::Running: return tr("Running.");
    case Phase::Stopping: return tr("Stopping after the current batch…");
    }
    return {};
}

void FederatedRunControls::setAvailable(bool available)
{
    m_available = available;
    updateButtons();
}

void FederatedRunControls::setStartPending(bool pending)
{
    m_startPending = pending;
    updateButtons();
}

void FederatedRunControls::setState(const FederatedRunState &state)
{
    m_state = state;
    if (state.phase != Phase::Idle)
        m_startPending = false;
    // Idle: an empty bar without "0 %", which would read as a run that never moved.
    const bool idle = state.phase == Phase::Idle;
    m_bar->setValue(idle ? 0 : qRound(std::clamp(state.fraction, 0.0, 1.0) * 1000));
    m_bar->setTextVisible(!idle);
    m_text->setText(state.text.isEmpty() ? phaseText(state.phase) : state.text);
    updateButtons();
}

QString FederatedRunControls::stateText() const { return m_text->text(); }

void FederatedRunControls::updateButtons()
{
    m_start->setEnabled(m_available && !m_startPending && m_state.phase == Phase::Idle);
    m_stop->setEnabled(m_available && (m_state.phase == Phase::Preparing || m_state.phase == Phase::Running));
}

} // namespace apedesk::ui
