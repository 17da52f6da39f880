#pragma once
// Start, Stop and Continue for the trader's training, a progress bar and one line with the step,
// steps per second and the time left. The buttons follow the training's phase and whether the run
// on screen can be continued; the pane connects their signals to the service.

#include "trainingservice.h"

#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;

namespace apedesk::ui {

class TraderTrainingControls : public QWidget
{
    Q_OBJECT
public:
    explicit TraderTrainingControls(QWidget *parent = nullptr);

    // No training engine (no service): every button stays off.
    void setAvailable(bool available);
    void setPhase(ml::RlTrainingState::Phase phase);
    ml::RlTrainingState::Phase phase() const { return m_phase; }
    // The run on screen has a checkpoint to continue from.
    void setContinueAllowed(bool allowed);
    void showProgress(const ml::DqnProgress &progress);
    // Back to an empty bar (a new run).
    void resetProgress();

    QPushButton *startButton() const { return m_start; }
    QPushButton *stopButton() const { return m_stop; }
    QPushButton *continueButton() const { return m_continue; }
    QPushButton *openButton() const { return m_open; }
    QProgressBar *progressBar() const { return m_bar; }
    QString progressText() const;

Q_SIGNALS:
    void startRequested();
    void stopRequested();
    void continueRequested();
    void openRequested();

private:
    void updateButtons();

    QPushButton *m_start;
    QPushButton *m_stop;
    QPushButton *m_continue;
    QPushButton *m_open;
    QProgressBar *m_bar;
    QLabel *m_text;
    ml::RlTrainingState::Phase m_phase = ml::RlTrainingState::Phase::Idle;
    bool m_available = true;
    bool m_continueAllowed = false;
};

} // namespace apedesk::ui
