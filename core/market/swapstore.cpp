#include "swapstore.h"

#include "common/logging.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QFileInfo>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QVariant>

#include <algorithm>

namespace apedesk::market {

namespace {

constexpr int kSchemaVersion = 1;

QString tr(const char *text) { return QCoreApplication::translate("apedesk::market::SwapStore", text); }

Error sqlError(const QString &what, const QSqlError &error)
{
    return Error::make(Error::Kind::Io, tr("The swap database could not be used: %1.").arg(what),
                       error.text());
}

QByteArray blob(const eth::Hash32 &hash) { return hash.bytes(); }
QByteArray blob(const eth::Address &address) { return address.bytes(); }

// Big integers are stored as decimal text: exact, readable with the sqlite3 shell, and sortable
// where it matters through the indexed block/log columns instead.
QString decimal(const eth::u256 &value) { return eth::toDecimal(value); }
QString decimal(const eth::i256 &value) { return eth::toDecimal(value); }

// Runs one statement, or explains why not.
Status exec(QSqlDatabase &db, const QString &sql)
{
    QSqlQuery query(db);
    if (!query.exec(sql))
        return sqlError(sql.section(QLatin1Char('('), 0, 0).simplified(), query.lastError());
    return {};
}

const char *const kSchema[] = {
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    // One row per Swap event. price/eth/usdc are derived (exactly from the integers) so chart and
    // metric queries read plain doubles instead of parsing a million big integers.
    "CREATE TABLE IF NOT EXISTS swaps ("
    " chain TEXT NOT NULL, tx_hash BLOB NOT NULL, log_index INTEGER NOT NULL,"
    " log_index_exact INTEGER NOT NULL, pool_id BLOB NOT NULL, block_number INTEGER NOT NULL,"
    " timestamp INTEGER NOT NULL, sender BLOB NOT NULL, origin BLOB, origin_is_contract INTEGER,"
    " amount0 TEXT NOT NULL, amount1 TEXT NOT NULL, sqrt_price_x96 TEXT NOT NULL, liquidity TEXT NOT NULL,"
    " tick INTEGER NOT NULL, fee INTEGER NOT NULL, price REAL NOT NULL, eth REAL NOT NULL, usdc REAL NOT NULL,"
    " PRIMARY KEY (chain, tx_hash, log_index)) WITHOUT ROWID",
    "CREATE INDEX IF NOT EXISTS swaps_by_block ON swaps (chain, pool_id, block_number, log_index)",
    "CREATE INDEX IF NOT EXISTS swaps_by_time ON swaps (chain, pool_id, timestamp)",
    // Only rows a CSV import guessed the log index of: finds them without scanning a chain's rows.
    "CREATE INDEX IF NOT EXISTS swaps_inexact ON swaps (chain, tx_hash) WHERE log_index_exact = 0",
    // Block ranges collected completely, merged: the collector's checkpoint.
    "CREATE TABLE IF NOT EXISTS coverage (chain TEXT NOT NULL, pool_id BLOB NOT NULL,"
    " from_block INTEGER NOT NULL, to_block INTEGER NOT NULL, PRIMARY KEY (chain, pool_id, from_block))",
    "CREATE TABLE IF NOT EXISTS blocks (chain TEXT NOT NULL, number INTEGER NOT NULL, hash BLOB NOT NULL,"
    " timestamp INTEGER NOT NULL, PRIMARY KEY (chain, number)) WITHOUT ROWID",
};

const char kSwapColumns[] =
    "chain, tx_hash, log_index, log_index_exact, pool_id, block_number, timestamp, sender, origin,"
    " origin_is_contract, amount0, amount1, sqrt_price_x96, liquidity, tick, fee";

Result<PoolSwap> swapFromRow(const QSqlQuery &q)
{
    PoolSwap swap;
    swap.chain = q.value(0).toString();
    auto tx = eth::Hash32::fromBytes(q.value(1).toByteArray());
    auto pool = eth::Hash32::fromBytes(q.value(4).toByteArray());
    auto sender = eth::Address::fromBytes(q.value(7).toByteArray());
    auto a0 = eth::parseI256(q.value(10).toString());
    auto a1 = eth::parseI256(q.value(11).toString());
    auto sqrtP = eth::parseU256(q.value(12).toString());
    auto liq = eth::parseU256(q.value(13).toString());
    if (!tx || !pool || !sender || !a0 || !a1 || !sqrtP || !liq)
        return Error::make(Error::Kind::Format, tr("The swap database holds a damaged row."),
                           QStringLiteral("block %1").arg(q.value(5).toString()));
    swap.txHash = *tx;
    swap.logIndex = q.value(2).toULongLong();
    swap.logIndexExact = q.value(3).toInt() != 0;
    swap.poolId = *pool;
    swap.blockNumber = q.value(5).toULongLong();
    swap.timestamp = q.value(6).toLongLong();
    swap.sender = *sender;
    if (!q.value(8).isNull()) {
        auto origin = eth::Address::fromBytes(q.value(8).toByteArray());
        if (origin)
            swap.origin = *origin;
    }
    if (!q.value(9).isNull())
        swap.originIsContract = q.value(9).toInt() != 0;
    swap.amount0 = *a0;
    swap.amount1 = *a1;
    swap.sqrtPriceX96 = *sqrtP;
    swap.liquidity = *liq;
    swap.tick = q.value(14).toInt();
    swap.fee = q.value(15).toUInt();
    return swap;
}

QList<BlockRange> merged(QList<BlockRange> ranges)
{
    std::sort(ranges.begin(), ranges.end(), [](const BlockRange &a, const BlockRange &b) { return a.from < b.from; });
    QList<BlockRange> out;
    for (const BlockRange &r : ranges) {
        if (!out.isEmpty() && r.from <= out.last().to + 1)
            out.last().to = std::max(out.last().to, r.to);
        else
            out.append(r);
    }
    return out;
}

} // namespace

struct SwapStore::Impl
{
    QString path;
    QString connection;
    QSqlDatabase db;

