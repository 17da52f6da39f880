#pragma once
// libtorch work (GAN, DQN, federated local training) runs on this service's thread, with the
// machine's cores given to libtorch.

#include "service.h"
#include "dqntrainer.h"
#include "gantrainer.h"
#include "ganvalidation.h"
#include "torchruntime.h"

#include <QJsonObject>
#include <QMetaType>
#include <QMutex>

#include <atomic>
#include <optional>

namespace apedesk {
class Core;
}

namespace apedesk::ml {

struct RlTrainingState
{
    enum class Phase { Idle, Preparing, Training, Stopping };
    Phase phase = Phase::Idle;
    QString runDirectory;
    QString text;                           // one sentence for the pane
};

struct GanTrainingState
{
    enum class Phase { Idle, Preparing, Training, Paused, Stopping };
    Phase phase = Phase::Idle;
    QString runDirectory;
    QString text;                           // one sentence for the pane
};

class TrainingService : public Service
{
    Q_OBJECT
public:
    explicit TrainingService(int threads = 0, QObject *parent = nullptr);

    // Thread safe: queues a matrix-multiply throughput check; the result arrives as throughputMeasured.
    quint64 checkThroughput(int size = 512, double minSeconds = 1.0);
    // Thread safe: the engine description once the service has started (empty before).
    std::optional<RuntimeInfo> runtime() const;

    // --- GAN lab (one training at a time; all thread safe, answers as signals) ---
    // A new run into runDirectory from a CSV or a swap store (config data fields; config.threads 0
    // means the service's thread count), or the continuation of a run from its last checkpoint.
    // ganStateChanged reports Preparing, Training, Paused, Stopping and Idle; ganMetrics at most ~20
    // rows a second (every epoch-end validation row and the last row always; all rows are in the
    // run's metrics files); ganFinished follows every call, also one that could not start (bad data,
    // a run folder in use, canceled while queued) with ok false and that call's runDirectory. While a
    // training is queued or running another start is refused: the answer is 0 instead of a task id,
    // and ganFinished(runDirectory, false, error) whose message names the running one.
    quint64 startGanTraining(const apedesk::ml::GanTrainingConfig &config, const QString &runDirectory);
    quint64 resumeGanTraining(const QString &runDirectory);
    void pauseGanTraining();
    void resumePausedGanTraining();
    void stopGanTraining();                 // saves a checkpoint and ends (ganFinished follows)
    GanTrainingState ganState() const;
    // Generation and validation as tasks -> ganGenerated / ganValidated.
    quint64 generateGan(const QString &runDirectory, int sequences, const QString &outCsv, quint64 seed = 7);
    quint64 validateGan(const QString &realCsv, const QString &syntheticCsv, const QString &reportPath = {});

    // --- DQN trader (one training at a time, like the GAN; the service runs one task at a time, so a
    // trader training started while a GAN trains waits for it, and says so in its state) ---
    // rlFinished follows every start, also one that could not start (ok false, that call's run).
    quint64 startRlTraining(const apedesk::ml::DqnTrainingConfig &config, const QString &runDirectory);
    quint64 resumeRlTraining(const QString &runDirectory);
    void stopRlTraining();                  // checkpoint and end (rlFinished follows)
    RlTrainingState rlState() const;
    // Evaluation of a run on its held-out range -> rlEvaluated (rlEvaluationJson with equity curves).
    quint64 evaluateRl(const QString &runDirectory);
    // The distillation dataset of a run -> rlExported (DistillExportReport::toJson()).
    quint64 exportRl(const QString &runDirectory, const QString &outJsonl, int episodes = 20, int stepsPerEpisode = 100);

Q_SIGNALS:
    void rlStateChanged(apedesk::ml::RlTrainingState state);
    void rlMetrics(apedesk::ml::DqnStepMetrics metrics);
    void rlProgress(apedesk::ml::DqnProgress progress);
    void rlFinished(QString runDirectory, bool ok, apedesk::Error error, apedesk::ml::DqnTrainingResult result);
    void rlEvaluated(quint64 id, bool ok, apedesk::Error error, QJsonObject evaluation);
    void rlExported(quint64 id, bool ok, apedesk::Error error, QJsonObject report);
    void runtimeReady(apedesk::ml::RuntimeInfo info);
    void throughputMeasured(apedesk::ml::MatmulThroughput result);
    void ganStateChanged(apedesk::ml::GanTrainingState state);
    void ganMetrics(apedesk::ml::GanStepMetrics metrics);
    void ganProgress(apedesk::ml::GanProgress progress);
    void ganFinished(QString runDirectory, bool ok, apedesk::Error error, apedesk::ml::GanTrainingResult result);
    void ganGenerated(quint64 id, bool ok, apedesk::Error error, QString outCsv, int sequences);
    // The report as JSON (validationReportJson) so the pane can show the table.
    void ganValidated(quint64 id, bool ok, apedesk::Error error, QJsonObject report);

protected:
    void onStarted() override;

private:
    using TrainerFactory = std::function<Result<std::unique_ptr<GanTrainer>>()>;
    quint64 launchGanTraining(const QString &title, const QString &runDirectory, TrainerFactory makeTrainer);
    Status trainGan(const TaskContext &context, const QString &runDirectory, const TrainerFactory &makeTrainer);
    void setGanState(GanTrainingState::Phase phase, const QString &runDirectory, const QString &text);
    void endGanTraining(const QString &runDirectory, bool ok, const Error &error, const GanTrainingResult &result);

