#pragma once
// The "Federated rounds" pane: FRY-alpha weighted training of the hedge-ratio model across venues.
// Above the tabs: which run is shown (past runs from the app's database, or the live one), Start and
// Stop with the run's progress and state, and a message line. Tabs: Setup (venues, swap CSV and the
// round recipe), Rounds (one row per round), Charts (each round's venue weights as stacked bars; the
// global model's RMSE per venue and overall), Totals (FRY minted, slippage, arbitrage, breakers,
// rejections, dropouts; the regimes traded in) and Versions (the model registry, with Rollback).
// Everything goes through FederatedService's thread-safe calls and its signals, and fills round by
// round as roundFinished arrives: the GUI never waits.

#include "federated/federatedservice.h"
#include "widgets/panescaffold.h"

class QLabel;
class QTabWidget;
class QTableView;

namespace apedesk {
class Settings;
}

namespace apedesk::ui {

class FederatedRunControls;
class FederatedRunPicker;
class FederatedSettingsBox;
class FederatedTotalsBox;
class FederatedVersionsBox;
class RegimeDistributionBox;
class RoundTableModel;
class VenueRmseChart;
class VenueWeightChart;

class FederatedPane : public PaneScaffold
{
    Q_OBJECT
public:
    // `service` null: no federated rounds in this build (the pane says so and stays empty).
    explicit FederatedPane(FederatedService *service, QWidget *parent = nullptr);
    ~FederatedPane() override;

    // Remembers the swap CSV under Settings::Key::FederatedSwapCsv (and fills it in from there).
    void setSettings(Settings *settings);

    // Starts a run from the Setup tab's inputs (a sentence when they are incomplete).
    void start();
    void stop();
    // Shows a past run (loaded on the service's thread → showLoadedRun).
    void showRun(qint64 runId);
    void rollbackTo(qint64 version);

    qint64 shownRunId() const { return m_shownRunId; }
    qint64 liveRunId() const { return m_liveRunId; }
    FederatedRunState::Phase phase() const;
    QString message() const;

    QTabWidget *tabs() const { return m_tabs; }
    FederatedSettingsBox *settingsBox() const { return m_setup; }
    FederatedRunControls *controls() const { return m_controls; }
    FederatedRunPicker *runPicker() const { return m_picker; }
    RoundTableModel *roundModel() const { return m_rounds; }
    QTableView *roundTable() const { return m_roundTable; }
    VenueWeightChart *weightChart() const { return m_weights; }
    VenueRmseChart *rmseChart() const { return m_rmse; }
    FederatedTotalsBox *totalsBox() const { return m_totals; }
    RegimeDistributionBox *regimeBox() const { return m_regimes; }
    FederatedVersionsBox *versionsBox() const { return m_versions; }

public Q_SLOTS:
    // The service's signals, on the GUI thread.
    void showState(const apedesk::FederatedRunState &state);
    void runStarted(const apedesk::federated::FederatedRunRecord &run);
    void addRound(const apedesk::federated::FederatedRoundRecord &round);
    void runFinished(qint64 runId, bool ok, const apedesk::Error &error, const apedesk::federated::FederatedRunRecord &run);
    void showRuns(const QList<apedesk::federated::FederatedRunRecord> &runs);
    void showLoadedRun(const apedesk::federated::FederatedRunRecord &run);
    void showVersions(const QList<apedesk::federated::ModelVersion> &versions);
    void rolledBack(bool ok, const apedesk::Error &error, const apedesk::federated::ModelVersion &version);
    void showActionFailed(const apedesk::Error &error);

private:
    QWidget *buildRoundsPage();
    QWidget *buildChartsPage();
    QWidget *buildTotalsPage();
    // Replaces what is shown with `run` (its header, venues and rounds).
    void display(const federated::FederatedRunRecord &run);
    // Charts and totals from the round table's rounds.
    void refreshFromRounds();
    void updateInputs();
    void showMessage(const QString &text, bool error = false);

    FederatedService *m_service;
    Settings *m_settings = nullptr;
    FederatedRunPicker *m_picker;
    FederatedRunControls *m_controls;
    QLabel *m_message;
    QTabWidget *m_tabs;
    FederatedSettingsBox *m_setup;
    RoundTableModel *m_rounds;
    QTableView *m_roundTable;
    VenueWeightChart *m_weights;
    VenueRmseChart *m_rmse;
    FederatedTotalsBox *m_totals;
    RegimeDistributionBox *m_regimes;
    FederatedVersionsBox *m_versions;
    qint64 m_shownRunId = 0;
    qint64 m_requestedRunId = 0;   // the run asked for with requestRun, until it arrives
    qint64 m_liveRunId = 0;
};

} // namespace apedesk::ui