    ~Impl()
    {
        if (db.isOpen())
            db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(connection);
    }

    // A transaction that rolls back unless committed.
    struct Transaction
    {
        explicit Transaction(QSqlDatabase &db) : db(db) { open = db.transaction(); }
        ~Transaction()
        {
            if (open)
                db.rollback();
        }
        Status commit()
        {
            open = false;
            if (!db.commit())
                return sqlError(tr("saving"), db.lastError());
            return {};
        }
        QSqlDatabase &db;
        bool open = false;
    };

    Result<int> insertRows(const QList<PoolSwap> &swaps);
    Status addCoverageRow(const QString &chain, const eth::Hash32 &poolId, const BlockRange &range);
    Status putBlockRows(const QString &chain, const QList<BlockInfo> &blocks);
    Result<QList<BlockRange>> coverageRows(const QString &chain, const eth::Hash32 &poolId) const;
    QString whereClause(const SwapQuery &query) const;
    void bindWhere(QSqlQuery &q, const SwapQuery &query) const;
};

SwapStore::SwapStore(std::unique_ptr<Impl> impl) : d(std::move(impl)) {}
SwapStore::~SwapStore() = default;

QString SwapStore::path() const { return d->path; }

Result<std::unique_ptr<SwapStore>> SwapStore::open(const QString &path)
{
    static QAtomicInteger<quint64> counter{0};
    auto impl = std::make_unique<Impl>();
    impl->path = path;
    impl->connection = QStringLiteral("apedesk-swaps-%1").arg(++counter);
    impl->db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), impl->connection);
    impl->db.setDatabaseName(path);
    // Another connection may be writing (the service while a chart reads): wait instead of failing.
    impl->db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
    if (!impl->db.open())
        return sqlError(tr("opening %1").arg(QFileInfo(path).fileName()), impl->db.lastError());

    QSqlQuery probe(impl->db);
    if (!probe.exec(QStringLiteral("PRAGMA journal_mode=WAL")) || !probe.next())
        return Error::make(Error::Kind::Format,
                           tr("%1 is not an ApeDesk swap database (or it is damaged).").arg(QFileInfo(path).fileName()),
                           probe.lastError().text());
    probe.finish();
    for (const char *sql : {"PRAGMA synchronous=NORMAL", "PRAGMA temp_store=MEMORY"})
        if (auto ok = exec(impl->db, QString::fromLatin1(sql)); !ok)
            return ok.error();

    {
        Impl::Transaction transaction(impl->db);
        for (const char *sql : kSchema)
            if (auto ok = exec(impl->db, QString::fromLatin1(sql)); !ok)
                return ok.error();
        QSqlQuery version(impl->db);
        if (!version.exec(QStringLiteral("SELECT value FROM meta WHERE key = 'swap_schema'")))
            return sqlError(tr("reading its version"), version.lastError());
        if (version.next()) {
            const int found = version.value(0).toInt();
            if (found > kSchemaVersion)
                return Error::make(Error::Kind::Format,
                                   tr("%1 was written by a newer ApeDesk (swap schema %2); this version reads schema %3.")
                                       .arg(QFileInfo(path).fileName())
                                       .arg(found)
                                       .arg(kSchemaVersion));
        } else {
            QSqlQuery set(impl->db);
            set.prepare(QStringLiteral("INSERT INTO meta (key, value) VALUES ('swap_schema', ?)"));
            set.addBindValue(QString::number(kSchemaVersion));
            if (!set.exec())
                return sqlError(tr("writing its version"), set.lastError());
        }
        version.finish();
        if (auto ok = transaction.commit(); !ok)
            return ok.error();
    }
    return std::unique_ptr<SwapStore>(new SwapStore(std::move(impl)));
}

