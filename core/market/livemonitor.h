#pragma once
// Follows new blocks of one pool: each poll asks for the head, checks that the newest stored block
// is still on the node's chain (a reorg or a reset sandbox drops the stored rows from where the
// chains part, and says so), fetches the Swap logs of the blocks not covered yet, stores them with
// their blocks, and keeps rolling metrics over a time window ending at the newest block's timestamp.
//
// Asynchronous: callbacks and a timer, never a nested event loop, because collection tasks on the
// same thread wait in local loops. One poll at a time; the next starts pollMs after one ends.
// Lives on the thread of the store it writes to.

#include "eth/address.h"
#include "eth/jsonrpcclient.h"
#include "pooltypes.h"
#include "swapstore.h"

#include <QJsonValue>
#include <QList>
#include <QObject>
#include <QString>

#include <deque>
#include <memory>
#include <optional>

class QTimer;

namespace apedesk::market {

class RollingMetrics;

struct MonitorConfig
{
    QString rpcUrl;
    QString chain;                 // chainKey() of the node
    eth::Address poolManager;
    eth::Hash32 poolId;
    int pollMs = 1000;
    int confirmations = 0;         // blocks behind the head that count as final
    qint64 windowSeconds = 600;    // rolling metrics window, by block timestamp
    // First poll: start this many blocks back, or right after the stored coverage when that ends
    // further back (the monitor then fills the blocks since it last ran).
    quint64 lookbackBlocks = 600;
};

class LiveMonitor : public QObject
{
    Q_OBJECT
public:
    // The store must outlive the monitor (or its stop()).
    LiveMonitor(SwapStore *store, MonitorConfig config, QObject *parent = nullptr);
    ~LiveMonitor() override;

    void start();
    // Cancels what is in flight; no signal follows.
    void stop();
    bool isRunning() const { return m_running; }

    // Recomputes over the new window (from the store) and emits metricsChanged.
    void setWindowSeconds(qint64 seconds);
    PoolMetrics metrics() const { return m_metrics; }
    const MonitorConfig &config() const { return m_config; }
    // The newest block stored and checked (0 before the first poll did).
    quint64 lastBlock() const { return m_tip ? m_tip->number : 0; }

    // Logs per eth_getLogs (a provider that refuses gets halves).
    static constexpr quint64 kMaxPieceBlocks = 2000;

Q_SIGNALS:
    // New rows only, in (block, log index) order, each once.
    void swapsAppended(QList<apedesk::market::PoolSwap> swaps);
    void metricsChanged(apedesk::market::PoolMetrics metrics);
    void headChanged(quint64 block, qint64 timestamp);
    // A failed poll in words; polling goes on. An empty text: it works again.
    void problem(QString text);
    // Stored rows from this block on were dropped (a reset sandbox or a reorg).
    void chainReset(quint64 fromBlock);

private:
    // One poll, as steps that each end in a callback.
    void poll();
    void onHead(quint64 head);
    void verifyAnchor(const BlockInfo &anchor);
    void searchDivergence(quint64 bound, int pageRows, int pagesLeft);
    void resetFrom(quint64 block);
    void extend();
    void fetchNextPiece();
    void onPieceLogs(const BlockRange &piece, const QJsonValue &logs);
    void finishPoll(const QString &failure = {});
    QString flushFresh();
    void scheduleNext();

    std::optional<BlockInfo> storedAnchor() const;
    Status reseed();
    void publishMetrics();
    bool current(quint64 generation) const { return m_running && generation == m_generation; }

    SwapStore *m_store;
    MonitorConfig m_config;
    eth::JsonRpcClient *m_client = nullptr;
    QTimer *m_timer = nullptr;
    std::unique_ptr<RollingMetrics> m_rolling;
    bool m_running = false;
    bool m_inFlight = false;
    bool m_seeded = false;
    bool m_hadProblem = false;
    quint64 m_generation = 0;      // bumped by stop(): late callbacks of an old run are ignored

    std::optional<quint64> m_floor;   // the lowest block the monitor fills
    quint64 m_safeHead = 0;           // this poll's newest final block
    std::optional<BlockInfo> m_tip;   // the newest block stored and verified
    std::deque<BlockRange> m_pieces;  // this poll's ranges still to fetch
    int m_pieceRetries = 0;
    QList<PoolSwap> m_fresh;          // this poll's new rows, not announced yet
    bool m_headChanged = false;       // this poll moved m_tip
    qint64 m_windowEnd = 0;           // the newest block's timestamp
    PoolMetrics m_metrics;
};

} // namespace apedesk::market
