#include "coordinator.h"

#include "common/portablerandom.h"
#include "common/logging.h"
#include "modelregistry.h"
#include "robustaggregation.h"
#include "roundstore.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QMutex>
#include <QThread>
#include <QThreadPool>
#include <QWaitCondition>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <mutex>
#include <optional>
#include <random>
#include <vector>

namespace apedesk::federated {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("apedesk::federated::FederatedCoordinator", text);
}

QString num(double value, int precision = 4)
{
    return QString::number(value, 'g', precision);
}

// ---- Seeds -----------------------------------------------------------------------------------
// Every random stream of a run (a venue's training, its dropout draw, the round's DP noise) is its own
// seed derived from (run seed, round, venue), so adding a venue or a round changes no other stream.

// FNV-1a of the name's UTF-8: stable across processes (qHash is seeded per process) and independent of
// the venue's position in the list.
quint64 nameHash(const QString &name)
{
    quint64 hash = 0xcbf29ce484222325ULL;
    for (const char c : name.toUtf8()) {
        hash ^= quint64(quint8(c));
        hash *= 0x100000001b3ULL;
    }
    return hash;
}

enum class Stream : quint64 { Training = 1, Dropout = 2, Aggregation = 3 };

quint64 streamSeed(quint64 runSeed, Stream stream, int round, quint64 venue = 0)
{
    return splitMix64(splitMix64(splitMix64(runSeed ^ (quint64(stream) << 56)) + quint64(round)) + venue);
}

double learningRateOf(const FederatedRunConfig &config, int round)
{
    return config.baseLearningRate * std::pow(config.learningRateDecay, double(round));
}

LocalTrainingSpec trainingSpec(const FederatedRunConfig &config, int round, const QString &venue)
{
    LocalTrainingSpec spec;
    spec.epochs = config.epochs;
    spec.round = round;
    spec.baseLearningRate = config.baseLearningRate;
    spec.decay = config.learningRateDecay;
    spec.batchSize = config.batchSize;
    spec.weightDecay = config.weightDecay;
    spec.seed = streamSeed(config.seed, Stream::Training, round, nameHash(venue));
    return spec;
}

// ---- Parallel work ---------------------------------------------------------------------------

// Runs `tasks` on `pool` and returns when every one has finished, calling `poll` on this thread about
// every 50 ms meanwhile (to notice a cancel or a deadline and tell the tasks). Never returns while a
// task still runs, so nothing a task refers to can go away under it.
void runAndWait(QThreadPool &pool, const std::vector<std::function<void()>> &tasks, const std::function<void()> &poll = {})
{
    struct Sync
    {
        QMutex mutex;
        QWaitCondition changed;
        size_t finished = 0;
    };
    auto sync = std::make_shared<Sync>();
    for (const std::function<void()> &task : tasks) {
        pool.start([sync, task] {
            task();   // tasks catch their own exceptions: a pool thread must never see one
            QMutexLocker lock(&sync->mutex);
            ++sync->finished;
            sync->changed.wakeAll();
        });
    }
    for (;;) {
        {
            QMutexLocker lock(&sync->mutex);
            if (sync->finished == tasks.size())
                return;
            sync->changed.wait(&sync->mutex, 50);
            if (sync->finished == tasks.size())
                return;
        }
        if (poll)
            poll();
    }
}

QThreadPool *newPool(int parallel)
{
    auto *pool = new QThreadPool;
    pool->setMaxThreadCount(parallel > 0 ? parallel : std::max(1, QThread::idealThreadCount()));
    return pool;
}

// ---- Evaluation ------------------------------------------------------------------------------

struct Evaluation
{
    QVector<double> venueRmse;   // per dataset, in order
    double pooledRmse = 0;
};

