// The DQN trader's part of the training service, built like the GAN's (trainingservice.cpp): one
// training at a time as a task on the service thread, a state machine the panes follow
// (Preparing → Training → Stopping → Idle), rlFinished after every start (also a refused or canceled
// one), metrics and progress thinned to what a pane can draw; evaluation and the distillation export
// are tasks that answer with JSON.

#include "trainingservice.h"

#include "common/logging.h"
#include "rlexport.h"

#include <QElapsedTimer>

#include <optional>

namespace apedesk::ml {
namespace {

// The pane redraws its curves a few times a second; more signals than this only fill the queue.
constexpr qint64 kRlMetricsIntervalMs = 50;    // at most ~20 rlMetrics per second
constexpr qint64 kRlProgressIntervalMs = 100;  // at most ~10 rlProgress per second

// The series a run folder's config.json names: what resume, evaluation and export all start from.
Result<TradingSeries> seriesOfRun(const QString &runDirectory)
{
    Result<DqnTrainingConfig> config = DqnTrainer::readRunConfig(runDirectory);
    if (!config)
        return config.error();
    return loadTradingSeriesForRun(*config);
}

} // namespace

void TrainingService::setUpRl()
{
    qRegisterMetaType<apedesk::ml::RlTrainingState>();
    qRegisterMetaType<apedesk::ml::DqnStepMetrics>();
    qRegisterMetaType<apedesk::ml::DqnProgress>();
    qRegisterMetaType<apedesk::ml::DqnTrainingResult>();

    // A trader training canceled before it ran (cancelTasks, the service stopping) never reached
    // trainRl: free the slot and answer here. Runs on the service thread (direct connection).
    connect(this, &Service::taskFinished, this, [this](quint64 id, const QString &, bool, const apedesk::Error &error) {
        QString runDirectory;
        {
            QMutexLocker lock(&m_rlMutex);
            if (id != m_rlTask || !m_rlBusy.load())
                return;
            runDirectory = m_rlState.runDirectory;
        }
        endRlTraining(runDirectory, false, error.message.isEmpty() ? Error::canceled() : error, {});
    });
}

RlTrainingState TrainingService::rlState() const
{
    QMutexLocker lock(&m_rlMutex);
    return m_rlState;
}

void TrainingService::setRlState(RlTrainingState::Phase phase, const QString &runDirectory, const QString &text)
{
    RlTrainingState copy;
    {
        QMutexLocker lock(&m_rlMutex);
        m_rlState = {phase, runDirectory, text};
        copy = m_rlState;
    }
    Q_EMIT rlStateChanged(copy);
}

void TrainingService::endRlTraining(const QString &runDirectory, bool ok, const Error &error,
                                    const DqnTrainingResult &result)
{
    {
        QMutexLocker lock(&m_rlMutex);
        m_rlTask = 0;
    }
    m_rlStop = false;
    setRlState(RlTrainingState::Phase::Idle, runDirectory, ok ? result.message : error.message);
    // Free the slot before rlFinished, so a receiver may start the next training at once.
    m_rlBusy = false;
    Q_EMIT rlFinished(runDirectory, ok, ok ? Error() : error, result);
}

quint64 TrainingService::startRlTraining(const DqnTrainingConfig &config, const QString &runDirectory)
{
    // The service's thread count (0: every core) unless the request names one.
    DqnTrainingConfig withThreads = config;
    if (withThreads.threads == 0)
        withThreads.threads = m_threads;
    return launchRlTraining(tr("Training a DQN trader in %1").arg(runDirectory), runDirectory,
                            [config = std::move(withThreads), runDirectory]() -> Result<std::unique_ptr<DqnTrainer>> {
                                Result<TradingSeries> series = loadTradingSeriesForRun(config);
                                if (!series)
                                    return series.error();
                                return DqnTrainer::create(runDirectory, *series, config);
                            });
}

quint64 TrainingService::resumeRlTraining(const QString &runDirectory)
{
    return launchRlTraining(tr("Resuming the DQN trader's training in %1").arg(runDirectory), runDirectory,
                            [runDirectory]() -> Result<std::unique_ptr<DqnTrainer>> {
                                Result<TradingSeries> series = seriesOfRun(runDirectory);
                                if (!series)
                                    return series.error();
                                return DqnTrainer::resume(runDirectory, *series);
                            });
}

quint64 TrainingService::launchRlTraining(const QString &title, const QString &runDirectory, RlTrainerFactory makeTrainer)
{
    bool expected = false;
    if (!m_rlBusy.compare_exchange_strong(expected, true)) {
        const Error error = Error::make(Error::Kind::Usage,
                                        tr("A trader training is already running in %1; stop it before starting another.")
                                            .arg(rlState().runDirectory));
        Q_EMIT rlFinished(runDirectory, false, error, {});
        return 0;
    }
    m_rlStop = false;
    // The service runs one task at a time: behind a GAN training this one waits, and says so.
    setRlState(RlTrainingState::Phase::Preparing, runDirectory,
               m_ganBusy.load() ? tr("Waiting for the GAN training to end") : tr("Preparing the training data"));
    // The lock makes the canceled-before-start handler wait until m_rlTask names this task.
    QMutexLocker lock(&m_rlMutex);
    m_rlTask = runTask(title, [this, runDirectory, makeTrainer = std::move(makeTrainer)](const TaskContext &context) {
        return trainRl(context, runDirectory, makeTrainer);
    });
    return m_rlTask;
}

Status TrainingService::trainRl(const TaskContext &context, const QString &runDirectory, const RlTrainerFactory &makeTrainer)
{
    // Stopped while it waited: nothing was created, so there is nothing to checkpoint.
    if (m_rlStop.load() || context.canceled()) {
        endRlTraining(runDirectory, false, Error::canceled(), {});
        return Error::canceled();
    }
    setRlState(RlTrainingState::Phase::Preparing, runDirectory, tr("Preparing the training data"));
    Result<std::unique_ptr<DqnTrainer>> made = makeTrainer();
    if (!made) {
        qCWarning(lcMl).noquote() << "DQN training in" << runDirectory << "could not start:" << made.error().toString();
        endRlTraining(runDirectory, false, made.error(), {});
        return made.error();
    }
    const std::unique_ptr<DqnTrainer> trainer = std::move(*made);
    setRlState(RlTrainingState::Phase::Training, runDirectory, tr("Training"));

    // Rows come at the trainer's log interval, which can be every step; the pane needs ~20 a second.
    // Skipped rows stay in the run's metrics files; the last row and the final step are always sent.
    QElapsedTimer metricsClock, progressClock;
    std::optional<DqnStepMetrics> unsent;
    std::optional<DqnProgress> unsentProgress;
    std::optional<DqnProgress> lastProgress;   // the trainer's last report, sent or not
    DqnTrainingHooks hooks;
    hooks.metrics = [&](const DqnStepMetrics &metrics) {
        if (!metricsClock.isValid() || metricsClock.elapsed() >= kRlMetricsIntervalMs) {
            metricsClock.start();
            unsent.reset();
            Q_EMIT rlMetrics(metrics);
        } else {
            unsent = metrics;
        }
    };
    hooks.progress = [&](const DqnProgress &progress) {
        lastProgress = progress;
        {
            QMutexLocker lock(&m_rlMutex);
            if (m_rlState.phase == RlTrainingState::Phase::Training)
                m_rlState.text = progress.text;
        }
        if (!progressClock.isValid() || progressClock.elapsed() >= kRlProgressIntervalMs
            || progress.step >= progress.totalSteps) {
            progressClock.start();
            unsentProgress.reset();
            Q_EMIT rlProgress(progress);
        } else {
            unsentProgress = progress;
        }
    };
    hooks.stopRequested = [this, &context, runDirectory] {
        const bool stop = m_rlStop.load() || context.canceled();
        if (stop && rlState().phase != RlTrainingState::Phase::Stopping)
            setRlState(RlTrainingState::Phase::Stopping, runDirectory, tr("Saving a checkpoint and stopping"));
        return stop;
    };

    const DqnTrainingResult result = trainer->train(hooks);
    // The run may have asked for its own thread count; the service's other work gets its own back.
    setThreads(m_threads);
    if (unsent)
        Q_EMIT rlMetrics(*unsent);
    if (unsentProgress)
        Q_EMIT rlProgress(*unsentProgress);
    // A stop ends between the trainer's progress reports: the bar shows where the run really is.
    if (!lastProgress || lastProgress->step != trainer->step()) {
        DqnProgress now;
        now.step = trainer->step();
        now.totalSteps = trainer->config().dqn.timesteps;
        now.stepsPerSecond = lastProgress ? lastProgress->stepsPerSecond : 0;
        now.etaSeconds = now.step >= now.totalSteps ? 0 : -1;
        now.text = tr("Step %1 of %2.").arg(now.step).arg(now.totalSteps);
        Q_EMIT rlProgress(now);
    }

    // A stop (by request or by the service closing) saved a checkpoint: that is a good end.
    const bool ok = result.end != DqnTrainingResult::End::Diverged && result.end != DqnTrainingResult::End::Failed;
    const Error error = ok ? Error() : Error::make(Error::Kind::Model, result.message);
    if (!ok)
        qCWarning(lcMl).noquote() << "DQN training in" << runDirectory << "ended with an error:" << result.message;
    endRlTraining(runDirectory, ok, error, result);
    if (!ok)
        return error;
    return {};
}

void TrainingService::stopRlTraining()
{
    if (m_rlBusy.load())
        m_rlStop = true;
}

quint64 TrainingService::evaluateRl(const QString &runDirectory)
{
    return runTask(tr("Evaluating the trader in %1").arg(runDirectory), [this, runDirectory](const TaskContext &context) -> Status {
        const auto failed = [this, &context](const Error &error) -> Status {
            Q_EMIT rlEvaluated(context.id(), false, error, {});
            return error;
        };
        Result<TradingSeries> series = seriesOfRun(runDirectory);
        if (!series)
            return failed(series.error());
        if (context.canceled())
            return failed(Error::canceled());
        Result<RlEvaluation> evaluation = evaluateRun(runDirectory, *series);
        if (!evaluation)
            return failed(evaluation.error());
        Q_EMIT rlEvaluated(context.id(), true, Error(), rlEvaluationJson(*evaluation, true));
        return {};
    });
}

quint64 TrainingService::exportRl(const QString &runDirectory, const QString &outJsonl, int episodes, int stepsPerEpisode)
{
    return runTask(tr("Exporting the trader's decisions from %1").arg(runDirectory),
                   [this, runDirectory, outJsonl, episodes, stepsPerEpisode](const TaskContext &context) -> Status {
                       const auto failed = [this, &context](const Error &error) -> Status {
                           Q_EMIT rlExported(context.id(), false, error, {});
                           return error;
                       };
                       if (episodes < 1 || stepsPerEpisode < 1)
                           return failed(Error::make(Error::Kind::Usage,
                                                     tr("Export at least one episode of at least one step.")));
                       if (outJsonl.isEmpty())
                           return failed(Error::make(Error::Kind::Usage, tr("Choose the file to export into.")));
                       Result<TradingSeries> series = seriesOfRun(runDirectory);
                       if (!series)
                           return failed(series.error());
                       if (context.canceled())
                           return failed(Error::canceled());
                       DistillExportOptions options;
                       options.episodes = episodes;
                       options.stepsPerEpisode = stepsPerEpisode;
                       Result<DistillExportReport> report = exportDistillation(runDirectory, *series, outJsonl, options);
                       if (!report)
                           return failed(report.error());
                       Q_EMIT rlExported(context.id(), true, Error(), report->toJson());
                       return {};
                   });
}

} // namespace apedesk::ml
