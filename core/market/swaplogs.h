#pragma once
// Pieces the history collector and the live monitor share: the eth_getLogs filter for one pool's
// Swap events, turning logs into stored rows, the block requests that give each row its timestamp,
// recognising a provider's "range too large" answers (the caller splits the range), and a request
// rate limit. Pure functions and plain values, no I/O.

#include "common/error.h"
#include "eth/jsonrpcclient.h"
#include "eth/jsonrpctypes.h"
#include "pooltypes.h"
#include "swapstore.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>

namespace apedesk::market {

// address = the PoolManager, topics = [Swap topic, pool id] (0x-prefixed, which nodes require),
// blocks from..to inclusive.
eth::LogFilter swapLogFilter(const eth::Address &poolManager, const eth::Hash32 &poolId, quint64 fromBlock,
                             quint64 toBlock);

// The rows of a getLogs answer, sorted by (block, log index) and without repeats: removed logs are
// skipped, and so are logs of another emitter or pool (a node that ignored the filter). A log with
// no block number, block hash, transaction hash or log index, or one that does not decode as a
// Swap, is an Error: a batch is stored whole or not at all. Timestamps are still 0 (see
// applyBlocks); `blockHashes` receives each row's block hash, keyed by block number.
struct DecodedSwaps
{
    QList<PoolSwap> swaps;
    QHash<quint64, eth::Hash32> blockHashes;
    // Blocks whose timestamp came with the logs ("blockTimestamp", which geth, reth and anvil add):
    // no block request is needed for them.
    QHash<quint64, qint64> blockTimestamps;
    int removed = 0;
};
Result<DecodedSwaps> decodeSwapLogs(const QList<eth::Log> &logs, const QString &chain,
                                    const eth::Address &poolManager, const eth::Hash32 &poolId);
// The same from eth_getLogs' raw "result", also reading each log's blockTimestamp when present.
Result<DecodedSwaps> decodeSwapLogs(const QJsonValue &result, const QString &chain, const eth::Address &poolManager,
                                    const eth::Hash32 &poolId);
// eth_getLogs with swapLogFilter(), for JsonRpcClient::call().
eth::RpcRequest swapLogsRequest(const eth::Address &poolManager, const eth::Hash32 &poolId, quint64 fromBlock,
                                quint64 toBlock);

// Stable (block, log index) order.
void sortSwaps(QList<PoolSwap> &swaps);

// The distinct block numbers of the rows, ascending.
QList<quint64> blockNumbersOf(const QList<PoolSwap> &swaps);

// eth_getBlockByNumber(number, false), for JsonRpcClient::batch().
eth::RpcRequest blockRequest(quint64 number);
// The answers of blockRequest batches, in the order of `numbers`. A missing block (null) or a
// malformed one is an RpcError.
eth::RpcResult<QList<BlockInfo>> parseBlocks(const QList<eth::RpcResult<QJsonValue>> &answers,
                                              const QList<quint64> &numbers);

// The blocks the logs told all about (hash and timestamp), ascending.
QList<BlockInfo> blocksFromLogs(const DecodedSwaps &decoded);

// Gives each row its block's timestamp. Returns the blocks whose hash differs from the hash the
// logs carried (a reorg between the two requests); empty when all agree. A row whose block is not
// in `blocks` is left at timestamp 0 and reported the same way.
QList<quint64> applyBlocks(QList<PoolSwap> &swaps, const QHash<quint64, eth::Hash32> &logBlockHashes,
                           const QHash<quint64, BlockInfo> &blocks);

// eth_getTransactionByHash and eth_getCode(address, "latest"), for batches (origins).
eth::RpcRequest transactionRequest(const eth::Hash32 &hash);
eth::RpcRequest codeRequest(const eth::Address &account);

// A provider refusing the size of an eth_getLogs request (too many blocks or too many results),
// which a smaller range fixes: JSON-RPC -32005 ("query returned more than 10000 results"), -32602
// with range wording, and other codes whose message speaks of a block range, a result limit or too
// many results; also HTTP 413 and an answer over the client's size limit. Rate limits (HTTP 429,
// "rate limit", "request count") are not: they are isRateLimited.
bool isRangeTooLarge(const eth::RpcError &error);
// HTTP 429 or a JSON-RPC error that says the caller sends too fast: wait and try again.
bool isRateLimited(const eth::RpcError &error);

// A request-rate limit shared by every call of one collector (or monitor): each request (a batch
// counts one per call in it) reserves its share of time, and the caller waits until its slot.
class RequestRateLimiter
{
public:
    explicit RequestRateLimiter(double requestsPerSecond = 0);
    double rate() const { return m_rate; }
    // Reserves `cost` requests and returns how long to wait before sending them (0: at once).
    qint64 reserveMs(int cost = 1);
    // How long a reservation made now would wait, without making it.
    qint64 waitMs() const;

private:
    double m_rate = 0;
    QElapsedTimer m_clock;
    double m_nextFreeMs = 0;   // on m_clock
};

// Host and port of an endpoint: its path may carry an API key, which must not reach the pane.
QString endpointName(const QUrl &url);

} // namespace apedesk::market