Result<Evaluation> evaluate(const FederatedModelBackend &backend, const ModelParameters &parameters,
                            const QList<VenueDataset> &datasets)
{
    Evaluation evaluation;
    double pooledSum = 0;
    qint64 pooledCount = 0;
    for (const VenueDataset &data : datasets) {
        const QVector<float> targets = data.heldOutTargets();
        Result<QVector<float>> predictions = backend.predict(parameters, data.heldOutFeatures());
        if (!predictions)
            return Error::make(predictions.error().kind,
                               tr("The global model could not be evaluated on %1: %2").arg(data.venue, predictions.error().message),
                               predictions.error().detail);
        if (predictions->size() != targets.size() || targets.isEmpty())
            return Error::make(Error::Kind::Model,
                               tr("The global model gave %1 predictions for the %2 held-out samples of %3.")
                                   .arg(predictions->size()).arg(targets.size()).arg(data.venue));
        double sum = 0;
        for (qsizetype i = 0; i < targets.size(); ++i) {
            const double e = double((*predictions)[i]) - double(targets[i]);
            sum += e * e;
        }
        evaluation.venueRmse.append(std::sqrt(sum / double(targets.size())));
        pooledSum += sum;
        pooledCount += targets.size();
    }
    evaluation.pooledRmse = pooledCount > 0 ? std::sqrt(pooledSum / double(pooledCount)) : 0;
    return evaluation;
}

// One sampled venue's local training, shared between the coordinating thread and the pool thread.
struct VenueJob
{
    int index = 0;                        // in the run's datasets
    QString venue;
    LocalTrainingSpec spec;
    bool dropDrawn = false;               // the seeded dropout draw says this venue disconnects
    double dropShare = 0;                 // … after this share of its training
    qint64 dropAfterChecks = 0;           // mini-batches it trains before it disconnects
    std::atomic<bool> stop{false};        // set by the coordinating thread: cancel or deadline
    std::atomic<bool> finished{false};
    bool timedOut = false;                // decided on the coordinating thread
    bool reported = false;                // progress sent (coordinating thread)
    std::optional<Result<LocalTrainingOutcome>> outcome;   // written once by the pool thread
};

} // namespace

// ---- The process-wide backend ----------------------------------------------------------------

namespace {
std::mutex &backendMutex()
{
    static std::mutex mutex;
    return mutex;
}
std::shared_ptr<const FederatedModelBackend> &backendSlot()
{
    static std::shared_ptr<const FederatedModelBackend> backend;
    return backend;
}
} // namespace

void setFederatedModelBackend(std::shared_ptr<const FederatedModelBackend> backend)
{
    std::lock_guard<std::mutex> lock(backendMutex());
    backendSlot() = std::move(backend);
}

std::shared_ptr<const FederatedModelBackend> federatedModelBackend()
{
    std::lock_guard<std::mutex> lock(backendMutex());
    return backendSlot();
}

// ---- FederatedCoordinator --------------------------------------------------------------------

struct FederatedCoordinator::Impl
{
    explicit Impl(const FederatedRunConfig &config)
        : pool(newPool(config.parallelVenues)), monitor(config.minRelativeImprovement, config.patience)
    {
    }
    std::unique_ptr<QThreadPool> pool;   // venues' training; its destructor waits for every task
    ConvergenceMonitor monitor;
    bool prepared = false;
};

FederatedCoordinator::FederatedCoordinator(FederatedRunConfig config, std::shared_ptr<const FederatedModelBackend> backend,
                                           RoundStore *store, ModelRegistry *registry)
    : m_config(std::move(config)), m_backend(std::move(backend)), m_store(store), m_registry(registry),
      d(std::make_unique<Impl>(m_config))
{
}

FederatedCoordinator::~FederatedCoordinator() = default;

