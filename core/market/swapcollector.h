#pragma once
// History collection: the pool's Swap logs over a block range into the swap store, as straight-line
// code on a worker thread (it waits in local event loops, so the thread's other events still run).
//
// The store's coverage is the checkpoint: only the gaps of the range are fetched, batch by batch,
// and each batch (rows, blocks and the covered range) is committed in one transaction, so a
// stopped, canceled or killed collection resumes where it stopped and overlapping ranges are never
// fetched twice. A provider that refuses a range gets it in halves; the endpoints fail over; a
// request-rate limit holds across all calls; each block's timestamp is fetched once (block cache
// first, then one JSON-RPC batch per getLogs batch), and its hash is checked against the logs'.

#include "common/error.h"
#include "eth/jsonrpcclient.h"
#include "pooltypes.h"
#include "swaplogs.h"
#include "swapstore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHash>

#include <functional>
#include <memory>
#include <optional>

namespace apedesk::market {

class SwapCollector
{
    Q_DECLARE_TR_FUNCTIONS(apedesk::market::SwapCollector)
public:
    struct Hooks
    {
        std::function<void(const CollectProgress &)> progress;
        std::function<bool()> canceled;                       // polled between and during requests
        std::function<void(const QList<PoolSwap> &)> stored;  // new rows of each committed batch
    };

    // The store is used on this thread only; it must outlive run().
    SwapCollector(SwapStore *store, CollectRequest request, eth::JsonRpcOptions rpcOptions = {});
    ~SwapCollector();
    SwapCollector(const SwapCollector &) = delete;
    SwapCollector &operator=(const SwapCollector &) = delete;

    // Collects the request's range. A Canceled error when canceled; what was committed stays.
    // CollectResult.requests counts JSON-RPC calls (each call of a batch counts, as providers do).
    Result<CollectResult> run(const Hooks &hooks);

    // After run() started: the chain key (chainKey of the node's chain id; "-local" on a loopback URL).
    QString chain() const { return m_chain; }

    // The most getLogs attempts for one batch whose logs and blocks disagree (a reorg under way).
    static constexpr int kReorgRetries = 3;
    // Calls per JSON-RPC batch request (providers cap batch sizes).
    static constexpr int kMaxBatchCalls = 100;

private:
    class LogsCall;
    Result<CollectResult> collect();
    template <typename T, typename Start>
    eth::RpcResult<T> call(int cost, Start start);
    template <typename T>
    bool await(const std::shared_ptr<std::optional<eth::RpcResult<T>>> &slot, quint64 id);
    eth::RpcResult<QList<eth::RpcResult<QJsonValue>>> batch(const QList<eth::RpcRequest> &requests);
    std::unique_ptr<LogsCall> sendLogs(const BlockRange &range);
    eth::RpcResult<QJsonValue> receiveLogs(std::unique_ptr<LogsCall> call);
    bool wait(qint64 ms);
    bool canceled() const;
    Status collectRange(const BlockRange &range);
    Result<int> storeBatch(const BlockRange &range, QJsonValue logs);
    Result<QList<BlockInfo>> resolveBlocks(QList<PoolSwap> &swaps, const DecodedSwaps &decoded, bool *reorg);
    Status resolveOrigins(QList<PoolSwap> &swaps);
    void report(const QString &text);
    QString endpoint() const;

    SwapStore *m_store;
    CollectRequest m_request;
    eth::JsonRpcOptions m_rpcOptions;
    const Hooks *m_hooks = nullptr;
    std::unique_ptr<eth::JsonRpcClient> m_client;
    RequestRateLimiter m_limiter;
    QString m_chain;
    QString m_note;                           // e.g. why the range ends before the asked block
    QHash<eth::Address, bool> m_originIsContract;
    CollectProgress m_progress;
    CollectResult m_result;
    quint64 m_blocksThisRun = 0;              // blocks fetched now (not the ones covered before)
    QElapsedTimer m_clock;
    std::function<void()> m_wake;             // ends the local loop of the wait in progress
};

} // namespace apedesk::market
