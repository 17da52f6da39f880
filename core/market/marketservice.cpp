#include "marketservice.h"

#include "chain/networkprofile.h"
#include "common/logging.h"
#include "common/paths.h"
#include "common/settings.h"
#include "livemonitor.h"
#include "marketsimulator.h"
#include "poolmetrics.h"
#include "simulatorrunner.h"
#include "swapcollector.h"
#include "swapcsv.h"

#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QThread>
#include <QUrl>
#include <QtConcurrent>

#include <algorithm>

namespace apedesk {

using namespace market;

MarketConfig marketConfigFromSettings(const Settings &settings)
{
    MarketConfig config;
    config.databasePath = Paths::database();
    config.simulateInSandbox = settings.flag(Settings::Key::MarketSimulateInSandbox);
    config.simulator.swapsPerMinute = std::max(0.1, settings.number(Settings::Key::MarketSimulatorSwapsPerMinute));
    config.metricsWindowSeconds =
        std::max(1, settings.value(Settings::Key::MarketMetricsWindowMinutes).toInt()) * 60;
    return config;
}

MarketService::MarketService(MarketConfig config, QObject *parent)
    : Service(QStringLiteral("MarketService"), parent), m_config(std::move(config))
{
    qRegisterMetaType<apedesk::market::MarketFeed>();
    qRegisterMetaType<apedesk::ChainState>();
    m_metrics.windowSeconds = m_config.metricsWindowSeconds;
}

MarketService::~MarketService() = default;

MarketFeed MarketService::feed() const
{
    QMutexLocker lock(&m_mutex);
    return m_feed;
}

PoolMetrics MarketService::metrics() const
{
    QMutexLocker lock(&m_mutex);
    return m_metrics;
}

SimulatorState MarketService::simulatorState() const
{
    QMutexLocker lock(&m_mutex);
    return m_simulatorState;
}

CollectProgress MarketService::collectProgress() const
{
    QMutexLocker lock(&m_mutex);
    return m_progress;
}

QList<PoolSwap> MarketService::recentSwaps() const
{
    QMutexLocker lock(&m_mutex);
    return m_recent;
}

// --- requests -----------------------------------------------------------------------------------

void MarketService::followChain(const ChainState &state)
{
    QMetaObject::invokeMethod(this, [this, state] { applyChain(state); }, Qt::QueuedConnection);
}

quint64 MarketService::collect(const CollectRequest &request)
{
    const quint64 taskId = runTask(tr("Collecting swap history"), [this, request](const TaskContext &context) -> Status {
        if (!m_store) {
            const Error error = Error::make(Error::Kind::Io, tr("The swap database is not open."));
            Q_EMIT collectFinished(context.id(), false, error, CollectResult());
            return error;
        }
        CollectRequest filled = request;
        if (filled.rpcUrls.isEmpty() && !m_followedUrl.isEmpty())
            filled.rpcUrls = {m_followedUrl};
        if (filled.poolManager.isZero() && m_chain.venue && filled.poolId == m_chain.venue->poolId())
            filled.poolManager = m_chain.venue->poolManager;
        if (filled.rpcUrls.isEmpty()) {
            const Error error = Error::make(Error::Kind::Usage, tr("Give at least one RPC endpoint to collect from."));
            Q_EMIT collectFinished(context.id(), false, error, CollectResult());
            return error;
        }
        SwapCollector collector(m_store.get(), filled);
        SwapCollector::Hooks hooks;
        hooks.canceled = [this, &context] {
            return context.canceled() || context.id() <= m_collectCanceledUpTo.loadAcquire();
        };
        hooks.progress = [this, &context](const CollectProgress &progress) {
            {
                QMutexLocker lock(&m_mutex);
                m_progress = progress;
            }
            context.progress(qint64(progress.blocksDone), qint64(progress.blocksTotal), progress.text);
            Q_EMIT collectProgressChanged(progress);
        };
        auto result = collector.run(hooks);
        if (result && result->eventsStored > 0)
            bumpGeneration(collector.chain(), request.poolId);
        Q_EMIT collectFinished(context.id(), result.ok(), result ? Error() : result.error(),
                               result ? *result : CollectResult());
        if (!result)
            return result.error();
        return {};
    });
    m_collectTask.storeRelease(taskId);
    return taskId;
}

void MarketService::cancelCollect()
{
    m_collectCanceledUpTo.storeRelease(m_collectTask.loadAcquire());
}

void MarketService::startSimulator(const SimulatorConfig &config)
{
    QMetaObject::invokeMethod(this, [this, config] { startSimulatorNow(config); }, Qt::QueuedConnection);
}

void MarketService::startSimulator()
{
    QMetaObject::invokeMethod(this, [this] { startSimulatorNow(m_config.simulator); }, Qt::QueuedConnection);
}

void MarketService::stopSimulator()
{
    QMetaObject::invokeMethod(this, [this] { stopSimulatorNow(tr("Stopped.")); }, Qt::QueuedConnection);
}

void MarketService::setMetricsWindow(int seconds)
{
    QMetaObject::invokeMethod(this, [this, seconds] {
        m_config.metricsWindowSeconds = std::max(1, seconds);
        if (m_monitor)
            m_monitor->setWindowSeconds(m_config.metricsWindowSeconds);
        else
            recomputeStoredMetrics();
    }, Qt::QueuedConnection);
}

quint64 MarketService::importCsv(const QString &path)
{
    return runTask(tr("Importing %1").arg(QFileInfo(path).fileName()), [this, path](const TaskContext &context) -> Status {
        auto fail = [&](const Error &error) {
            Q_EMIT importFinished(context.id(), false, error, 0, 0);
            return error;
        };
        if (!m_store)
            return fail(Error::make(Error::Kind::Io, tr("The swap database is not open.")));
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return fail(Error::make(Error::Kind::Io, tr("%1 could not be read.").arg(QFileInfo(path).fileName()),
                                    file.errorString()));
        // The tutorial's CSV holds BASE mainnet swaps.
        auto read = readRawSwapCsv(file, chainKey(8453, false));
        if (!read)
            return fail(read.error());
        auto added = m_store->insert(read->swaps);
        if (!added)
            return fail(added.error());
        qCInfo(lcMarket) << "imported" << read->rowsRead << "rows," << *added << "new, from" << path;
        if (!read->swaps.isEmpty()) {
            const PoolSwap &first = read->swaps.first();
            const MarketFeed current = feed();
            if (!current.live)
                showStoredPool(first.chain, first.poolId, tr("Showing imported history; not following a chain."));
            else
                bumpGeneration(first.chain, first.poolId);
        }
        Q_EMIT importFinished(context.id(), true, Error(), read->rowsRead, *added);
        return {};
    });
}

quint64 MarketService::exportCsv(const QString &path, bool processed, const SwapQuery &query)
{
    return runTask(tr("Exporting %1").arg(QFileInfo(path).fileName()),
                   [this, path, processed, query](const TaskContext &context) -> Status {
        auto fail = [&](const Error &error) {
            Q_EMIT exportFinished(context.id(), false, error, 0);
            return error;
        };
        if (!m_store)
            return fail(Error::make(Error::Kind::Io, tr("The swap database is not open.")));
        const SwapQuery q = resolved(query);
        if (q.chain.isEmpty())
            return fail(Error::make(Error::Kind::Usage, tr("There is no pool to export yet.")));
        auto rows = m_store->swaps(q);
        if (!rows)
            return fail(rows.error());
        QSaveFile file(path);   // all or nothing: a failed export never leaves half a file
        if (!file.open(QIODevice::WriteOnly))
            return fail(Error::make(Error::Kind::Io, tr("%1 could not be written.").arg(QFileInfo(path).fileName()),
                                    file.errorString()));
        const Status written = processed ? writeProcessedSwapCsv(file, *rows) : writeRawSwapCsv(file, *rows);
        if (!written)
            return fail(written.error());
        if (!file.commit())
            return fail(Error::make(Error::Kind::Io, tr("%1 could not be written.").arg(QFileInfo(path).fileName()),
                                    file.errorString()));
        Q_EMIT exportFinished(context.id(), true, Error(), int(rows->size()));
        return {};
    });
}

QFuture<Result<QVector<SwapPoint>>> MarketService::loadPoints(SwapQuery query) const
{
    const SwapQuery q = resolved(std::move(query));
    const QString path = m_config.databasePath;
    return QtConcurrent::run([q, path]() -> Result<QVector<SwapPoint>> {
        if (q.chain.isEmpty())
            return QVector<SwapPoint>();
        // Its own connection: chart history never waits for the service's tasks.
        auto store = SwapStore::open(path);
        if (!store)
            return store.error();
        return (*store)->points(q);
    });
}

SwapQuery MarketService::resolved(SwapQuery query) const
{
    if (query.chain.isEmpty()) {
        const MarketFeed current = feed();
        query.chain = current.chain;
        query.poolId = current.poolId;
    }
    return query;
}

// --- service thread -----------------------------------------------------------------------------

void MarketService::onStarted()
{
    if (m_config.databasePath.isEmpty())
        m_config.databasePath = Paths::database();
    auto store = SwapStore::open(m_config.databasePath);
    if (!store) {
        qCWarning(lcMarket).noquote() << store.error().toString();
        setStatus(ServiceStatus::State::Failed, store.error().message);
        return;
    }
    m_store = std::move(store).value();
    // Until a chain is followed, show the pool with the most stored history (an import, say).
    auto pools = m_store->pools();
    if (pools && !pools->isEmpty()) {
        const auto biggest = std::max_element(pools->cbegin(), pools->cend(),
                                              [](const auto &a, const auto &b) { return a.rows < b.rows; });
        showStoredPool(biggest->chain, biggest->poolId, tr("Showing stored history; not following a chain."));
    }
    if (m_chain.connected())
        applyChain(m_chain);
    updateStatus();
}

void MarketService::onStopping()
{
    stopFollowing();
    stopSimulatorNow(tr("Stopped."));
    m_store.reset();
}

void MarketService::applyChain(const ChainState &state)
{
    m_chain = state;
    if (!m_store)
        return;
    const bool usable = state.connected() && state.venue.has_value() && !state.connectUrl.isEmpty();
    if (!usable) {
        if (m_monitor) {
            stopFollowing();
            stopSimulatorNow(tr("The chain is not connected."));
            MarketFeed next = feed();
            next.live = false;
            next.sandbox = false;
            next.text = tr("Not following: the chain is not connected.");
            publishFeed(next);
            updateStatus();
        }
        return;
    }
    const bool local = chain::isLoopbackUrl(QUrl(state.connectUrl)) || state.ownNode;
    const QString key = chainKey(state.chainId, local);
    const eth::Hash32 poolId = state.venue->poolId();
    const MarketFeed current = feed();
    if (m_monitor && current.chain == key && current.poolId == poolId && m_followedUrl == state.connectUrl)
        return;   // the same node and pool: a block or balance refresh

    stopFollowing();
    stopSimulatorNow(tr("The chain changed."));
    MonitorConfig config;
    config.rpcUrl = state.connectUrl;
    config.chain = key;
    config.poolManager = state.venue->poolManager;
    config.poolId = poolId;
    config.pollMs = m_config.monitorPollMs;
    config.confirmations = local ? m_config.localConfirmations : m_config.publicConfirmations;
    config.windowSeconds = m_config.metricsWindowSeconds;
    m_monitor = new LiveMonitor(m_store.get(), config, this);
    m_followedUrl = state.connectUrl;
    connect(m_monitor, &LiveMonitor::swapsAppended, this, &MarketService::onSwapsAppended);
    connect(m_monitor, &LiveMonitor::metricsChanged, this, &MarketService::onMetrics);
    connect(m_monitor, &LiveMonitor::headChanged, this, [this](quint64 block, qint64) {
        QMutexLocker lock(&m_mutex);
        m_feed.headBlock = block;
    });
    connect(m_monitor, &LiveMonitor::problem, this, [this](const QString &text) {
        MarketFeed next = feed();
        next.text = text.isEmpty() ? tr("Following the pool live.") : text;
        publishFeed(next);
        updateStatus();
    });
    connect(m_monitor, &LiveMonitor::chainReset, this, [this, key, poolId](quint64 fromBlock) {
        {
            QMutexLocker lock(&m_mutex);
            m_recent.erase(std::remove_if(m_recent.begin(), m_recent.end(),
                                          [fromBlock](const PoolSwap &s) { return s.blockNumber >= fromBlock; }),
                           m_recent.end());
        }
        bumpGeneration(key, poolId);
    });

    MarketFeed next;
    next.chain = key;
    next.poolId = poolId;
    next.live = true;
    next.sandbox = state.mode == ChainMode::Sandbox && state.ownNode;
    next.headBlock = state.blockNumber;
    next.generation = current.generation + 1;
    next.text = next.sandbox ? tr("Following the sandbox pool live.") : tr("Following the pool live.");
    {
        QMutexLocker lock(&m_mutex);
        m_recent.clear();
        m_metrics = PoolMetrics();
        m_metrics.windowSeconds = m_config.metricsWindowSeconds;
    }
    // The table starts with what is stored already.
    SwapQuery recent;
    recent.chain = key;
    recent.poolId = poolId;
    recent.limit = m_config.recentSwapsKept;
    recent.newestFirst = true;
    if (auto rows = m_store->swaps(recent)) {
        QMutexLocker lock(&m_mutex);
        m_recent = *rows;
    }
    publishFeed(next);
    m_monitor->start();
    qCInfo(lcMarket).noquote() << "following pool" << poolId.toHex() << "on" << key << "at" << state.rpcUrl;
    if (next.sandbox && m_config.simulateInSandbox)
        startSimulatorNow(m_config.simulator);
    updateStatus();
}

void MarketService::stopFollowing()
{
    if (!m_monitor)
        return;
    m_monitor->stop();
    m_monitor->disconnect(this);
    m_monitor->deleteLater();
    m_monitor = nullptr;
    m_followedUrl.clear();
}

void MarketService::publishFeed(const MarketFeed &feed)
{
    {
        QMutexLocker lock(&m_mutex);
        m_feed = feed;
    }
    Q_EMIT feedChanged(feed);
}

void MarketService::onSwapsAppended(const QList<PoolSwap> &swaps)
{
    if (swaps.isEmpty())
        return;
    {
        QMutexLocker lock(&m_mutex);
        m_recent.append(swaps);
        if (m_recent.size() > m_config.recentSwapsKept)
            m_recent.erase(m_recent.begin(), m_recent.begin() + (m_recent.size() - m_config.recentSwapsKept));
    }
    Q_EMIT swapsAppended(swaps);
}

void MarketService::onMetrics(const PoolMetrics &metrics)
{
    {
        QMutexLocker lock(&m_mutex);
        m_metrics = metrics;
    }
    Q_EMIT metricsChanged(metrics);
    updateStatus();
}

void MarketService::showStoredPool(const QString &chain, const eth::Hash32 &poolId, const QString &text)
{
    MarketFeed next = feed();
    const bool samePool = next.chain == chain && next.poolId == poolId;
    next.chain = chain;
    next.poolId = poolId;
    next.live = false;
    next.sandbox = false;
    next.generation += 1;
    next.text = text;
    if (!samePool) {
        SwapQuery recent;
        recent.chain = chain;
        recent.poolId = poolId;
        recent.limit = m_config.recentSwapsKept;
        recent.newestFirst = true;
        auto rows = m_store->swaps(recent);
        QMutexLocker lock(&m_mutex);
        m_recent = rows ? *rows : QList<PoolSwap>();
    }
    publishFeed(next);
    recomputeStoredMetrics();
}

void MarketService::recomputeStoredMetrics()
{
    const MarketFeed current = feed();
    if (current.chain.isEmpty() || !m_store)
        return;
    // Not live: the window ends at the newest stored swap.
    SwapQuery newest;
    newest.chain = current.chain;
    newest.poolId = current.poolId;
    newest.limit = 1;
    newest.newestFirst = true;
    auto last = m_store->points(newest);
    if (!last || last->isEmpty())
        return;
    const qint64 end = last->last().timestamp;
    SwapQuery window = newest;
    window.limit = 0;
    window.newestFirst = false;
    window.fromTime = end - m_config.metricsWindowSeconds;
    auto points = m_store->points(window);
    if (!points)
        return;
    onMetrics(computePoolMetrics(*points, end, m_config.metricsWindowSeconds));
}

void MarketService::bumpGeneration(const QString &chain, const eth::Hash32 &poolId)
{
    MarketFeed next = feed();
    if (next.chain != chain || next.poolId != poolId)
        return;
    next.generation += 1;
    publishFeed(next);
    if (!next.live)
        recomputeStoredMetrics();
}

void MarketService::startSimulatorNow(const SimulatorConfig &config)
{
    if (m_simulator)
        stopSimulatorNow(QString());
    if (!m_chain.connected() || !m_chain.venue || !(m_chain.mode == ChainMode::Sandbox && m_chain.ownNode)) {
        SimulatorState state;
        state.text = tr("The sandbox market runs only on the app's sandbox.");
        {
            QMutexLocker lock(&m_mutex);
            m_simulatorState = state;
        }
        Q_EMIT simulatorChanged(state);
        return;
    }
    m_simulatorThread = new QThread;
    m_simulatorThread->setObjectName(QStringLiteral("MarketSimulatorThread"));
    m_simulator = new SimulatorRunner;
    m_simulator->moveToThread(m_simulatorThread);
    connect(m_simulatorThread, &QThread::finished, m_simulator, &QObject::deleteLater);
    connect(m_simulatorThread, &QThread::finished, m_simulatorThread, &QObject::deleteLater);
    connect(m_simulator, &SimulatorRunner::stateChanged, this, [this](const SimulatorState &state) {
        {
            QMutexLocker lock(&m_mutex);
            m_simulatorState = state;
        }
        Q_EMIT simulatorChanged(state);
    });
    m_simulatorThread->start();
    SimulatorTarget target;
    target.rpcUrl = m_chain.connectUrl;
    target.venue = *m_chain.venue;
    target.chainId = m_chain.chainId;
    QMetaObject::invokeMethod(m_simulator, "start", Qt::QueuedConnection, Q_ARG(apedesk::market::SimulatorTarget, target),
                              Q_ARG(apedesk::market::SimulatorConfig, config));
    qCInfo(lcMarket) << "sandbox market simulator started," << config.swapsPerMinute << "swaps/min";
}

void MarketService::stopSimulatorNow(const QString &reason)
{
    if (!m_simulator)
        return;
    m_simulator->disconnect(this);
    m_simulator->stop();
    m_simulatorThread->quit();   // ends a wait in flight; the runner and thread delete themselves
    if (isStopping() && m_simulatorThread->wait(1500))
        delete m_simulatorThread;   // the service thread ends too: no event loop left for deleteLater
    m_simulator = nullptr;
    m_simulatorThread = nullptr;
    SimulatorState state = simulatorState();
    state.running = false;
    if (!reason.isEmpty())
        state.text = reason;
    {
        QMutexLocker lock(&m_mutex);
        m_simulatorState = state;
    }
    Q_EMIT simulatorChanged(state);
}

void MarketService::updateStatus()
{
    const MarketFeed current = feed();
    const PoolMetrics m = metrics();
    if (current.chain.isEmpty()) {
        setStatus(ServiceStatus::State::Idle, tr("No swap history collected yet."));
        return;
    }
    if (!current.live) {
        setStatus(ServiceStatus::State::Idle, current.text);
        return;
    }
    setStatus(ServiceStatus::State::Idle,
              m.valid ? tr("Pool live: %1 USDC, %n swap(s) in the window", nullptr, m.swapCount)
                            .arg(QString::number(m.lastPrice, 'f', 2))
                      : current.text);
}

} // namespace apedesk