Status FederatedCoordinator::prepare(const Canceled &canceled)
{
    d->prepared = false;
    if (!m_backend)
        return Error::make(Error::Kind::Usage, tr("Federated rounds need a model, and this build has no model library."));
    if (Status valid = m_config.validate(); !valid)
        return valid;

    // Each venue's features take a second or two; build them side by side.
    const int n = int(m_config.venues.size());
    std::vector<std::optional<Result<VenueDataset>>> built(static_cast<size_t>(n));
    std::vector<std::function<void()>> tasks;
    for (int i = 0; i < n; ++i) {
        tasks.push_back([this, &built, i] {
            try {
                built[size_t(i)] = buildVenueDataset(m_config.venues[i]);
            } catch (const std::exception &e) {
                built[size_t(i)] = Error::make(Error::Kind::Generic, tr("Building the data failed."), QString::fromLocal8Bit(e.what()));
            }
        });
    }
    runAndWait(*d->pool, tasks);
    if (canceled && canceled())
        return Error::canceled();

    QList<VenueDataset> datasets;
    for (int i = 0; i < n; ++i) {
        Result<VenueDataset> &result = *built[size_t(i)];
        if (!result)
            return Error::make(result.error().kind,
                               tr("The venue %1's data could not be prepared: %2").arg(m_config.venues[i].name, result.error().message),
                               result.error().detail);
        datasets.append(std::move(result.value()));
    }

    ModelParameters initial = m_backend->initialParameters(m_config.seed);
    if (m_config.initialVersion > 0) {
        if (!m_registry)
            return Error::make(Error::Kind::Usage,
                               tr("Starting from model version %1 needs the model registry.").arg(m_config.initialVersion));
        Result<ModelVersion> version = m_registry->load(m_config.initialVersion);
        if (!version)
            return Error::make(version.error().kind,
                               tr("Cannot start from model version %1: %2").arg(m_config.initialVersion).arg(version.error().message),
                               version.error().detail);
        if (Status fits = sameLayout(initial, version->parameters); !fits)
            return Error::make(Error::Kind::Usage,
                               tr("Model version %1 is not a %2 model, so rounds cannot start from it.")
                                   .arg(m_config.initialVersion)
                                   .arg(m_backend->modelName()),
                               fits.error().message);
        initial = version->parameters;
        qCInfo(lcFederated) << "federated run starts from registry version" << m_config.initialVersion;
    }

    m_datasets = std::move(datasets);
    m_global = std::move(initial);
    d->monitor = ConvergenceMonitor(m_config.minRelativeImprovement, m_config.patience);
    d->prepared = true;
    for (const VenueDataset &data : m_datasets)
        qCDebug(lcFederated) << "venue" << data.venue << "samples" << data.sampleCount() << "train" << data.trainCount
                             << "held out" << data.heldOutCount();
    return {};
}

