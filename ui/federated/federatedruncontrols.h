#pragma once
// Start and Stop for a federated run, a progress bar over its rounds and the service's one-line state
// ("Round 3 of 10: training 3 venues…"). The buttons follow the run's phase; the pane connects their
// signals to the service.

#include "federated/federatedservice.h"

#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;

namespace apedesk::ui {

class FederatedRunControls : public QWidget
{
    Q_OBJECT
public:
    explicit FederatedRunControls(QWidget *parent = nullptr);

    // No federated service: both buttons stay off.
    void setAvailable(bool available);
    void setState(const FederatedRunState &state);
    const FederatedRunState &state() const { return m_state; }
    // Between a click on Start and the service's first state: Start stays off so a double click
    // does not ask twice.
    void setStartPending(bool pending);

    QPushButton *startButton() const { return m_start; }
    QPushButton *stopButton() const { return m_stop; }
    QProgressBar *progressBar() const { return m_bar; }
    QString stateText() const;

    static QString phaseText(FederatedRunState::Phase phase);

Q_SIGNALS:
    void startRequested();
    void stopRequested();

private:
    void updateButtons();

    QPushButton *m_start;
    QPushButton *m_stop;
    QProgressBar *m_bar;
    QLabel *m_text;
    FederatedRunState m_state;
    bool m_available = true;
    bool m_startPending = false;
};

} // namespace apedesk::ui
