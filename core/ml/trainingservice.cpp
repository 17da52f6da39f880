#include "trainingservice.h"

#include "common/logging.h"
#include "core.h"
#include "dqnbackend.h"
#include "hedgeratiobackend.h"
#include "market/pooltypes.h"
#include "market/swapcsv.h"
#include "market/swapfeatures.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>

#include <cmath>

namespace apedesk::ml {
namespace {

// The pane redraws its curves a few times a second; more signals than this only fill the queue.
constexpr qint64 kMetricsIntervalMs = 50;    // at most ~20 ganMetrics per second
constexpr qint64 kProgressIntervalMs = 100;  // at most ~10 ganProgress per second

QString text(const char *source)
{
    return QCoreApplication::translate("apedesk::ml::TrainingService", source);
}

// The first non-empty line of a text file (its header), or an error.
Result<QString> firstLine(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return Error::make(Error::Kind::Io, text("Cannot read %1.").arg(path), file.errorString());
    while (!file.atEnd()) {
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        if (!line.isEmpty())
            return line;
    }
    return Error::make(Error::Kind::Format, text("%1 is empty.").arg(path));
}

} // namespace

Result<GanDataset> loadGanDatasetForRun(const GanTrainingConfig &config)
{
    GanDatasetOptions options;
    options.lastRows = config.dataLastRows;
    if (config.dataSource.isEmpty())
        return Error::make(Error::Kind::Usage, text("The run names no training data."));
    if (config.dataKind == QLatin1String("csv"))
        return loadGanDatasetFromCsv(config.dataSource, options);
    if (config.dataKind == QLatin1String("store")) {
        QString id = config.dataPoolId;
        if (!id.startsWith(QLatin1String("0x")))
            id.prepend(QStringLiteral("0x"));
        Result<eth::Hash32> poolId = eth::Hash32::fromString(id);
        if (!poolId || config.dataChain.isEmpty())
            return Error::make(Error::Kind::Usage, text("A swap store needs its chain and the pool's 32-byte id."),
                               QStringLiteral("chain \"%1\" pool \"%2\"").arg(config.dataChain, config.dataPoolId));
        return loadGanDatasetFromStore(config.dataSource, config.dataChain, *poolId, options);
    }
    return Error::make(Error::Kind::Usage, text("Unknown data kind \"%1\" (csv or store).").arg(config.dataKind));
}

Result<SyntheticCsv> readRealSequences(const QString &path)
{
    Result<QString> header = firstLine(path);
    if (!header)
        return header.error();
    if (header->startsWith(QLatin1String("sequence_id")))
        return readSyntheticCsvFile(path);

    // The tutorial's raw swap CSV: the same features the dataset is built from, un-normalised.
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::make(Error::Kind::Io, text("Cannot read %1.").arg(path), file.errorString());
    Result<market::RawCsvImport> imported = market::readRawSwapCsv(file, market::chainKey(8453, false));
    if (!imported)
        return Error::make(imported.error().kind, QString(imported.error().message + QLatin1Char(' ') + path),
                           imported.error().detail);
    const QVector<GanFeatureRow> rows = ganFeatureRows(market::processSwaps(std::move(imported->swaps)));
    if (rows.size() < kGanSequenceLength)
        return Error::make(Error::Kind::Usage,
                           text("%1 holds %2 swaps; a real sequence needs %3.").arg(path).arg(rows.size()).arg(kGanSequenceLength));
    SyntheticCsv real;
    for (int f = 0; f < kGanFeatureCount; ++f)
        real.featureNames << ganFeatureName(f);
    const int windows = int(rows.size()) - kGanSequenceLength + 1;
    real.sequences.count = windows;
    real.sequences.steps = kGanSequenceLength;
    real.sequences.features = kGanFeatureCount;
    real.sequences.values.reserve(std::size_t(windows) * kGanSequenceLength * kGanFeatureCount);
    for (int start = 0; start < windows; ++start)
        for (int step = 0; step < kGanSequenceLength; ++step)
            for (double value : rows.at(start + step))
                real.sequences.values.push_back(value);
    return real;
}

Result<ValidationReport> validateGanFiles(const QString &realCsv, const QString &syntheticCsv)
{
    Result<SyntheticCsv> real = readRealSequences(realCsv);
    if (!real)
        return real.error();
    Result<SyntheticCsv> synthetic = readSyntheticCsvFile(syntheticCsv);
    if (!synthetic)
        return synthetic.error();
    if (real->featureNames != synthetic->featureNames)
        return Error::make(Error::Kind::Format, text("The real and synthetic files have different features."),
                           QString(real->featureNames.join(QLatin1Char(',')) + QStringLiteral(" vs ")
                                   + synthetic->featureNames.join(QLatin1Char(','))));
    return validate(real->sequences, synthetic->sequences, synthetic->featureNames);
}

TrainingService::TrainingService(int threads, QObject *parent)
    : Service(QStringLiteral("TrainingService"), parent), m_threads(threads)
{
    qRegisterMetaType<apedesk::ml::RuntimeInfo>();
    qRegisterMetaType<apedesk::ml::MatmulThroughput>();
    qRegisterMetaType<apedesk::ml::GanTrainingState>();
    qRegisterMetaType<apedesk::ml::GanStepMetrics>();
    qRegisterMetaType<apedesk::ml::GanProgress>();
    qRegisterMetaType<apedesk::ml::GanTrainingResult>();

    // A training task canceled before it ran (cancelTasks, the service stopping) never reached
    // trainGan: free the slot and answer here. Runs on the service thread (direct connection).
    connect(this, &Service::taskFinished, this, [this](quint64 id, const QString &, bool, const apedesk::Error &error) {
        QString runDirectory;
        {
            QMutexLocker lock(&m_ganMutex);
            if (id != m_ganTask || !m_ganBusy.load())
                return;
            runDirectory = m_ganState.runDirectory;
        }
        endGanTraining(runDirectory, false, error.message.isEmpty() ? Error::canceled() : error, {});
    });
    setUpRl();
}

void TrainingService::onStarted()
{
    // libtorch starts with one thread; give it the cores (or the configured count).
    setThreads(m_threads);
    const RuntimeInfo info = runtimeInfo();
    {
        QMutexLocker lock(&m_runtimeMutex);
        m_runtime = info;
    }
    if (!info.blasIsOptimized)
        qCWarning(lcMl).noquote() << "libtorch uses the reference BLAS" << info.blasLibrary
                                  << "- install libopenblas0-pthread for ~25x faster training";
    setStatus(ServiceStatus::State::Idle,
              tr("libtorch %1, %2 threads, %3 BLAS")
                  .arg(info.torchVersion)
                  .arg(info.threads)
                  .arg(info.blasIsOptimized ? tr("optimized") : tr("reference (slow)")));
    Q_EMIT runtimeReady(info);
}

std::optional<RuntimeInfo> TrainingService::runtime() const
{
    QMutexLocker lock(&m_runtimeMutex);
    return m_runtime;
}

quint64 TrainingService::checkThroughput(int size, double minSeconds)
{
    return runTask(tr("Measuring matrix throughput"), [this, size, minSeconds](const TaskContext &context) -> Status {
        auto result = measureMatmul(size, minSeconds, [&context] { return context.canceled(); });
        if (!result)
            return result.error();
        Q_EMIT throughputMeasured(*result);
        return {};
    });
}

GanTrainingState TrainingService::ganState() const
{
    QMutexLocker lock(&m_ganMutex);
    return m_ganState;
}

void TrainingService::setGanState(GanTrainingState::Phase phase, const QString &runDirectory, const QString &text)
{
    GanTrainingState copy;
    {
        QMutexLocker lock(&m_ganMutex);
        m_ganState = {phase, runDirectory, text};
        copy = m_ganState;
    }
    Q_EMIT ganStateChanged(copy);
}

void TrainingService::endGanTraining(const QString &runDirectory, bool ok, const Error &error,
                                     const GanTrainingResult &result)
{
    {
        QMutexLocker lock(&m_ganMutex);
        m_ganTask = 0;
    }
    m_ganPause = false;
    m_ganStop = false;
    setGanState(GanTrainingState::Phase::Idle, runDirectory, ok ? result.message : error.message);
    // Free the slot before ganFinished, so a receiver may start the next training at once.
    m_ganBusy = false;
    Q_EMIT ganFinished(runDirectory, ok, ok ? Error() : error, result);
}

quint64 TrainingService::startGanTraining(const GanTrainingConfig &config, const QString &runDirectory)
{
    // The service's thread count (0: every core) unless the request names one.
    GanTrainingConfig withThreads = config;
    if (withThreads.threads == 0)
        withThreads.threads = m_threads;
    return launchGanTraining(tr("Training a GAN in %1").arg(runDirectory), runDirectory,
                             [config = std::move(withThreads), runDirectory]() -> Result<std::unique_ptr<GanTrainer>> {
                                 Result<GanDataset> dataset = loadGanDatasetForRun(config);
                                 if (!dataset)
                                     return dataset.error();
                                 return GanTrainer::create(runDirectory, std::move(*dataset), config);
                             });
}

quint64 TrainingService::resumeGanTraining(const QString &runDirectory)
{
    return launchGanTraining(tr("Resuming the GAN training in %1").arg(runDirectory), runDirectory,
                             [runDirectory]() -> Result<std::unique_ptr<GanTrainer>> {
                                 Result<GanTrainingConfig> config = GanTrainer::readRunConfig(runDirectory);
                                 if (!config)
                                     return config.error();
                                 Result<GanDataset> dataset = loadGanDatasetForRun(*config);
                                 if (!dataset)
                                     return dataset.error();
                                 return GanTrainer::resume(runDirectory, std::move(*dataset));
                             });
}

quint64 TrainingService::launchGanTraining(const QString &title, const QString &runDirectory, TrainerFactory makeTrainer)
{
    bool expected = false;
    if (!m_ganBusy.compare_exchange_strong(expected, true)) {
        const Error error = Error::make(Error::Kind::Usage,
                                        tr("A GAN training is already running in %1; stop it before starting another.")
                                            .arg(ganState().runDirectory));
        Q_EMIT ganFinished(runDirectory, false, error, {});
        return 0;
    }
    m_ganPause = false;
    m_ganStop = false;
    setGanState(GanTrainingState::Phase::Preparing, runDirectory, tr("Preparing the training data"));
    // The lock makes the canceled-before-start handler wait until m_ganTask names this task.
    QMutexLocker lock(&m_ganMutex);
    m_ganTask = runTask(title, [this, runDirectory, makeTrainer = std::move(makeTrainer)](const TaskContext &context) {
        return trainGan(context, runDirectory, makeTrainer);
    });
    return m_ganTask;
}

Status TrainingService::trainGan(const TaskContext &context, const QString &runDirectory, const TrainerFactory &makeTrainer)
{
    Result<std::unique_ptr<GanTrainer>> made = makeTrainer();
    if (!made) {
        endGanTraining(runDirectory, false, made.error(), {});
        return made.error();
    }
    const std::unique_ptr<GanTrainer> trainer = std::move(*made);
    setGanState(GanTrainingState::Phase::Training, runDirectory, tr("Training"));

    // Metrics rows come as fast as the steps; the pane needs ~20 a second. Skipped rows stay in the
    // run's metrics files; epoch-end rows (validation figures) are always sent, and so is the last.
    QElapsedTimer metricsClock, progressClock;
    std::optional<GanStepMetrics> unsent;
    std::optional<GanProgress> unsentProgress;
    bool paused = false;
    GanTrainingHooks hooks;
    hooks.metrics = [&](const GanStepMetrics &metrics) {
        if (metrics.validationGeneratorLoss || metrics.validationCriticLoss || !metricsClock.isValid()
            || metricsClock.elapsed() >= kMetricsIntervalMs) {
            metricsClock.start();
            unsent.reset();
            Q_EMIT ganMetrics(metrics);
        } else {
            unsent = metrics;
        }
    };
    hooks.progress = [&](const GanProgress &progress) {
        {
            QMutexLocker lock(&m_ganMutex);
            if (m_ganState.phase == GanTrainingState::Phase::Training)
                m_ganState.text = progress.text;
        }
        if (!progressClock.isValid() || progressClock.elapsed() >= kProgressIntervalMs
            || progress.step >= progress.totalSteps) {
            progressClock.start();
            unsentProgress.reset();
            Q_EMIT ganProgress(progress);
        } else {
            unsentProgress = progress;
        }
    };
    const auto stopRequested = [this, &context] { return m_ganStop.load() || context.canceled(); };
    hooks.stopRequested = [this, &stopRequested, runDirectory] {
        const bool stop = stopRequested();
        if (stop && ganState().phase != GanTrainingState::Phase::Stopping)
            setGanState(GanTrainingState::Phase::Stopping, runDirectory, tr("Saving a checkpoint and stopping"));
        return stop;
    };
    hooks.pauseRequested = [this, &stopRequested, &paused, runDirectory] {
        const bool pause = m_ganPause.load() && !stopRequested();
        if (pause != paused) {
            paused = pause;
            if (pause)
                setGanState(GanTrainingState::Phase::Paused, runDirectory, tr("Paused"));
            else if (!stopRequested())
                setGanState(GanTrainingState::Phase::Training, runDirectory, tr("Training"));
        }
        return pause;
    };

    const GanTrainingResult result = trainer->train(hooks);
    // The run may have asked for its own thread count; the service's other work gets its own back.
    setThreads(m_threads);
    if (unsent)
        Q_EMIT ganMetrics(*unsent);
    if (unsentProgress)
        Q_EMIT ganProgress(*unsentProgress);

    // A stop (by request or by the service closing) saved a checkpoint: that is a good end.
    const bool ok = result.end != GanTrainingResult::End::Diverged && result.end != GanTrainingResult::End::Failed;
    const Error error = ok ? Error() : Error::make(Error::Kind::Model, result.message);
    endGanTraining(runDirectory, ok, error, result);
    if (!ok)
        return error;
    return {};
}

void TrainingService::pauseGanTraining()
{
    m_ganPause = true;
}

void TrainingService::resumePausedGanTraining()
{
    m_ganPause = false;
}

void TrainingService::stopGanTraining()
{
    if (m_ganBusy.load())
        m_ganStop = true;
}

quint64 TrainingService::generateGan(const QString &runDirectory, int sequences, const QString &outCsv, quint64 seed)
{
    return runTask(tr("Generating %1 synthetic sequences").arg(sequences),
                   [this, runDirectory, sequences, outCsv, seed](const TaskContext &context) -> Status {
                       const auto failed = [this, &context, &outCsv](const Error &error) -> Status {
                           Q_EMIT ganGenerated(context.id(), false, error, outCsv, 0);
                           return error;
                       };
                       if (sequences < 1)
                           return failed(Error::make(Error::Kind::Usage, tr("Generate at least one sequence.")));
                       Result<GanTrainingConfig> config = GanTrainer::readRunConfig(runDirectory);
                       if (!config)
                           return failed(config.error());
                       Result<GanDataset> dataset = loadGanDatasetForRun(*config);
                       if (!dataset)
                           return failed(dataset.error());
                       if (context.canceled())
                           return failed(Error::canceled());
                       Result<GanGeneration> generated = generateSequences(runDirectory, *dataset, sequences, seed);
                       if (!generated)
                           return failed(generated.error());
                       if (Status written = writeSyntheticCsv(outCsv, *generated, QDateTime::currentSecsSinceEpoch()); !written)
                           return failed(written.error());
                       Q_EMIT ganGenerated(context.id(), true, Error(), outCsv, generated->count);
                       return {};
                   });
}

quint64 TrainingService::validateGan(const QString &realCsv, const QString &syntheticCsv, const QString &reportPath)
{
    return runTask(tr("Validating %1").arg(syntheticCsv),
                   [this, realCsv, syntheticCsv, reportPath](const TaskContext &context) -> Status {
                       const auto failed = [this, &context](const Error &error) -> Status {
                           Q_EMIT ganValidated(context.id(), false, error, {});
                           return error;
                       };
                       Result<ValidationReport> report = validateGanFiles(realCsv, syntheticCsv);
                       if (!report)
                           return failed(report.error());
                       if (!reportPath.isEmpty()) {
                           if (Status written = writeValidationReport(reportPath, *report); !written)
                               return failed(written.error());
                       }
                       Q_EMIT ganValidated(context.id(), true, Error(), validationReportJson(*report));
                       return {};
                   });
}

TrainingService *addTrainingService(Core &core, int threads)
{
    registerDqnBackend();   // the agent can then decide with a trained trader (builtin:dqn:RUN_DIR)
    registerHedgeRatioBackend();   // federated rounds train the libtorch hedge-ratio model
    return core.add(std::make_unique<TrainingService>(threads));
}

} // namespace apedesk::ml
