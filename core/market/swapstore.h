#pragma once
// The swap store: SQLite (Qt Sql) in WAL mode, one row per PoolManager Swap event keyed by
// (chain, tx hash, log index), amounts as exact decimal integers. It also keeps, per chain and pool,
// which block ranges have been collected completely ("coverage", the collector's checkpoint), and
// each seen block's hash and timestamp (fetched once, reused; the hash tells a reset sandbox or a
// reorg apart from the chain the rows came from).
//
// Threading: a store is used only on the thread that opened it (its own SQLite connection). Several
// stores (threads, processes) may open the same file; WAL lets readers run beside one writer.

#include "common/error.h"
#include "pooltypes.h"

#include <QHash>
#include <QList>
#include <QString>

#include <memory>
#include <optional>

namespace apedesk::market {

struct BlockRange
{
    quint64 from = 0;   // inclusive
    quint64 to = 0;     // inclusive
    friend bool operator==(const BlockRange &a, const BlockRange &b) { return a.from == b.from && a.to == b.to; }
};

struct BlockInfo
{
    quint64 number = 0;
    eth::Hash32 hash;
    qint64 timestamp = 0;
};

struct SwapQuery
{
    QString chain;
    eth::Hash32 poolId;
    std::optional<quint64> fromBlock;   // inclusive
    std::optional<quint64> toBlock;     // inclusive
    std::optional<qint64> fromTime;     // inclusive, unix seconds
    std::optional<qint64> toTime;       // inclusive
    int limit = 0;                      // 0: all
    bool newestFirst = false;           // with limit: the newest `limit` rows (still returned oldest first)
};

class SwapStore
{
public:
    ~SwapStore();
    SwapStore(const SwapStore &) = delete;
    SwapStore &operator=(const SwapStore &) = delete;

    // Creates the file and schema when missing (and upgrades an older schema). A file that is not a
    // database, or one from a newer ApeDesk, is a clear error; nothing is overwritten.
    static Result<std::unique_ptr<SwapStore>> open(const QString &path);
    QString path() const;

    // Stores the swaps in one transaction, skipping those already stored (same chain, tx, log index).
    // A collected (exact) row replaces imported rows of the same transaction that had no log index.
    // Returns how many rows are new.
    Result<int> insert(const QList<PoolSwap> &swaps);

    // The collector's commit: the batch's swaps, the blocks it saw and the range it covered, in one
    // transaction, so a killed collector leaves either all of a batch or none of it.
    Result<int> commitBatch(const QList<PoolSwap> &swaps, const QList<BlockInfo> &blocks, const QString &chain,
                            const eth::Hash32 &poolId, const BlockRange &covered);

    // Rows in (block, log index) order.
    Result<QList<PoolSwap>> swaps(const SwapQuery &query) const;
    // The same as compact chart points (cheaper for a million rows).
    Result<QVector<SwapPoint>> points(const SwapQuery &query) const;
    Result<qint64> count(const QString &chain, const eth::Hash32 &poolId) const;
    // Every (chain, pool) that has rows, with its row count.
    struct PoolSummary
    {
        QString chain;
        eth::Hash32 poolId;
        qint64 rows = 0;
        quint64 firstBlock = 0, lastBlock = 0;
        qint64 firstTime = 0, lastTime = 0;
    };
    Result<QList<PoolSummary>> pools() const;

    // Coverage: merged, sorted, inclusive ranges.
    Result<QList<BlockRange>> coverage(const QString &chain, const eth::Hash32 &poolId) const;
    Status addCoverage(const QString &chain, const eth::Hash32 &poolId, const BlockRange &range);
    // The parts of `range` not covered yet, in order.
    Result<QList<BlockRange>> gaps(const QString &chain, const eth::Hash32 &poolId, const BlockRange &range) const;

    // Block cache.
    Result<std::optional<BlockInfo>> block(const QString &chain, quint64 number) const;
    Result<QHash<quint64, BlockInfo>> blocks(const QString &chain, const QList<quint64> &numbers) const;
    Status putBlocks(const QString &chain, const QList<BlockInfo> &blocks);

    // After a reorg or a sandbox reset: forgets the chain's rows, coverage and blocks from `fromBlock` on.
    Status truncateFrom(const QString &chain, quint64 fromBlock);

private:
    struct Impl;
    explicit SwapStore(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> d;
};

} // namespace apedesk::market