Result<FederatedRoundRecord> FederatedCoordinator::runRound(int round, const Canceled &canceled, const ProgressSink &progress)
{
    if (!d->prepared)
        return Error::make(Error::Kind::Usage, tr("The coordinator has no venue data yet: prepare it before running rounds."));
    if (round < 0)
        return Error::make(Error::Kind::Usage, tr("Round numbers start at 0."), QStringLiteral("round=%1").arg(round));

    QElapsedTimer roundTimer;
    roundTimer.start();
    const int rounds = std::max(1, m_config.rounds);
    const auto report = [&](const QString &venue, const QString &text, double share) {
        if (!progress)
            return;
        CoordinatorProgress p;
        p.round = round;
        p.rounds = m_config.rounds;
        p.venue = venue;
        p.text = text;
        p.fraction = std::clamp((double(round) + std::clamp(share, 0.0, 1.0)) / double(rounds), 0.0, 1.0);
        progress(p);
    };

    FederatedRoundRecord record;
    record.runId = m_runId;
    record.round = round;
    record.startedAt = QDateTime::currentDateTimeUtc();
    record.learningRate = learningRateOf(m_config, round);
    QStringList names;
    for (const VenueDataset &data : m_datasets) {
        VenueRoundRecord venue;
        venue.venue = data.venue;
        record.venues.append(venue);
        names.append(data.venue);
    }

    // Evaluates the (new or kept) global model on every venue and persists the record.
    const auto finish = [&](const ModelParameters &global) -> Result<FederatedRoundRecord> {
        Result<Evaluation> evaluation = evaluate(*m_backend, global, m_datasets);
        if (!evaluation)
            return evaluation.error();
        for (int i = 0; i < record.venues.size(); ++i)
            record.venues[i].globalRmse = evaluation->venueRmse[i];
        record.globalRmse = evaluation->pooledRmse;
        record.globalLoss = evaluation->pooledRmse * evaluation->pooledRmse;
        record.durationSeconds = roundTimer.nsecsElapsed() / 1e9;
        return record;
    };
    const auto persist = [&]() -> Status {
        record.durationSeconds = roundTimer.nsecsElapsed() / 1e9;
        if (m_store && m_runId > 0) {
            if (Status saved = m_store->saveRound(record); !saved)
                return Error::make(saved.error().kind, tr("Round %1 could not be stored: %2").arg(round + 1).arg(saved.error().message),
                                   saved.error().detail);
        }
        return {};
    };
    const auto skip = [&](const QString &reason) -> Result<FederatedRoundRecord> {
        record.state = FederatedRoundRecord::State::Skipped;
        record.reason = reason;
        Result<FederatedRoundRecord> finished = finish(m_global);
        if (!finished)
            return finished;
        if (Status saved = persist(); !saved)
            return saved.error();
        qCInfo(lcFederated).noquote() << "federated round" << round + 1 << "skipped:" << reason;
        return record;
    };

    // 1. Sampling.
    report({}, tr("Round %1: sampling venues.").arg(round + 1), 0);
    Result<QStringList> sampled = sampleVenues(names, m_config.fraction, m_config.minVenues, m_config.seed, round);
    if (!sampled)
        return skip(sampled.error().message);
    record.sampledVenues = int(sampled->size());

    // 2. Local training, venues in parallel; dropouts drawn here so they are the same on every run.
    std::vector<std::shared_ptr<VenueJob>> jobs;
    for (int i = 0; i < m_datasets.size(); ++i) {
        if (!sampled->contains(m_datasets[i].venue))
            continue;
        auto job = std::make_shared<VenueJob>();
        job->index = i;
        job->venue = m_datasets[i].venue;
        job->spec = trainingSpec(m_config, round, job->venue);
        std::mt19937_64 draw(streamSeed(m_config.seed, Stream::Dropout, round, nameHash(job->venue)));
        const double u = uniform01(draw);
        job->dropShare = uniform01(draw);
        job->dropDrawn = m_config.dropoutProbability > 0 && u < m_config.dropoutProbability;
        // The backend asks "canceled?" before every mini-batch: stopping after that share of the checks
        // is stopping after that share of the training.
        const qint64 batchesPerEpoch = (m_datasets[i].trainCount + std::max(1, m_config.batchSize) - 1) / std::max(1, m_config.batchSize);
        const qint64 batches = std::max<qint64>(1, batchesPerEpoch * m_config.epochs);
        job->dropAfterChecks = std::min(batches - 1, qint64(std::floor(job->dropShare * double(batches))));
        record.venues[i].status = VenueRoundRecord::Status::Accepted;   // sampled; settled below
        jobs.push_back(job);
    }
    report({}, tr("Round %1: %2 venues train locally.").arg(round + 1).arg(jobs.size()), 0.02);

    const auto global = std::make_shared<const ModelParameters>(m_global);
    const std::shared_ptr<const FederatedModelBackend> backend = m_backend;
    std::vector<std::function<void()>> tasks;
    for (const std::shared_ptr<VenueJob> &job : jobs) {
        const VenueDataset *data = &m_datasets[job->index];
        tasks.push_back([job, global, backend, data] {
            qint64 checks = 0;
            const std::function<bool()> stop = [&job, &checks]() -> bool {
                if (job->stop.load())
                    return true;
                if (job->dropDrawn && ++checks > job->dropAfterChecks)
                    return true;
                return false;
            };
            Result<LocalTrainingOutcome> outcome = Error::make(Error::Kind::Generic, tr("The local training did not run."));
            try {
                outcome = backend->trainLocally(*global, *data, job->spec, stop);
            } catch (const std::exception &e) {
                outcome = Error::make(Error::Kind::Model, tr("The local training failed."), QString::fromLocal8Bit(e.what()));
            } catch (...) {
                outcome = Error::make(Error::Kind::Model, tr("The local training failed."));
            }
            job->outcome = std::move(outcome);
            job->finished = true;
        });
    }

    bool runCanceled = false;
    bool deadlinePassed = false;
    QElapsedTimer trainingTimer;
    trainingTimer.start();
    int reportedCount = 0;
    const auto poll = [&] {
        for (const std::shared_ptr<VenueJob> &job : jobs) {
            if (job->reported || !job->finished.load())
                continue;
            job->reported = true;
            ++reportedCount;
            report(job->venue, tr("%1 finished its local training.").arg(job->venue),
                   0.05 + 0.8 * double(reportedCount) / double(std::max<size_t>(1, jobs.size())));
        }
        if (!runCanceled && canceled && canceled()) {
            runCanceled = true;
            for (const std::shared_ptr<VenueJob> &job : jobs)
                job->stop = true;
        }
        if (!deadlinePassed && m_config.roundTimeoutSeconds > 0
            && trainingTimer.nsecsElapsed() / 1e9 > m_config.roundTimeoutSeconds) {
            deadlinePassed = true;
            for (const std::shared_ptr<VenueJob> &job : jobs) {
                if (!job->finished.load()) {
                    job->timedOut = true;
                    job->stop = true;
                }
            }
        }
    };
    runAndWait(*d->pool, tasks, poll);
    poll();   // the last completions' progress
    if (runCanceled || (canceled && canceled()))
        return Error::canceled();

    // Who reported, and who dropped out (with the reason).
    struct Reported
    {
        int index;
        LocalTrainingOutcome outcome;
        ModelParameters sent;   // what the venue sends the hub (the tamper seam may change it)
    };
    QList<Reported> reporting;
    for (const std::shared_ptr<VenueJob> &job : jobs) {
        VenueRoundRecord &venue = record.venues[job->index];
        const Result<LocalTrainingOutcome> &outcome = *job->outcome;
        const auto dropOut = [&venue](const QString &reason) {
            venue.status = VenueRoundRecord::Status::DroppedOut;
            venue.reason = reason;
        };
        if (job->timedOut)
            dropOut(tr("It did not report within the round's deadline of %1 s.").arg(num(m_config.roundTimeoutSeconds)));
        else if (job->dropDrawn)   // it never reports, even if its training got to the end first
            dropOut(tr("It dropped out after %1 % of its local training (simulated disconnection).")
                        .arg(QString::number(job->dropShare * 100, 'f', 0)));
        else if (!outcome)
            dropOut(tr("Its local training failed: %1").arg(outcome.error().message));
        if (venue.status == VenueRoundRecord::Status::DroppedOut) {
            qCDebug(lcFederated).noquote() << "round" << round + 1 << job->venue << "dropped out:" << venue.reason;
            continue;
        }
        Reported r{job->index, *outcome, outcome->parameters};
        if (m_tamper)
            m_tamper(job->venue, round, r.sent);
        venue.localTrainLoss = r.outcome.trainLoss;
        venue.localRmse = r.outcome.heldOutRmse;
        venue.trainSamples = r.outcome.samples;
        venue.trainSeconds = r.outcome.seconds;
        if (Result<double> norm = l2Distance(r.sent, m_global); norm && std::isfinite(*norm))
            venue.updateNorm = *norm;
        reporting.append(std::move(r));
    }
    record.reportingVenues = int(reporting.size());
    if (reporting.size() < m_config.minVenues) {
        const QString reason = tr("Only %1 of the %2 sampled venues reported, and a round needs at least %3; the global model is kept.")
                                   .arg(reporting.size())
                                   .arg(jobs.size())
                                   .arg(m_config.minVenues);
        for (const Reported &r : reporting) {
            record.venues[r.index].status = VenueRoundRecord::Status::Rejected;
            record.venues[r.index].reason = tr("Not aggregated: the round was skipped because too few venues reported.");
        }
        return skip(reason);
    }

    // 3. Each reporting venue trades the round's window with its own model; FRY alpha weighs it.
    report({}, tr("Round %1: the venues trade and are weighed.").arg(round + 1), 0.86);
    QList<VenueMetrics> metrics;
    QList<int> traded;   // indices into `reporting`
    for (int k = 0; k < reporting.size(); ++k) {
        const Reported &r = reporting[k];
        const VenueDataset &data = m_datasets[r.index];
        VenueRoundRecord &venue = record.venues[r.index];
        Result<QVector<float>> predictions = m_backend->predict(r.outcome.parameters, data.heldOutFeatures());
        if (!predictions) {
            venue.status = VenueRoundRecord::Status::Rejected;
            venue.reason = tr("Its model could not predict its held-out hedge ratios: %1").arg(predictions.error().message);
            continue;
        }
        Result<VenueTradingResult> trading = simulateVenueTrading(data, *predictions, round, m_config.trading);
        if (!trading) {
            venue.status = VenueRoundRecord::Status::Rejected;
            venue.reason = tr("Its simulated trading failed: %1").arg(trading.error().message);
            continue;
        }
        venue.trading = *trading;
        VenueMetrics m = trading->metrics();
        m.venue = venue.venue;
        metrics.append(m);
        traded.append(k);
    }

    QList<VenueUpdate> updates;
    QList<int> updateIndex;   // dataset index of each update
    if (!metrics.isEmpty()) {
        Result<FryAlphaRound> weights = computeFryAlpha(metrics, m_config.fryAlpha);
        if (!weights) {
            // No venue earned a weight: nothing can be averaged, but the round and its reasons are kept.
            record.reason = tr("No venue earned a FRY-alpha weight (%1); the global model is kept.").arg(weights.error().message);
            for (int k : traded) {
                VenueRoundRecord &venue = record.venues[reporting[k].index];
                venue.status = VenueRoundRecord::Status::Rejected;
                venue.reason = tr("No FRY-alpha weight: %1").arg(weights.error().message);
            }
            qCWarning(lcFederated).noquote() << "federated round" << round + 1 << record.reason;
        } else {
            for (int j = 0; j < traded.size(); ++j) {
                const Reported &r = reporting[traded[j]];
                VenueRoundRecord &venue = record.venues[r.index];
                const FryAlphaBreakdown &breakdown = weights->venues[j];
                venue.fryAlpha = breakdown;
                if (!(breakdown.weight > 0)) {
                    venue.status = VenueRoundRecord::Status::Rejected;
                    venue.reason = breakdown.invalidReason.isEmpty()
                                       ? tr("Its FRY-alpha weight is zero.")
                                       : tr("Its metrics were not usable: %1").arg(breakdown.invalidReason);
                    continue;
                }
                VenueUpdate update;
                update.venue = venue.venue;
                update.parameters = r.sent;
                update.weight = breakdown.weight;
                update.sampleCount = r.outcome.samples;
                updates.append(update);
                updateIndex.append(r.index);
            }
        }
    } else {
        record.reason = tr("No reporting venue could trade; the global model is kept.");
    }

    // 4. Robust aggregation.
    ModelParameters newGlobal = m_global;
    if (!updates.isEmpty()) {
        AggregationOptions options;
        options.normMultiplier = m_config.normMultiplier;
        if (m_config.clipNorm > 0)
            options.clipNorm = m_config.clipNorm;
        options.dpNoiseSigma = m_config.dpNoiseSigma;
        options.seed = streamSeed(m_config.seed, Stream::Aggregation, round);
        Result<AggregationResult> aggregated = aggregate(m_global, updates, options);
        if (!aggregated)
            return Error::make(aggregated.error().kind,
                               tr("Round %1 could not be aggregated: %2").arg(round + 1).arg(aggregated.error().message),
                               aggregated.error().detail);
        for (int j = 0; j < aggregated->venues.size(); ++j) {
            const VenueOutcome &outcome = aggregated->venues[j];
            VenueRoundRecord &venue = record.venues[updateIndex[j]];
            venue.updateNorm = outcome.updateNorm;
            if (outcome.accepted) {
                venue.status = VenueRoundRecord::Status::Accepted;
                venue.weight = outcome.weight;
            } else {
                venue.status = VenueRoundRecord::Status::Rejected;
                venue.reason = outcome.reason;
                qCInfo(lcFederated).noquote() << "round" << round + 1 << venue.venue << "update rejected:" << outcome.reason;
            }
        }
        record.medianNorm = aggregated->medianNorm;
        record.noiseStd = aggregated->noiseStd;
        if (aggregated->updated)
            newGlobal = aggregated->parameters;
        else
            record.reason = aggregated->keptReason;
    }
    double weightSum = 0;
    int accepted = 0;
    for (const VenueRoundRecord &venue : std::as_const(record.venues)) {
        if (venue.status == VenueRoundRecord::Status::Accepted && venue.weight > 0) {
            weightSum += venue.fryAlpha.rawWeight;   // normalised weights always average 1/n
            ++accepted;
        }
    }
    record.meanWeight = accepted > 0 ? weightSum / accepted : 0;

    // 5. Evaluation, registry, store.
    report({}, tr("Round %1: evaluating the global model.").arg(round + 1), 0.92);
    Result<FederatedRoundRecord> finished = finish(newGlobal);
    if (!finished)
        return finished;
    record.state = FederatedRoundRecord::State::Completed;

    if (m_registry) {
        QJsonObject venueRmse;
        for (const VenueRoundRecord &venue : std::as_const(record.venues))
            venueRmse.insert(venue.venue, venue.globalRmse);
        QJsonObject versionMetrics{{QStringLiteral("global_rmse"), record.globalRmse},
                                   {QStringLiteral("venue_rmse"), venueRmse},
                                   {QStringLiteral("round"), round}};
        QStringList regimes;
        for (const VenueRoundRecord &venue : std::as_const(record.venues)) {
            if (venue.trading && !regimes.contains(regimeKey(venue.trading->regime)))
                regimes.append(regimeKey(venue.trading->regime));
        }
        Result<ModelVersion> version = m_registry->add(round, newGlobal, versionMetrics, regimes,
                                                       tr("Run %1, round %2").arg(m_runId).arg(round + 1));
        if (!version)
            return Error::make(version.error().kind,
                               tr("Round %1's model could not be added to the registry: %2").arg(round + 1).arg(version.error().message),
                               version.error().detail);
        record.modelVersion = version->version;
    }
    m_global = std::move(newGlobal);

    // 6. Early stopping.
    if (m_config.earlyStopping && d->monitor.addRound(record.globalLoss)) {
        record.converged = true;
        record.reason = record.reason.isEmpty() ? d->monitor.reason() : QString(record.reason + QLatin1Char(' ') + d->monitor.reason());
    }
    if (Status saved = persist(); !saved)
        return saved.error();

    qCInfo(lcFederated).noquote() << "federated round" << round + 1 << "of" << m_config.rounds << ":" << accepted << "of"
                                  << record.sampledVenues << "venues aggregated, global RMSE" << num(record.globalRmse, 5)
                                  << QStringLiteral("(%1 s)").arg(num(record.durationSeconds, 3));
    report({}, tr("Round %1 done: global RMSE %2.").arg(round + 1).arg(num(record.globalRmse)), 1);
    return record;
}

