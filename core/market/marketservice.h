#pragma once
// Pool data on its own worker thread: the swap store, history collection, the live monitor that
// follows the connected chain's pool, rolling metrics, CSV import/export, and the sandbox market
// simulator (which trades from its own thread). Every public method is thread safe and returns at
// once; results come back as queued signals carrying plain values (pooltypes.h).

#include "chain/chaintypes.h"
#include "market/pooltypes.h"
#include "market/swapstore.h"
#include "service.h"

#include <QFuture>
#include <QMutex>

#include <memory>

class QThread;

namespace apedesk {

namespace market {
class LiveMonitor;
class SimulatorRunner;

// Which pool the service follows now.
struct MarketFeed
{
    QString chain;                 // chainKey(); empty while no chain is connected
    eth::Hash32 poolId;
    bool live = false;             // the monitor is following new blocks
    bool sandbox = false;          // the connected chain is the app's sandbox (the simulator can run)
    quint64 headBlock = 0;
    // Bumped whenever stored rows of this pool changed other than by swapsAppended (a chain reset
    // dropped rows, a collection or an import added history): views reload their history.
    quint64 generation = 0;
    QString text;                  // one sentence for the pane
};
} // namespace market

struct MarketConfig
{
    QString databasePath;              // Paths::database()
    int metricsWindowSeconds = 600;    // rolling metrics: the last 10 minutes by block timestamp
    bool simulateInSandbox = true;     // start the market simulator when a sandbox is ready
    market::SimulatorConfig simulator; // its settings (a gentle rate by default)
    int monitorPollMs = 1000;          // how often the monitor asks for a new block
    int localConfirmations = 0;        // sandbox / fork: blocks are final at once
    int publicConfirmations = 3;       // a public chain: blocks behind the head that count as final
    int recentSwapsKept = 500;         // recentSwaps() for the table
};

class MarketService : public Service
{
    Q_OBJECT
public:
    explicit MarketService(MarketConfig config = {}, QObject *parent = nullptr);
    ~MarketService() override;

    // Thread-safe snapshots of the last published values.
    market::MarketFeed feed() const;
    market::PoolMetrics metrics() const;
    market::SimulatorState simulatorState() const;
    market::CollectProgress collectProgress() const;
    QList<market::PoolSwap> recentSwaps() const;   // the followed pool's newest swaps, oldest first
    QString databasePath() const { return m_config.databasePath; }

    // Requests (queued to the service thread).
    // Follow the chain the chain service is connected to (connect ChainService::stateChanged here).
    void followChain(const apedesk::ChainState &state);
    // A history collection as a task; progress -> collectProgressChanged, end -> collectFinished.
    // No RPC URL: the followed node's. A zero pool manager for the followed pool: its venue's.
    quint64 collect(const market::CollectRequest &request);
    void cancelCollect();
    void startSimulator(const market::SimulatorConfig &config);
    void startSimulator();   // with the configured settings (MarketConfig::simulator)
    void stopSimulator();
    void setMetricsWindow(int seconds);
    quint64 importCsv(const QString &path);                       // -> importFinished
    // Raw or processed CSV of a pool's stored swaps; an empty query chain/pool means the followed pool.
    quint64 exportCsv(const QString &path, bool processed, const market::SwapQuery &query = {});   // -> exportFinished

    // Chart history, read on a pool thread from its own read-only connection: never waits for the
    // service's tasks. An empty query chain/pool means the followed pool.
    QFuture<Result<QVector<market::SwapPoint>>> loadPoints(market::SwapQuery query) const;

Q_SIGNALS:
    void feedChanged(apedesk::market::MarketFeed feed);
    // New swaps of the followed pool, in (block, log index) order, once each.
    void swapsAppended(QList<apedesk::market::PoolSwap> swaps);
    void metricsChanged(apedesk::market::PoolMetrics metrics);
    void simulatorChanged(apedesk::market::SimulatorState state);
    void collectProgressChanged(apedesk::market::CollectProgress progress);
    void collectFinished(quint64 id, bool ok, apedesk::Error error, apedesk::market::CollectResult result);
    void importFinished(quint64 id, bool ok, apedesk::Error error, int rowsRead, int rowsNew);
    void exportFinished(quint64 id, bool ok, apedesk::Error error, int rows);

protected:
    void onStarted() override;
    void onStopping() override;

private:
    // All below run on the service thread.
    void applyChain(const ChainState &state);
    void stopFollowing();
    void publishFeed(const market::MarketFeed &feed);
    void onSwapsAppended(const QList<market::PoolSwap> &swaps);
    void onMetrics(const market::PoolMetrics &metrics);
    void startSimulatorNow(const market::SimulatorConfig &config);
    void stopSimulatorNow(const QString &reason);
    void showStoredPool(const QString &chain, const eth::Hash32 &poolId, const QString &text);
    void recomputeStoredMetrics();
    void bumpGeneration(const QString &chain, const eth::Hash32 &poolId);
    void updateStatus();
    market::SwapQuery resolved(market::SwapQuery query) const;

    MarketConfig m_config;
    std::unique_ptr<market::SwapStore> m_store;   // the writer connection, on the service thread
    market::LiveMonitor *m_monitor = nullptr;
    QThread *m_simulatorThread = nullptr;
    market::SimulatorRunner *m_simulator = nullptr;
    ChainState m_chain;
    QString m_followedUrl;                         // the node the monitor polls
    QAtomicInteger<quint64> m_collectTask{0};      // the newest collection task
    QAtomicInteger<quint64> m_collectCanceledUpTo{0};

    mutable QMutex m_mutex;
    market::MarketFeed m_feed;
    market::PoolMetrics m_metrics;
    market::SimulatorState m_simulatorState;
    market::CollectProgress m_progress;
    QList<market::PoolSwap> m_recent;
};

// The service's configuration from the person's settings and the app's data folder.
class Settings;
MarketConfig marketConfigFromSettings(const Settings &settings);

} // namespace apedesk

Q_DECLARE_METATYPE(apedesk::market::MarketFeed)
