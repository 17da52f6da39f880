#include "gantrainingcontrols.h"

#include <QGridLayout>
#include <QResizeEvent>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace apedesk::ui {

using Phase = ml::GanTrainingState::Phase;

GanTrainingControls::GanTrainingControls(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("ganTrainingControls"));
    m_start = new QPushButton(tr("Start"), this);
    m_start->setObjectName(QStringLiteral("ganStartButton"));
    m_start->setToolTip(tr("Train a new run with the data and settings above."));
    m_pause = new QPushButton(tr("Pause"), this);
    m_pause->setObjectName(QStringLiteral("ganPauseButton"));
    m_resume = new QPushButton(tr("Resume"), this);
    m_resume->setObjectName(QStringLiteral("ganResumeButton"));
    m_stop = new QPushButton(tr("Stop"), this);
    m_stop->setObjectName(QStringLiteral("ganStopButton"));
    m_stop->setToolTip(tr("Save a checkpoint and end the run; it can be continued later."));
    m_bar = new QProgressBar(this);
    m_bar->setObjectName(QStringLiteral("ganProgressBar"));
    m_bar->setRange(0, 1000);   // per mille: a long run's step count need not fit the bar's int
    m_bar->setValue(0);
    m_bar->setFormat(QStringLiteral("%p%"));
    m_text = new QLabel(this);
    m_text->setObjectName(QStringLiteral("ganProgressText"));
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_text->setWordWrap(true);   // a narrow dock wraps it rather than clipping it
    m_bar->setMinimumWidth(1);   // placeBar keeps it readable: on the row only with 160 px to spare

    // The bar shares the buttons' row when there is room and goes under them when not (placeBar).
    m_grid = new QGridLayout;
    m_grid->setContentsMargins(0, 0, 0, 0);
    m_grid->setHorizontalSpacing(6);
    m_grid->setVerticalSpacing(4);
    int column = 0;
    for (QPushButton *button : {m_start, m_pause, m_resume, m_stop})
        m_grid->addWidget(button, 0, column++);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(m_grid);
    layout->addWidget(m_text);
    placeBar(true);

    connect(m_start, &QPushButton::clicked, this, &GanTrainingControls::startRequested);
    connect(m_pause, &QPushButton::clicked, this, &GanTrainingControls::pauseRequested);
    connect(m_resume, &QPushButton::clicked, this, &GanTrainingControls::resumeRequested);
    connect(m_stop, &QPushButton::clicked, this, &GanTrainingControls::stopRequested);
    resetProgress();
    updateButtons();
}

void GanTrainingControls::placeBar(bool oneRow)
{
    if (m_barInRow == oneRow && m_grid->indexOf(m_bar) >= 0)
        return;
    m_barInRow = oneRow;
    m_grid->removeWidget(m_bar);
    if (oneRow) {
        m_grid->addWidget(m_bar, 0, 4);
        m_grid->setColumnStretch(4, 1);
    } else {
        m_grid->addWidget(m_bar, 1, 0, 1, 4);
        m_grid->setColumnStretch(4, 0);
    }
}

void GanTrainingControls::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    // Room for the buttons and a bar worth reading on one line?
    int buttons = 0;
    for (QPushButton *button : {m_start, m_pause, m_resume, m_stop})
        buttons += button->sizeHint().width() + m_grid->horizontalSpacing();
    placeBar(event->size().width() >= buttons + 160);
}

void GanTrainingControls::setAvailable(bool available)
{
    m_available = available;
    updateButtons();
}

void GanTrainingControls::setPhase(Phase phase)
{
    m_phase = phase;
    updateButtons();
}

void GanTrainingControls::updateButtons()
{
    m_start->setEnabled(m_available && m_phase == Phase::Idle);
    m_pause->setEnabled(m_available && m_phase == Phase::Training);
    m_resume->setEnabled(m_available && m_phase == Phase::Paused);
    // Stopping a run that is still reading its data is allowed: it ends before the first step.
    m_stop->setEnabled(m_available
                       && (m_phase == Phase::Preparing || m_phase == Phase::Training || m_phase == Phase::Paused));
}

void GanTrainingControls::resetProgress()
{
    m_bar->setValue(0);
    m_text->clear();
    m_text->setVisible(false);   // the pane's run line says what is on screen
}

void GanTrainingControls::showProgress(const ml::GanProgress &progress)
{
    const double share = progress.totalSteps > 0 ? double(progress.step) / double(progress.totalSteps) : 0.0;
    m_bar->setValue(int(std::lround(std::clamp(share, 0.0, 1.0) * 1000)));
    const QLocale locale;
    QString text = tr("Epoch %1 of %2 · step %3 of %4 · %5 steps/s · %6 left")
                       .arg(progress.epoch)
                       .arg(progress.epochs)
                       .arg(locale.toString(progress.step), locale.toString(progress.totalSteps),
                            locale.toString(progress.stepsPerSecond, 'f', progress.stepsPerSecond < 10 ? 2 : 1),
                            durationText(progress.etaSeconds));
    m_text->setText(text);
    m_text->setVisible(true);
}

QString GanTrainingControls::progressText() const { return m_text->text(); }

QString GanTrainingControls::durationText(double seconds)
{
    if (!(seconds >= 0) || !std::isfinite(seconds))
        return tr("—");
    const qint64 s = qint64(std::llround(seconds));
    if (s >= 3600)
        return tr("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60, 2, 10, QLatin1Char('0'));
    if (s >= 60)
        return tr("%1 min %2 s").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
    return tr("%1 s").arg(s);
}

} // namespace apedesk::ui