Result<FederatedRunRecord> FederatedCoordinator::run(const Canceled &canceled, const RoundSink &onRound,
                                                     const ProgressSink &progress)
{
    m_runId = 0;
    if (!d->prepared) {
        if (Status prepared = prepare(canceled); !prepared)
            return prepared.error();
    }
    d->monitor = ConvergenceMonitor(m_config.minRelativeImprovement, m_config.patience);

    FederatedRunRecord run;
    run.startedAt = QDateTime::currentDateTimeUtc();
    run.config = m_config.toJson();
    run.venues = m_config.venueNames();
    run.plannedRounds = m_config.rounds;
    if (m_store) {
        Result<qint64> id = m_store->beginRun(m_config, m_config.rounds);
        if (!id)
            return Error::make(id.error().kind, tr("The run could not be recorded: %1").arg(id.error().message), id.error().detail);
        m_runId = *id;
    }
    run.runId = m_runId;
    qCInfo(lcFederated).noquote() << "federated run" << m_runId << "starts:" << run.venues.join(QStringLiteral(", ")) << ","
                                  << m_config.rounds << "rounds," << m_backend->modelName();

    const auto end = [&](FederatedRunRecord::State state, const QString &reason) -> Status {
        run.state = state;
        run.reason = reason;
        run.finishedAt = QDateTime::currentDateTimeUtc();
        if (m_store) {
            if (Status finished = m_store->finishRun(m_runId, state, reason, run.bestModelVersion, run.bestGlobalRmse); !finished)
                return finished;
        }
        qCInfo(lcFederated).noquote() << "federated run" << m_runId << runStateKey(state) << reason;
        return {};
    };

    int completed = 0;
    for (int round = 0; round < m_config.rounds; ++round) {
        if (canceled && canceled()) {
            (void)end(FederatedRunRecord::State::Stopped, tr("Stopped after %1 of %2 rounds.").arg(round).arg(m_config.rounds));
            return Error::canceled();
        }
        QElapsedTimer timer;
        timer.start();
        const QDateTime started = QDateTime::currentDateTimeUtc();
        Result<FederatedRoundRecord> record = runRound(round, canceled, progress);
        if (!record) {
            if (record.error().kind == Error::Kind::Canceled) {
                (void)end(FederatedRunRecord::State::Stopped,
                          tr("Stopped during round %1 of %2.").arg(round + 1).arg(m_config.rounds));
                return Error::canceled();
            }
            // The failed round is recorded too, so the dashboard shows where and why the run ended.
            FederatedRoundRecord failed;
            failed.runId = m_runId;
            failed.round = round;
            failed.state = FederatedRoundRecord::State::Failed;
            failed.reason = record.error().message;
            failed.startedAt = started;
            failed.durationSeconds = timer.nsecsElapsed() / 1e9;
            failed.learningRate = learningRateOf(m_config, round);
            for (const VenueDataset &data : std::as_const(m_datasets)) {
                VenueRoundRecord venue;
                venue.venue = data.venue;
                failed.venues.append(venue);
            }
            if (m_store && m_runId > 0) {
                if (Status saved = m_store->saveRound(failed); !saved)
                    qCWarning(lcFederated).noquote() << "the failed round could not be stored:" << saved.error().toString();
            }
            if (!m_store)
                run.rounds.append(failed);
            if (onRound)
                onRound(failed);
            (void)end(FederatedRunRecord::State::Failed, tr("Round %1 failed: %2").arg(round + 1).arg(record.error().message));
            return record.error();
        }
        if (record->state == FederatedRoundRecord::State::Completed) {
            ++completed;
            if (completed == 1 || record->globalRmse < run.bestGlobalRmse) {
                run.bestGlobalRmse = record->globalRmse;
                run.bestModelVersion = record->modelVersion;
            }
        }
        if (!m_store)
            run.rounds.append(*record);
        if (onRound)
            onRound(*record);
        if (record->converged) {
            if (Status ended = end(FederatedRunRecord::State::Converged, d->monitor.reason()); !ended)
                return ended.error();
            return run;
        }
    }
    if (Status ended = end(FederatedRunRecord::State::Finished,
                           tr("%1 of %2 rounds completed.").arg(completed).arg(m_config.rounds));
        !ended)
        return ended.error();
    return run;
}