Result<int> SwapStore::Impl::insertRows(const QList<PoolSwap> &swaps)
{
    QSqlQuery dropInexact(db), insertExact(db), insertInexact(db);
    // A collected row is the truth about its transaction: it replaces rows a CSV import guessed.
    dropInexact.prepare(QStringLiteral("DELETE FROM swaps WHERE chain = ? AND tx_hash = ? AND log_index_exact = 0"));
    const QString values = QStringLiteral(" VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    const QString columns = QString::fromLatin1(kSwapColumns) + QStringLiteral(", price, eth, usdc");
    insertExact.prepare(QStringLiteral("INSERT OR IGNORE INTO swaps (") + columns + QLatin1Char(')') + values);
    // An imported row never displaces or duplicates a collected one.
    insertInexact.prepare(QStringLiteral("INSERT OR IGNORE INTO swaps (") + columns + QStringLiteral(") SELECT ")
                          + QStringLiteral("?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?")
                          + QStringLiteral(" WHERE NOT EXISTS (SELECT 1 FROM swaps WHERE chain = ? AND tx_hash = ?"
                                           " AND log_index_exact = 1)"));
    // Most chains never had an import: then there is nothing to replace and no DELETE per row.
    QSet<QString> chainsWithGuesses;
    {
        QSet<QString> chains;
        for (const PoolSwap &swap : swaps)
            if (swap.logIndexExact)
                chains.insert(swap.chain);
        QSqlQuery any(db);
        any.prepare(QStringLiteral("SELECT 1 FROM swaps WHERE chain = ? AND log_index_exact = 0 LIMIT 1"));
        for (const QString &chain : chains) {
            any.bindValue(0, chain);
            if (!any.exec())
                return sqlError(tr("reading swaps"), any.lastError());
            if (any.next())
                chainsWithGuesses.insert(chain);
            any.finish();
        }
    }
    int added = 0;
    for (const PoolSwap &swap : swaps) {
        const QByteArray tx = blob(swap.txHash);
        if (swap.logIndexExact && chainsWithGuesses.contains(swap.chain)) {
            dropInexact.bindValue(0, swap.chain);
            dropInexact.bindValue(1, tx);
            if (!dropInexact.exec())
                return sqlError(tr("replacing imported rows"), dropInexact.lastError());
        }
        QSqlQuery &insert = swap.logIndexExact ? insertExact : insertInexact;
        const SwapPoint point = toSwapPoint(swap);
        int i = 0;
        insert.bindValue(i++, swap.chain);
        insert.bindValue(i++, tx);
        insert.bindValue(i++, static_cast<qlonglong>(swap.logIndex));
        insert.bindValue(i++, swap.logIndexExact ? 1 : 0);
        insert.bindValue(i++, blob(swap.poolId));
        insert.bindValue(i++, static_cast<qlonglong>(swap.blockNumber));
        insert.bindValue(i++, static_cast<qlonglong>(swap.timestamp));
        insert.bindValue(i++, blob(swap.sender));
        insert.bindValue(i++, swap.origin ? QVariant(blob(*swap.origin)) : QVariant(QMetaType(QMetaType::QByteArray)));
        insert.bindValue(i++, swap.originIsContract ? QVariant(*swap.originIsContract ? 1 : 0)
                                                   : QVariant(QMetaType(QMetaType::Int)));
        insert.bindValue(i++, decimal(swap.amount0));
        insert.bindValue(i++, decimal(swap.amount1));
        insert.bindValue(i++, decimal(swap.sqrtPriceX96));
        insert.bindValue(i++, decimal(swap.liquidity));
        insert.bindValue(i++, swap.tick);
        insert.bindValue(i++, swap.fee);
        insert.bindValue(i++, point.price);
        insert.bindValue(i++, point.ethAmount);
        insert.bindValue(i++, point.usdcAmount);
        if (!swap.logIndexExact) {
            insert.bindValue(i++, swap.chain);
            insert.bindValue(i++, tx);
        }
        if (!insert.exec())
            return sqlError(tr("storing swaps"), insert.lastError());
        if (insert.numRowsAffected() > 0)
            ++added;
    }
    return added;
}

Result<int> SwapStore::insert(const QList<PoolSwap> &swaps)
{
    Impl::Transaction transaction(d->db);
    auto added = d->insertRows(swaps);
    if (!added)
        return added.error();
    if (auto ok = transaction.commit(); !ok)
        return ok.error();
    return added;
}

Result<int> SwapStore::commitBatch(const QList<PoolSwap> &swaps, const QList<BlockInfo> &blocks, const QString &chain,
                                   const eth::Hash32 &poolId, const BlockRange &covered)
{
    Impl::Transaction transaction(d->db);
    auto added = d->insertRows(swaps);
    if (!added)
        return added.error();
    if (auto ok = d->putBlockRows(chain, blocks); !ok)
        return ok.error();
    if (auto ok = d->addCoverageRow(chain, poolId, covered); !ok)
        return ok.error();
    if (auto ok = transaction.commit(); !ok)
        return ok.error();
    return added;
}

QString SwapStore::Impl::whereClause(const SwapQuery &query) const
{
    QString where = QStringLiteral(" WHERE chain = :chain AND pool_id = :pool");
    if (query.fromBlock)
        where += QStringLiteral(" AND block_number >= :fromBlock");
    if (query.toBlock)
        where += QStringLiteral(" AND block_number <= :toBlock");
    if (query.fromTime)
        where += QStringLiteral(" AND timestamp >= :fromTime");
    if (query.toTime)
        where += QStringLiteral(" AND timestamp <= :toTime");
    return where;
}

void SwapStore::Impl::bindWhere(QSqlQuery &q, const SwapQuery &query) const
{
    q.bindValue(QStringLiteral(":chain"), query.chain);
    q.bindValue(QStringLiteral(":pool"), blob(query.poolId));
    if (query.fromBlock)
        q.bindValue(QStringLiteral(":fromBlock"), static_cast<qlonglong>(*query.fromBlock));
    if (query.toBlock)
        q.bindValue(QStringLiteral(":toBlock"), static_cast<qlonglong>(*query.toBlock));
    if (query.fromTime)
        q.bindValue(QStringLiteral(":fromTime"), static_cast<qlonglong>(*query.fromTime));
    if (query.toTime)
        q.bindValue(QStringLiteral(":toTime"), static_cast<qlonglong>(*query.toTime));
}

namespace {
// The rows of a query in (block, log index) order; with newestFirst + limit, the newest rows.
QString orderedSelect(const QString &columns, const QString &where, const SwapQuery &query)
{
    if (query.limit > 0 && query.newestFirst)
        return QStringLiteral("SELECT * FROM (SELECT ") + columns + QStringLiteral(" FROM swaps") + where
            + QStringLiteral(" ORDER BY block_number DESC, log_index DESC LIMIT %1)").arg(query.limit)
            + QStringLiteral(" ORDER BY block_number, log_index");
    QString sql = QStringLiteral("SELECT ") + columns + QStringLiteral(" FROM swaps") + where
        + QStringLiteral(" ORDER BY block_number, log_index");
    if (query.limit > 0)
        sql += QStringLiteral(" LIMIT %1").arg(query.limit);
    return sql;
}
} // namespace

Result<QList<PoolSwap>> SwapStore::swaps(const SwapQuery &query) const
{
    QSqlQuery q(d->db);
    q.setForwardOnly(true);
    q.prepare(orderedSelect(QString::fromLatin1(kSwapColumns),
                            d->whereClause(query), query));
    d->bindWhere(q, query);
    if (!q.exec())
        return sqlError(tr("reading swaps"), q.lastError());
    QList<PoolSwap> rows;
    while (q.next()) {
        auto swap = swapFromRow(q);
        if (!swap)
            return swap.error();
        rows.append(std::move(swap).value());
    }
    return rows;
}

Result<QVector<SwapPoint>> SwapStore::points(const SwapQuery &query) const
{
    QSqlQuery q(d->db);
    q.setForwardOnly(true);
    q.prepare(orderedSelect(QStringLiteral("timestamp, price, eth, usdc, block_number, log_index"),
                            d->whereClause(query), query));
    d->bindWhere(q, query);
    if (!q.exec())
        return sqlError(tr("reading swaps"), q.lastError());
    QVector<SwapPoint> points;
    while (q.next()) {
        SwapPoint p;
        p.timestamp = q.value(0).toLongLong();
        p.price = q.value(1).toDouble();
        p.ethAmount = q.value(2).toDouble();
        p.usdcAmount = q.value(3).toDouble();
        p.blockNumber = q.value(4).toULongLong();
        p.logIndex = q.value(5).toUInt();
        points.append(p);
    }
    return points;
}

Result<qint64> SwapStore::count(const QString &chain, const eth::Hash32 &poolId) const
{
    QSqlQuery q(d->db);
    q.prepare(QStringLiteral("SELECT COUNT(*) FROM swaps WHERE chain = ? AND pool_id = ?"));
    q.addBindValue(chain);
    q.addBindValue(blob(poolId));
    if (!q.exec() || !q.next())
        return sqlError(tr("counting swaps"), q.lastError());
    return q.value(0).toLongLong();
}

Result<QList<SwapStore::PoolSummary>> SwapStore::pools() const
{
    QSqlQuery q(d->db);
    if (!q.exec(QStringLiteral("SELECT chain, pool_id, COUNT(*), MIN(block_number), MAX(block_number),"
                               " MIN(timestamp), MAX(timestamp) FROM swaps GROUP BY chain, pool_id ORDER BY chain, pool_id")))
        return sqlError(tr("listing pools"), q.lastError());
    QList<PoolSummary> out;
    while (q.next()) {
        auto pool = eth::Hash32::fromBytes(q.value(1).toByteArray());
        if (!pool)
            continue;
        PoolSummary s;
        s.chain = q.value(0).toString();
        s.poolId = *pool;
        s.rows = q.value(2).toLongLong();
        s.firstBlock = q.value(3).toULongLong();
        s.lastBlock = q.value(4).toULongLong();
        s.firstTime = q.value(5).toLongLong();
        s.lastTime = q.value(6).toLongLong();
        out.append(s);
    }
    return out;
}

Result<QList<BlockRange>> SwapStore::Impl::coverageRows(const QString &chain, const eth::Hash32 &poolId) const
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT from_block, to_block FROM coverage WHERE chain = ? AND pool_id = ? ORDER BY from_block"));
    q.addBindValue(chain);
    q.addBindValue(blob(poolId));
    if (!q.exec())
        return sqlError(tr("reading the collection checkpoint"), q.lastError());
    QList<BlockRange> ranges;
    while (q.next())
        ranges.append({q.value(0).toULongLong(), q.value(1).toULongLong()});
    return ranges;
}

