#pragma once
// The "Trader training" pane: train the DQN trader and see whether it learned anything. Tabs:
// Training (data, timesteps, seed and run folder; Start, Stop, Continue and Open run…; progress with
// ETA; live curves of the episode reward, the loss and ε) and Evaluation & export (the equity curves
// of the policy, buy-and-hold and random on the held-out range with their figures, and the
// distillation export with its class balance). Everything heavy runs on the training service's thread
// or a pool thread; the public slots below are what the service's signals connect to.

#include "trainingservice.h"
#include "widgets/panescaffold.h"

#include <QVector>

class QLabel;
class QTabWidget;

namespace apedesk {
class MarketService;
}

namespace apedesk::ui {

class TraderCurvesView;
class TraderEvaluationPage;
class TraderSetupBox;
class TraderTrainingControls;

class TraderTrainingPane : public PaneScaffold
{
    Q_OBJECT
public:
    // `training` null: no training engine in this build (past runs open, nothing starts).
    // `market` null: only CSV files as training data.
    TraderTrainingPane(ml::TrainingService *training, MarketService *market, QWidget *parent = nullptr);
    ~TraderTrainingPane() override;

    // Starts a run from the setup box's inputs (a sentence when they are incomplete).
    void start();
    // Starts a run with an explicit config (what start() does after reading the inputs).
    void startWith(const ml::DqnTrainingConfig &config, const QString &runDirectory);
    void stop();
    // Trains the run on screen on from its last checkpoint.
    void continueRun();
    // Shows a past run: its metrics.csv in the curves (read on a pool thread → runOpened).
    void openRun(const QString &runDirectory);
    // Evaluation and distillation export of the run on screen.
    void evaluate();
    void exportDataset(const QString &outJsonl, int episodes, int stepsPerEpisode);

    QString currentRun() const { return m_runDirectory; }
    ml::RlTrainingState::Phase phase() const { return m_phase; }
    QString message() const;

    QTabWidget *tabs() const { return m_tabs; }
    TraderSetupBox *setup() const { return m_setup; }
    TraderTrainingControls *controls() const { return m_controls; }
    TraderCurvesView *curves() const { return m_curves; }
    TraderEvaluationPage *evaluationPage() const { return m_evaluation; }

public Q_SLOTS:
    // The service's signals, on the GUI thread.
    void showState(const apedesk::ml::RlTrainingState &state);
    void addMetrics(const apedesk::ml::DqnStepMetrics &metrics);
    void showProgress(const apedesk::ml::DqnProgress &progress);
    void trainingFinished(const QString &runDirectory, bool ok, const apedesk::Error &error,
                          const apedesk::ml::DqnTrainingResult &result);
    void evaluationFinished(quint64 id, bool ok, const apedesk::Error &error, const QJsonObject &evaluation);
    void exportFinished(quint64 id, bool ok, const apedesk::Error &error, const QJsonObject &report);

Q_SIGNALS:
    void runOpened(QString runDirectory, bool ok);

private:
    QWidget *buildTrainingPage();
    void askOpenRun();
    // The run on screen; `checkpoint`: it has one (evaluate, export), `continuable`: it stopped early.
    void setCurrentRun(const QString &runDirectory, bool checkpoint, bool continuable);
    void updateActions();
    void showMessage(const QString &text, bool error = false);

    ml::TrainingService *m_training;
    QTabWidget *m_tabs;
    TraderSetupBox *m_setup;
    TraderTrainingControls *m_controls;
    QLabel *m_runLabel;
    QLabel *m_message;
    TraderCurvesView *m_curves;
    TraderEvaluationPage *m_evaluation;

    ml::RlTrainingState::Phase m_phase = ml::RlTrainingState::Phase::Idle;
    QString m_runDirectory;                       // the run on screen
    bool m_hasCheckpoint = false;
    bool m_continuable = false;
    quint64 m_load = 0;                           // the newest run load; older answers are dropped
    bool m_loading = false;
    QVector<ml::DqnStepMetrics> m_liveDuringLoad; // live rows that arrived while a run loaded
    quint64 m_evaluateTask = 0;
    quint64 m_exportTask = 0;
};

} // namespace apedesk::ui