    // DQN trader (trainingservice_rl.cpp)
    using RlTrainerFactory = std::function<Result<std::unique_ptr<DqnTrainer>>()>;
    void setUpRl();                     // the constructor's part for the trader: metatypes, canceled starts
    quint64 launchRlTraining(const QString &title, const QString &runDirectory, RlTrainerFactory makeTrainer);
    Status trainRl(const TaskContext &context, const QString &runDirectory, const RlTrainerFactory &makeTrainer);
    void setRlState(RlTrainingState::Phase phase, const QString &runDirectory, const QString &text);
    void endRlTraining(const QString &runDirectory, bool ok, const Error &error, const DqnTrainingResult &result);
    mutable QMutex m_rlMutex;           // m_rlState and m_rlTask
    RlTrainingState m_rlState;
    quint64 m_rlTask = 0;               // the training task queued or running (0: none)
    std::atomic<bool> m_rlBusy{false};  // a training is queued or running
    std::atomic<bool> m_rlStop{false};

    int m_threads;
    mutable QMutex m_runtimeMutex;
    std::optional<RuntimeInfo> m_runtime;

    mutable QMutex m_ganMutex;          // m_ganState and m_ganTask
    GanTrainingState m_ganState;
    quint64 m_ganTask = 0;              // the training task queued or running (0: none)
    std::atomic<bool> m_ganBusy{false}; // a training is queued or running
    std::atomic<bool> m_ganPause{false};
    std::atomic<bool> m_ganStop{false};
};

// The dataset a run's config names (its data fields: a raw swap CSV or a swap store, chain and pool),
// exactly as startGanTraining and resumeGanTraining build it. Also used by apedesk-cli gan.
Result<GanDataset> loadGanDatasetForRun(const GanTrainingConfig &config);
// The real side of a validation: a CSV in the synthetic format (sequence_id, step, timestamp, the
// features) as it is, or the tutorial's raw swap CSV as its processed, un-normalised features cut
// into sliding 24-step windows (stride 1), as the tutorial's validator reads its real data.
Result<SyntheticCsv> readRealSequences(const QString &path);
// Reads both files and validates the synthetic sequences against the real ones (same features).
Result<ValidationReport> validateGanFiles(const QString &realCsv, const QString &syntheticCsv);

// Adds the training service to a Core (the GUI and the CLI both call this).
TrainingService *addTrainingService(Core &core, int threads = 0);

} // namespace apedesk::ml

Q_DECLARE_METATYPE(apedesk::ml::RuntimeInfo)
Q_DECLARE_METATYPE(apedesk::ml::MatmulThroughput)
Q_DECLARE_METATYPE(apedesk::ml::GanTrainingState)
Q_DECLARE_METATYPE(apedesk::ml::RlTrainingState)