Result<QList<BlockRange>> SwapStore::coverage(const QString &chain, const eth::Hash32 &poolId) const
{
    return d->coverageRows(chain, poolId);
}

Status SwapStore::Impl::addCoverageRow(const QString &chain, const eth::Hash32 &poolId, const BlockRange &range)
{
    if (range.to < range.from)
        return {};
    auto existing = coverageRows(chain, poolId);
    if (!existing)
        return existing.error();
    QList<BlockRange> ranges = *existing;
    ranges.append(range);
    ranges = merged(ranges);
    if (ranges == *existing)
        return {};
    // Few rows per pool (merged), so rewriting them is cheap and keeps the merge logic in one place.
    QSqlQuery clear(db);
    clear.prepare(QStringLiteral("DELETE FROM coverage WHERE chain = ? AND pool_id = ?"));
    clear.addBindValue(chain);
    clear.addBindValue(blob(poolId));
    if (!clear.exec())
        return sqlError(tr("saving the collection checkpoint"), clear.lastError());
    QSqlQuery add(db);
    add.prepare(QStringLiteral("INSERT INTO coverage (chain, pool_id, from_block, to_block) VALUES (?, ?, ?, ?)"));
    for (const BlockRange &r : ranges) {
        add.bindValue(0, chain);
        add.bindValue(1, blob(poolId));
        add.bindValue(2, static_cast<qlonglong>(r.from));
        add.bindValue(3, static_cast<qlonglong>(r.to));
        if (!add.exec())
            return sqlError(tr("saving the collection checkpoint"), add.lastError());
    }
    return {};
}

