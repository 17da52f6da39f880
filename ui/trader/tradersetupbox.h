#pragma once
// What a new trader run trains on and for how long: the data (a swap CSV or GAN synthetic CSV, or the
// followed pool's swaps in the swap store), the timesteps, the seed and the run folder (a fresh one
// under the runs folder by default). request() turns the inputs into the service's DqnTrainingConfig
// (the DQN's other settings are the SB3 defaults), or says in a sentence what is missing.

#include "common/error.h"
#include "dqntrainer.h"

#include <QGroupBox>

class QLineEdit;
class QPushButton;
class QSpinBox;

namespace apedesk {
class MarketService;
}

namespace apedesk::ui {

class SwapDataChooser;

class TraderSetupBox : public QGroupBox
{
    Q_OBJECT
public:
    struct Request
    {
        ml::DqnTrainingConfig config;
        QString runDirectory;
    };

    // `market` may be null: then only a CSV file can be chosen.
    explicit TraderSetupBox(MarketService *market, QWidget *parent = nullptr);

    Result<Request> request() const;

    SwapDataChooser *data() const { return m_data; }
    void setCsvPath(const QString &path);
    void setTimesteps(int timesteps);
    void setSeed(quint64 seed);
    void setRunDirectory(const QString &directory);
    QString runDirectory() const;
    // A fresh default run folder (after a start, so the next start does not reuse it).
    void newRunDirectory();
    // Locked while a run trains.
    void setInputsEnabled(bool enabled);

    QSpinBox *timestepsSpin() const { return m_timesteps; }
    QSpinBox *seedSpin() const { return m_seed; }

private:
    void chooseRunDirectory();

    SwapDataChooser *m_data;
    QSpinBox *m_timesteps;
    QSpinBox *m_seed;
    QLineEdit *m_runDirectory;
    QPushButton *m_browseRun;
};

} // namespace apedesk::ui
