#include "tradertrainingcontrols.h"

#include "gan/gantrainingcontrols.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace apedesk::ui {

using Phase = ml::RlTrainingState::Phase;

TraderTrainingControls::TraderTrainingControls(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("traderTrainingControls"));
    m_start = new QPushButton(tr("Start"), this);
    m_start->setObjectName(QStringLiteral("traderStartButton"));
    m_start->setToolTip(tr("Train a new run with the data and settings above."));
    m_stop = new QPushButton(tr("Stop"), this);
    m_stop->setObjectName(QStringLiteral("traderStopButton"));
    m_stop->setToolTip(tr("Save a checkpoint and end the run; Continue trains it on later."));
    m_continue = new QPushButton(tr("Continue"), this);
    m_continue->setObjectName(QStringLiteral("traderContinueButton"));
    m_continue->setToolTip(tr("Train the run on screen on from its last checkpoint."));
    m_open = new QPushButton(tr("Open run…"), this);
    m_open->setObjectName(QStringLiteral("traderOpenButton"));
    m_open->setToolTip(tr("Show a past run's curves, to continue, evaluate or export it."));
    m_bar = new QProgressBar(this);
    m_bar->setObjectName(QStringLiteral("traderProgressBar"));
    m_bar->setRange(0, 1000);   // per mille: a long run's step count need not fit the bar's int
    m_bar->setFormat(QStringLiteral("%p%"));
    m_text = new QLabel(this);
    m_text->setObjectName(QStringLiteral("traderProgressText"));
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_text->setWordWrap(true);   // a narrow dock wraps it rather than clipping it

    auto *buttons = new QHBoxLayout;
    buttons->setSpacing(6);
    for (QPushButton *button : {m_start, m_stop, m_continue})
        buttons->addWidget(button);
    buttons->addStretch(1);
    buttons->addWidget(m_open);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addLayout(buttons);
    layout->addWidget(m_bar);
    layout->addWidget(m_text);

    connect(m_start, &QPushButton::clicked, this, &TraderTrainingControls::startRequested);
    connect(m_stop, &QPushButton::clicked, this, &TraderTrainingControls::stopRequested);
    connect(m_continue, &QPushButton::clicked, this, &TraderTrainingControls::continueRequested);
    connect(m_open, &QPushButton::clicked, this, &TraderTrainingControls::openRequested);
    resetProgress();
    updateButtons();
}

void TraderTrainingControls::setAvailable(bool available)
{
    m_available = available;
    updateButtons();
}

void TraderTrainingControls::setPhase(Phase phase)
{
    m_phase = phase;
    updateButtons();
}

void TraderTrainingControls::setContinueAllowed(bool allowed)
{
    m_continueAllowed = allowed;
    updateButtons();
}

void TraderTrainingControls::updateButtons()
{
    const bool idle = m_phase == Phase::Idle;
    m_start->setEnabled(m_available && idle);
    m_continue->setEnabled(m_available && idle && m_continueAllowed);
    m_open->setEnabled(idle);
    // Stopping a run that still waits or reads its data is allowed: it ends before the first step.
    m_stop->setEnabled(m_available && (m_phase == Phase::Preparing || m_phase == Phase::Training));
}

void TraderTrainingControls::resetProgress()
{
    m_bar->setValue(0);
    m_text->clear();
    m_text->setVisible(false);   // the pane's run line says what is on screen
}

void TraderTrainingControls::showProgress(const ml::DqnProgress &progress)
{
    const double share = progress.totalSteps > 0 ? double(progress.step) / double(progress.totalSteps) : 0.0;
    m_bar->setValue(int(std::lround(std::clamp(share, 0.0, 1.0) * 1000)));
    const QLocale locale;
    m_text->setText(tr("Step %1 of %2 · %3 steps/s · %4 left")
                        .arg(locale.toString(progress.step), locale.toString(progress.totalSteps),
                             locale.toString(progress.stepsPerSecond, 'f', progress.stepsPerSecond < 10 ? 2 : 0),
                             GanTrainingControls::durationText(progress.etaSeconds)));
    m_text->setVisible(true);
}

QString TraderTrainingControls::progressText() const { return m_text->text(); }

} // namespace apedesk::ui
