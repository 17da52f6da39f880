#pragma once
// A new federated run's settings (the pane's Setup tab): the venues (the demo's three and any number of simulated "sim-N"
// markets, each checkable), the swap CSV the real-swap venues read, and the round recipe — rounds,
// client sampling fraction, minimum venues, local epochs, DP noise σ, clip norm, weight decay, seed
// and early stopping. config() turns the inputs into a FederatedRunConfig (via federated::demoVenues),
// or says in a sentence what is missing.

#include "common/error.h"
#include "federated/federatedtypes.h"

#include <QWidget>

class QCheckBox;
class QDoubleSpinBox;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;
class QToolButton;

namespace apedesk::ui {

class FederatedSettingsBox : public QWidget
{
    Q_OBJECT
public:
    explicit FederatedSettingsBox(QWidget *parent = nullptr);

    Result<federated::FederatedRunConfig> config() const;

    void setCsvPath(const QString &path);
    QString csvPath() const;
    // Simulated venues offered after the demo's three (sim-1 … sim-N); new ones come checked.
    void setSimulatedVenues(int count);
    int simulatedVenues() const;
    // Checks exactly these venues (others unchecked); unknown names are ignored.
    void setCheckedVenues(const QStringList &names);
    QStringList checkedVenues() const;
    QStringList offeredVenues() const;
    // The privacy and seed settings (DP noise, clip norm, weight decay, seed, early stopping) fold
    // away behind a button; folded by default.
    void setMoreShown(bool shown);
    bool moreShown() const;
    // Locked while a run goes on.
    void setInputsEnabled(bool enabled);

    QListWidget *venueList() const { return m_venues; }
    QSpinBox *simulatedSpin() const { return m_simulated; }
    QSpinBox *roundsSpin() const { return m_rounds; }
    QDoubleSpinBox *fractionSpin() const { return m_fraction; }
    QSpinBox *minVenuesSpin() const { return m_minVenues; }
    QSpinBox *epochsSpin() const { return m_epochs; }
    QDoubleSpinBox *dpNoiseSpin() const { return m_dpNoise; }
    QDoubleSpinBox *clipNormSpin() const { return m_clipNorm; }
    QDoubleSpinBox *weightDecaySpin() const { return m_weightDecay; }
    QSpinBox *seedSpin() const { return m_seed; }
    QCheckBox *earlyStoppingCheck() const { return m_earlyStopping; }
    QToolButton *moreButton() const { return m_moreButton; }

Q_SIGNALS:
    // The person chose another swap CSV (typed or browsed), so the pane can remember it.
    void csvPathChanged(const QString &path);

private:
    void rebuildVenues();
    void chooseCsv();
    // The venues that read the real swaps (they need the CSV), from the demo's own specs.
    static QStringList realSwapVenues();

    QListWidget *m_venues;
    QSpinBox *m_simulated;
    QLineEdit *m_csv;
    QPushButton *m_browseCsv;
    QSpinBox *m_rounds;
    QDoubleSpinBox *m_fraction;
    QSpinBox *m_minVenues;
    QSpinBox *m_epochs;
    QDoubleSpinBox *m_dpNoise;
    QDoubleSpinBox *m_clipNorm;
    QDoubleSpinBox *m_weightDecay;
    QSpinBox *m_seed;
    QCheckBox *m_earlyStopping;
    QToolButton *m_moreButton;
    QWidget *m_more;
};

} // namespace apedesk::ui
