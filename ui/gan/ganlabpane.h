#pragma once
// The GAN lab pane: train the WGAN-GP on swap sequences and watch it learn. Tabs: Training (data,
// preset, epochs, seed and run folder; Start, Pause, Resume, Stop; progress with ETA; live curves),
// Samples & validation (Generate…, Validate, the real-vs-synthetic plot and the graded table), Runs
// (past runs to reopen, continue and compare) and Engine (libtorch and its throughput). Everything
// heavy runs on the training service's thread or a pool thread; the public slots below are what the
// service's signals connect to.

#include "trainingservice.h"
#include "widgets/panescaffold.h"

#include <optional>

class QLabel;
class QTabWidget;

namespace apedesk {
class MarketService;
}

namespace apedesk::ui {

class GanCurvesView;
class GanEngineBox;
class GanMetricsModel;
class GanRunsPage;
class GanSetupBox;
class GanTrainingControls;
class GanValidationPage;
struct GanSampleSet;

class GanLabPane : public PaneScaffold
{
    Q_OBJECT
public:
    // `training` null: no training engine in this build (everything shows, nothing starts).
    // `market` null: only CSV files as training data.
    GanLabPane(ml::TrainingService *training, MarketService *market, QWidget *parent = nullptr);
    ~GanLabPane() override;

    // Starts a run from the setup box's inputs (a sentence when they are incomplete).
    void start();
    // Starts a run with an explicit config (what start() does after reading the inputs).
    void startWith(const ml::GanTrainingConfig &config, const QString &runDirectory);
    void pause();
    void resume();
    void stop();
    // Shows a past run: its metrics.csv in the curves (read on a pool thread → runOpened).
    void openRun(const QString &runDirectory);
    // Trains on from a past run's last checkpoint.
    void continueRun(const QString &runDirectory);
    // Generation and validation of the run on screen.
    void generate(int count, const QString &outCsv);
    void validate();
    // The runs folder the Runs tab lists (default: Paths::runsDir()).
    void setRunsDirectory(const QString &directory);

    QString currentRun() const { return m_runDirectory; }
    ml::GanTrainingState::Phase phase() const { return m_phase; }
    QString message() const;
    QString syntheticCsv() const { return m_syntheticCsv; }

    QTabWidget *tabs() const { return m_tabs; }
    GanSetupBox *setup() const { return m_setup; }
    GanTrainingControls *controls() const { return m_controls; }
    GanMetricsModel *metrics() const { return m_metrics; }
    GanCurvesView *curves() const { return m_curves; }
    GanValidationPage *validationPage() const { return m_validation; }
    GanRunsPage *runsPage() const { return m_runs; }
    GanEngineBox *engine() const { return m_engine; }

public Q_SLOTS:
    // The service's signals, on the GUI thread.
    void showState(const apedesk::ml::GanTrainingState &state);
    void addMetrics(const apedesk::ml::GanStepMetrics &metrics);
    void showProgress(const apedesk::ml::GanProgress &progress);
    void trainingFinished(const QString &runDirectory, bool ok, const apedesk::Error &error,
                          const apedesk::ml::GanTrainingResult &result);
    void generationFinished(quint64 id, bool ok, const apedesk::Error &error, const QString &outCsv, int sequences);
    void validationFinished(quint64 id, bool ok, const apedesk::Error &error, const QJsonObject &report);

Q_SIGNALS:
    void runOpened(QString runDirectory, bool ok);
    // The sample plot got a generation's sequences (or could not read them: ok false).
    void samplesReady(bool ok);

private:
    QWidget *buildTrainingPage();
    void setCurrentRun(const QString &runDirectory, std::optional<ml::GanTrainingConfig> config);
    void loadRun(const QString &runDirectory, bool thenContinue);
    void prepareSamples(const QString &syntheticCsv);
    void updateActions();
    void showMessage(const QString &text, bool error = false);

    ml::TrainingService *m_training;
    QTabWidget *m_tabs;
    GanSetupBox *m_setup;
    GanTrainingControls *m_controls;
    QLabel *m_runLabel;
    QLabel *m_message;
    GanMetricsModel *m_metrics;
    GanCurvesView *m_curves;
    GanValidationPage *m_validation;
    GanRunsPage *m_runs;
    GanEngineBox *m_engine;

    ml::GanTrainingState::Phase m_phase = ml::GanTrainingState::Phase::Idle;
    QString m_runDirectory;                           // the run on screen
    std::optional<ml::GanTrainingConfig> m_runConfig; // its config (generation's real data)
    quint64 m_load = 0;                               // the newest run load; older answers are dropped
    bool m_loading = false;
    QVector<ml::GanStepMetrics> m_liveDuringLoad;     // live rows that arrived while a run loaded
    quint64 m_generateTask = 0;
    quint64 m_validateTask = 0;
    quint64 m_samplesJob = 0;
    QString m_syntheticCsv;                           // the last generation of the run on screen
    QString m_realCsv;                                // what it validates against
};

} // namespace apedesk::ui