// ---- Single-venue baselines ------------------------------------------------------------------

Result<QList<SingleVenueBaseline>> trainSingleVenueBaselines(const FederatedRunConfig &config,
                                                            const QList<VenueDataset> &datasets,
                                                            const FederatedModelBackend &backend,
                                                            const std::function<bool()> &canceled)
{
    if (Status valid = config.validate(); !valid)
        return valid.error();
    if (datasets.isEmpty())
        return Error::make(Error::Kind::Usage, tr("The baselines need the venues' data sets."));

    // Each venue trains alone for the federation's whole budget, on the pool's threads.
    std::atomic<bool> stop{false};
    std::vector<std::optional<Result<ModelParameters>>> trained(static_cast<size_t>(datasets.size()));
    std::vector<std::function<void()>> tasks;
    for (int i = 0; i < datasets.size(); ++i) {
        tasks.push_back([&, i] {
            const VenueDataset &data = datasets[i];
            const std::function<bool()> stopped = [&stop] { return stop.load(); };
            ModelParameters parameters = backend.initialParameters(config.seed);
            try {
                for (int round = 0; round < config.rounds; ++round) {
                    Result<LocalTrainingOutcome> outcome = backend.trainLocally(parameters, data, trainingSpec(config, round, data.venue), stopped);
                    if (!outcome) {
                        trained[size_t(i)] = outcome.error();
                        return;
                    }
                    parameters = std::move(outcome->parameters);
                }
                trained[size_t(i)] = parameters;
            } catch (const std::exception &e) {
                trained[size_t(i)] = Error::make(Error::Kind::Model, tr("The local training failed."), QString::fromLocal8Bit(e.what()));
            }
        });
    }
    std::unique_ptr<QThreadPool> pool(newPool(config.parallelVenues));
    runAndWait(*pool, tasks, [&] {
        if (canceled && canceled())
            stop = true;
    });
    if (stop.load() || (canceled && canceled()))
        return Error::canceled();

    QList<SingleVenueBaseline> baselines;
    for (int i = 0; i < datasets.size(); ++i) {
        const Result<ModelParameters> &parameters = *trained[size_t(i)];
        if (!parameters)
            return Error::make(parameters.error().kind,
                               tr("The baseline trained on %1 alone failed: %2").arg(datasets[i].venue, parameters.error().message),
                               parameters.error().detail);
        Result<Evaluation> evaluation = evaluate(backend, *parameters, datasets);
        if (!evaluation)
            return evaluation.error();
        SingleVenueBaseline baseline;
        baseline.trainedOn = datasets[i].venue;
        for (int j = 0; j < datasets.size(); ++j)
            baseline.venueRmse.insert(datasets[j].venue, evaluation->venueRmse[j]);
        baseline.pooledRmse = evaluation->pooledRmse;
        baselines.append(baseline);
    }
    return baselines;
}

} // namespace apedesk::federated