Status SwapStore::addCoverage(const QString &chain, const eth::Hash32 &poolId, const BlockRange &range)
{
    Impl::Transaction transaction(d->db);
    if (auto ok = d->addCoverageRow(chain, poolId, range); !ok)
        return ok;
    return transaction.commit();
}

Result<QList<BlockRange>> SwapStore::gaps(const QString &chain, const eth::Hash32 &poolId, const BlockRange &range) const
{
    auto covered = d->coverageRows(chain, poolId);
    if (!covered)
        return covered.error();
    QList<BlockRange> out;
    if (range.to < range.from)
        return out;
    quint64 next = range.from;
    for (const BlockRange &r : *covered) {
        if (r.to < next)
            continue;
        if (r.from > range.to)
            break;
        if (r.from > next)
            out.append({next, r.from - 1});
        if (r.to >= range.to)
            return out;
        next = r.to + 1;
    }
    out.append({next, range.to});
    return out;
}

Result<std::optional<BlockInfo>> SwapStore::block(const QString &chain, quint64 number) const
{
    auto found = blocks(chain, {number});
    if (!found)
        return found.error();
    if (!found->contains(number))
        return std::optional<BlockInfo>();
    return std::optional<BlockInfo>(found->value(number));
}

Result<QHash<quint64, BlockInfo>> SwapStore::blocks(const QString &chain, const QList<quint64> &numbers) const
{
    QHash<quint64, BlockInfo> out;
    if (numbers.isEmpty())
        return out;
    QSqlQuery q(d->db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT hash, timestamp FROM blocks WHERE chain = ? AND number = ?"));
    for (quint64 number : numbers) {
        q.bindValue(0, chain);
        q.bindValue(1, static_cast<qlonglong>(number));
        if (!q.exec())
            return sqlError(tr("reading blocks"), q.lastError());
        if (q.next()) {
            auto hash = eth::Hash32::fromBytes(q.value(0).toByteArray());
            if (hash)
                out.insert(number, BlockInfo{number, *hash, q.value(1).toLongLong()});
        }
        q.finish();
    }
    return out;
}

Status SwapStore::Impl::putBlockRows(const QString &chain, const QList<BlockInfo> &blocks)
{
    if (blocks.isEmpty())
        return {};
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO blocks (chain, number, hash, timestamp) VALUES (?, ?, ?, ?)"));
    for (const BlockInfo &b : blocks) {
        q.bindValue(0, chain);
        q.bindValue(1, static_cast<qlonglong>(b.number));
        q.bindValue(2, blob(b.hash));
        q.bindValue(3, static_cast<qlonglong>(b.timestamp));
        if (!q.exec())
            return sqlError(tr("storing blocks"), q.lastError());
    }
    return {};
}

Status SwapStore::putBlocks(const QString &chain, const QList<BlockInfo> &blocks)
{
    Impl::Transaction transaction(d->db);
    if (auto ok = d->putBlockRows(chain, blocks); !ok)
        return ok;
    return transaction.commit();
}

Status SwapStore::truncateFrom(const QString &chain, quint64 fromBlock)
{
    Impl::Transaction transaction(d->db);
    const qlonglong from = static_cast<qlonglong>(fromBlock);
    const QList<QPair<QString, QString>> steps{
        {QStringLiteral("DELETE FROM swaps WHERE chain = ? AND block_number >= ?"), QString()},
        {QStringLiteral("DELETE FROM blocks WHERE chain = ? AND number >= ?"), QString()},
        {QStringLiteral("DELETE FROM coverage WHERE chain = ? AND from_block >= ?"), QString()},
        {QStringLiteral("UPDATE coverage SET to_block = ? - 1 WHERE chain = ? AND to_block >= ?"), QStringLiteral("update")},
    };
    for (const auto &step : steps) {
        QSqlQuery q(d->db);
        q.prepare(step.first);
        if (step.second.isEmpty()) {
            q.addBindValue(chain);
            q.addBindValue(from);
        } else {
            q.addBindValue(from);
            q.addBindValue(chain);
            q.addBindValue(from);
        }
        if (!q.exec())
            return sqlError(tr("dropping blocks after a chain reset"), q.lastError());
    }
    qCInfo(lcMarket) << "dropped stored swaps of" << chain << "from block" << fromBlock;
    return transaction.commit();
}

} // namespace apedesk::market
