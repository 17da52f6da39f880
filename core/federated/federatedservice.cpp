#include "federatedservice.h"

#include "common/logging.h"
#include "common/paths.h"
#include "coordinator.h"
#include "roundstore.h"

#include <QDeadlineTimer>
#include <QThread>

namespace apedesk {

using federated::FederatedRoundRecord;
using federated::FederatedRunConfig;
using federated::FederatedRunRecord;
using federated::ModelRegistry;
using federated::ModelVersion;
using federated::RoundStore;

// The service thread's own connections (the run thread opens its own: one connection per thread).
struct FederatedService::Stores
{
    RoundStore rounds;
    ModelRegistry registry;
};

FederatedService::FederatedService(QString databasePath, QObject *parent)
    : Service(QStringLiteral("FederatedService"), parent), m_databasePath(std::move(databasePath))
{
    qRegisterMetaType<FederatedRunState>();
    qRegisterMetaType<FederatedRoundRecord>();
    qRegisterMetaType<FederatedRunRecord>();
    qRegisterMetaType<FederatedRunConfig>();
    qRegisterMetaType<ModelVersion>();
    qRegisterMetaType<QList<FederatedRunRecord>>();
    qRegisterMetaType<QList<ModelVersion>>();
}

FederatedService::~FederatedService()
{
    stopRunThread(QDeadlineTimer(2000));
    delete m_stores;
}

QString FederatedService::databasePath() const
{
    return m_databasePath.isEmpty() ? Paths::database() : m_databasePath;
}

void FederatedService::onStarted()
{
    if (Status opened = openStores(); !opened) {
        setStatus(ServiceStatus::State::Failed, opened.error().message);
        return;
    }
    // Only this process runs the app's federated rounds: a run still marked running was cut short.
    if (Result<int> interrupted = m_stores->rounds.markInterruptedRuns(); !interrupted)
        qCWarning(lcFederated) << "could not mark interrupted runs:" << interrupted.error().toString();
    else if (*interrupted > 0)
        qCInfo(lcFederated) << *interrupted << "federated run(s) were interrupted by the last exit";
    setStatus(ServiceStatus::State::Idle, federated::federatedModelBackend()
                                              ? tr("No federated run in progress.")
                                              : tr("Federated training needs the model library, which this build lacks."));
}

void FederatedService::onStopping()
{
    stopRunThread(QDeadlineTimer(1500));
}

Status FederatedService::openStores()
{
    if (m_stores)
        return {};
    auto stores = std::make_unique<Stores>();
    const QString path = databasePath();
    if (Status opened = stores->rounds.open(path); !opened)
        return opened;
    if (Status opened = stores->registry.open(path); !opened)
        return opened;
    m_stores = stores.release();
    return {};
}

FederatedRunState FederatedService::state() const
{
    QMutexLocker lock(&m_stateMutex);
    return m_state;
}

void FederatedService::setState(const FederatedRunState &state)
{
    {
        QMutexLocker lock(&m_stateMutex);
        m_state = state;
    }
    Q_EMIT stateChanged(state);
}

void FederatedService::startRun(const FederatedRunConfig &config)
{
    if (m_busy.exchange(true)) {
        const FederatedRunState current = state();
        Q_EMIT runFinished(0, false,
                           Error::make(Error::Kind::Usage, tr("A federated run is already in progress (run %1): stop it first.")
                                                               .arg(current.runId)),
                           {});
        return;
    }
    const auto backend = federated::federatedModelBackend();
    std::optional<Error> refusal;
    if (!backend)
        refusal = Error::make(Error::Kind::Usage, tr("Federated training needs the model library, which this build lacks."));
    else if (Status valid = config.validate(); !valid)
        refusal = valid.error();
    else if (isStopping())
        refusal = Error::make(Error::Kind::Canceled, tr("The app is closing."));
    if (refusal) {
        m_busy = false;
        Q_EMIT runFinished(0, false, *refusal, {});
        return;
    }
    stopRunThread(QDeadlineTimer(2000));   // reap the thread of an earlier run (it has ended or is ending)
    m_stop = false;
    FederatedRunState preparing;
    preparing.phase = FederatedRunState::Phase::Preparing;
    preparing.rounds = config.rounds;
    preparing.text = tr("Building the venues' data…");
    setState(preparing);
    setStatus(ServiceStatus::State::Busy, preparing.text);

    QMutexLocker lock(&m_threadMutex);
    m_runThread = QThread::create([this, config, backend] { runOnThread(config, backend); });
    m_runThread->setObjectName(QStringLiteral("FederatedRun"));
    m_runThread->start();
}

void FederatedService::stopRun()
{
    if (!m_busy.load())
        return;
    m_stop = true;
    FederatedRunState stopping = state();
    if (stopping.phase != FederatedRunState::Phase::Idle) {
        stopping.phase = FederatedRunState::Phase::Stopping;
        stopping.text = tr("Stopping after the venues' current batch…");
        setState(stopping);
    }
}

bool FederatedService::stopRunThread(QDeadlineTimer deadline)
{
    QMutexLocker lock(&m_threadMutex);
    if (!m_runThread)
        return true;
    m_stop = true;
    if (!m_runThread->wait(deadline)) {
        qCWarning(lcFederated) << "the federated run did not stop in time";
        return false;
    }
    delete m_runThread;
    m_runThread = nullptr;
    return true;
}

// The run thread: its own store and registry connections, the coordinator, and the signals.
void FederatedService::runOnThread(const FederatedRunConfig &config,
                                   std::shared_ptr<const federated::FederatedModelBackend> backend)
{
    const auto canceled = [this] { return m_stop.load() || isStopping(); };
    const auto finish = [this](qint64 runId, bool ok, const Error &error, const FederatedRunRecord &record, const QString &text) {
        FederatedRunState idle;
        idle.runId = runId;
        idle.text = text;
        setState(idle);
        setStatus(ServiceStatus::State::Idle, text);
        m_busy = false;
        Q_EMIT runFinished(runId, ok, error, record);
    };

    RoundStore store;
    ModelRegistry registry;
    const QString path = databasePath();
    Status opened = store.open(path);
    if (opened)
        opened = registry.open(path);
    if (!opened) {
        finish(0, false, opened.error(), {}, tr("The federated run could not open its database: %1").arg(opened.error().message));
        return;
    }

    federated::FederatedCoordinator coordinator(config, backend, &store, &registry);
    if (Status prepared = coordinator.prepare(canceled); !prepared) {
        const bool stopped = prepared.error().kind == Error::Kind::Canceled;
        finish(0, stopped, stopped ? Error() : prepared.error(), {},
               stopped ? tr("The federated run was stopped before its first round.")
                       : tr("The federated run could not start: %1").arg(prepared.error().message));
        return;
    }

    bool announced = false;
    const auto announce = [&] {
        if (announced || coordinator.runId() == 0)
            return;
        announced = true;
        if (Result<FederatedRunRecord> record = store.loadRun(coordinator.runId()))
            Q_EMIT runStarted(*record);
    };
    const auto onProgress = [&](const federated::CoordinatorProgress &progress) {
        announce();
        FederatedRunState running;
        running.phase = m_stop.load() ? FederatedRunState::Phase::Stopping : FederatedRunState::Phase::Running;
        running.runId = coordinator.runId();
        running.round = progress.round;
        running.rounds = progress.rounds;
        running.fraction = progress.fraction;
        running.text = progress.text;
        setState(running);
    };
    const auto onRound = [&](const FederatedRoundRecord &round) {
        announce();
        Q_EMIT roundFinished(round);
        setStatus(ServiceStatus::State::Busy, tr("Federated run %1: round %2 of %3 done.")
                                                  .arg(round.runId)
                                                  .arg(round.round + 1)
                                                  .arg(config.rounds));
    };

    Result<FederatedRunRecord> result = coordinator.run(canceled, onRound, onProgress);
    announce();
    const qint64 runId = coordinator.runId();
    FederatedRunRecord record;
    if (result)
        record = *result;
    if (runId != 0)
        if (Result<FederatedRunRecord> stored = store.loadRun(runId))
            record = *stored;   // with its rounds
    if (result) {
        finish(runId, true, {}, record, tr("Federated run %1 ended: %2").arg(runId).arg(runSentence(record)));
    } else if (result.error().kind == Error::Kind::Canceled) {
        finish(runId, true, {}, record, tr("Federated run %1 was stopped.").arg(runId));
    } else {
        qCWarning(lcFederated) << "federated run failed:" << result.error().toString();
        finish(runId, false, result.error(), record, tr("Federated run %1 failed: %2").arg(runId).arg(result.error().message));
    }
}

QString FederatedService::runSentence(const FederatedRunRecord &run)
{
    switch (run.state) {
    case FederatedRunRecord::State::Converged:
        return tr("converged after %n round(s).", nullptr, int(run.rounds.size()));
    case FederatedRunRecord::State::Finished:
        return tr("all %n round(s) done.", nullptr, int(run.rounds.size()));
    default:
        return run.reason.isEmpty() ? federated::runStateKey(run.state) : run.reason;
    }
}

// --- requests answered on the service thread ---

void FederatedService::onServiceThread(std::function<void(Stores &)> step)
{
    QMetaObject::invokeMethod(
        this,
        [this, step = std::move(step)] {
            if (Status opened = openStores(); !opened) {
                Q_EMIT actionFailed(opened.error());
                return;
            }
            step(*m_stores);
        },
        Qt::QueuedConnection);
}

void FederatedService::requestRuns()
{
    onServiceThread([this](Stores &stores) {
        Result<QList<FederatedRunRecord>> runs = stores.rounds.runs();
        if (!runs) {
            Q_EMIT actionFailed(runs.error());
            return;
        }
        Q_EMIT runsListed(*runs);
    });
}

void FederatedService::requestRun(qint64 runId)
{
    onServiceThread([this, runId](Stores &stores) {
        Result<FederatedRunRecord> run = stores.rounds.loadRun(runId);
        if (!run) {
            Q_EMIT actionFailed(run.error());
            return;
        }
        Q_EMIT runLoaded(*run);
    });
}

void FederatedService::requestVersions()
{
    onServiceThread([this](Stores &stores) {
        Result<QList<ModelVersion>> versions = stores.registry.list();
        if (!versions) {
            Q_EMIT actionFailed(versions.error());
            return;
        }
        Q_EMIT versionsListed(*versions);
    });
}

void FederatedService::rollbackTo(qint64 version)
{
    onServiceThread([this, version](Stores &stores) {
        if (m_busy.load()) {
            const Error refused = Error::make(Error::Kind::Usage, tr("Stop the federated run before rolling the model back."));
            Q_EMIT rolledBack(false, refused, {});
            return;
        }
        Result<ModelVersion> added = stores.registry.rollback(version, tr("Rolled back to version %1.").arg(version));
        if (!added) {
            Q_EMIT rolledBack(false, added.error(), {});
            return;
        }
        qCInfo(lcFederated) << "rolled back to version" << version << "as version" << added->version;
        Q_EMIT rolledBack(true, {}, *added);
        if (Result<QList<ModelVersion>> versions = stores.registry.list())
            Q_EMIT versionsListed(*versions);
    });
}

} // namespace apedesk
