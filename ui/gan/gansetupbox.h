#pragma once
// What a new GAN run trains on and how: the data (the tutorial's swap CSV, or the followed pool's
// swaps in the app's swap store: a SwapDataChooser), the preset (quick / full), epochs, the rows used, the seed and the
// run folder (a fresh one under the runs folder by default). request() turns the inputs into the
// service's GanTrainingConfig, or says in a sentence what is missing.

#include "common/error.h"
#include "gantrainer.h"
#include "market/marketservice.h"

#include <QGroupBox>

class QComboBox;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QSpinBox;

namespace apedesk::ui {

class SwapDataChooser;

class GanSetupBox : public QGroupBox
{
    Q_OBJECT
public:
    struct Request
    {
        ml::GanTrainingConfig config;
        QString runDirectory;
    };

    // `market` may be null: then only a CSV file can be chosen.
    explicit GanSetupBox(MarketService *market, QWidget *parent = nullptr);

    Result<Request> request() const;

    void setCsvPath(const QString &path);
    QString csvPath() const;
    void setUseStore(bool store);
    bool useStore() const;
    void setPreset(const QString &preset);   // "quick" | "full": also sets that preset's epochs and rows
    QString preset() const;
    void setEpochs(int epochs);
    void setLastRows(int rows);              // 0: all
    void setSeed(quint64 seed);
    void setRunDirectory(const QString &directory);
    QString runDirectory() const;
    // A fresh default run folder (after a start, so the next start does not reuse it).
    void newRunDirectory();
    // Locked while a run trains.
    void setInputsEnabled(bool enabled);

    QComboBox *presetCombo() const { return m_preset; }
    QSpinBox *epochsSpin() const { return m_epochs; }
    QSpinBox *seedSpin() const { return m_seed; }
    QRadioButton *storeRadio() const;

private:
    void chooseRunDirectory();

    SwapDataChooser *m_data;
    QComboBox *m_preset;
    QSpinBox *m_epochs;
    QSpinBox *m_rows;
    QSpinBox *m_seed;
    QLineEdit *m_runDirectory;
    QPushButton *m_browseRun;
};

} // namespace apedesk::ui
