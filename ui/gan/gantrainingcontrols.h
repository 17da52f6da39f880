#pragma once
// Start, Pause, Resume and Stop for a GAN training, a progress bar and one line with the epoch, the
// step, steps per second and the time left. The buttons follow the training's phase; the pane
// connects their signals to the service.

#include "trainingservice.h"

#include <QWidget>

class QGridLayout;
class QLabel;
class QProgressBar;
class QPushButton;

namespace apedesk::ui {

class GanTrainingControls : public QWidget
{
    Q_OBJECT
public:
    explicit GanTrainingControls(QWidget *parent = nullptr);

    // No training engine (no service): every button stays off.
    void setAvailable(bool available);
    void setPhase(ml::GanTrainingState::Phase phase);
    ml::GanTrainingState::Phase phase() const { return m_phase; }
    void showProgress(const ml::GanProgress &progress);
    // Back to an empty bar (a new run).
    void resetProgress();

    QPushButton *startButton() const { return m_start; }
    QPushButton *pauseButton() const { return m_pause; }
    QPushButton *resumeButton() const { return m_resume; }
    QPushButton *stopButton() const { return m_stop; }
    QProgressBar *progressBar() const { return m_bar; }
    QString progressText() const;

    // "1 h 02 min", "3 min 05 s", "42 s"; unknown (negative): "—".
    static QString durationText(double seconds);

Q_SIGNALS:
    void startRequested();
    void pauseRequested();
    void resumeRequested();
    void stopRequested();

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void updateButtons();
    void placeBar(bool oneRow);

    QPushButton *m_start;
    QPushButton *m_pause;
    QPushButton *m_resume;
    QPushButton *m_stop;
    QProgressBar *m_bar;
    QLabel *m_text;
    QGridLayout *m_grid;
    bool m_barInRow = true;
    ml::GanTrainingState::Phase m_phase = ml::GanTrainingState::Phase::Idle;
    bool m_available = true;
};

} // namespace apedesk::ui
