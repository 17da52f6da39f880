// The swap store on real SQLite files: exact round trip of every field, no duplicates for overlapping
// inserts, collected rows replacing a CSV import's guessed log indexes (and never the reverse),
// ordering, coverage (the collector's checkpoint) merging and gaps, the block cache, truncation
// after a chain reset, atomic batches, WAL with a second connection reading beside a writer, and
// clear errors for files that are not ours.
#include "market/swapstore.h"

#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace apedesk;
using namespace apedesk::market;

// QVERIFY2 builds its message even on success, so only ask a failed result for its error.
#define VERIFY_OK(result) QVERIFY2(result, (result) ? "" : qPrintable((result).error().toString()))

namespace {

eth::Hash32 hashOf(int n)
{
    QByteArray bytes(32, '\0');
    bytes[30] = char(n >> 8);
    bytes[31] = char(n & 0xff);
    return *eth::Hash32::fromBytes(bytes);
}

eth::Address addressOf(int n)
{
    QByteArray bytes(20, '\0');
    bytes[19] = char(n);
    return *eth::Address::fromBytes(bytes);
}

const eth::Hash32 kPool = hashOf(0xabc);

PoolSwap makeSwap(quint64 block, int tx, quint64 logIndex, bool exact = true)
{
    PoolSwap s;
    s.chain = QStringLiteral("8453");
    s.poolId = kPool;
    s.blockNumber = block;
    s.txHash = hashOf(tx);
    s.logIndex = logIndex;
    s.logIndexExact = exact;
    s.sender = addressOf(7);
    s.amount0 = -eth::i256(100000000000000LL) * (tx + 1);
    s.amount1 = eth::i256(319782) * (tx + 1);
    // Values beyond 64 bits must survive exactly.
    s.sqrtPriceX96 = *eth::parseU256(QStringLiteral("4458936925670369649410795"));
    s.liquidity = *eth::parseU256(QStringLiteral("562108584583"));
    s.tick = -195714;
    s.fee = 500;
    s.timestamp = 1737646995 + qint64(block) * 2;
    return s;
}

std::unique_ptr<SwapStore> openStore(const QString &path)
{
    auto store = SwapStore::open(path);
    if (!store)
        qFatal("open failed: %s", qPrintable(store.error().toString()));
    return std::move(store).value();
}

SwapQuery all()
{
    SwapQuery q;
    q.chain = QStringLiteral("8453");
    q.poolId = kPool;
    return q;
}

} // namespace

class TestSwapStore : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString dbPath(const char *name) const { return m_dir.filePath(QString::fromLatin1(name)); }

private Q_SLOTS:
    void roundTripsEveryField()
    {
        auto store = openStore(dbPath("roundtrip.sqlite"));
        PoolSwap a = makeSwap(10, 1, 3);
        a.origin = addressOf(9);
        a.originIsContract = true;
        PoolSwap b = makeSwap(10, 2, 1);   // same block, lower log index: comes first
        PoolSwap c = makeSwap(9, 3, 7);
        c.amount0 = eth::i256(QStringLiteral("-170141183460469231731687303715884105728").toStdString());   // int128 min
        auto added = store->insert({a, b, c});
        VERIFY_OK(added);
        QCOMPARE(*added, 3);
        auto rows = store->swaps(all());
        QVERIFY(rows);
        QCOMPARE(rows->size(), 3);
        QCOMPARE(rows->at(0), c);
        QCOMPARE(rows->at(1), b);
        QCOMPARE(rows->at(2), a);
        QVERIFY(!rows->at(1).origin.has_value());
        QVERIFY(!rows->at(1).originIsContract.has_value());
        QCOMPARE(*store->count(QStringLiteral("8453"), kPool), 3);
        // Reopening reads the same rows.
        store.reset();
        auto again = openStore(dbPath("roundtrip.sqlite"));
        QCOMPARE(again->swaps(all())->at(2), a);
    }

    void overlappingInsertsAddNothingTwice()
    {
        auto store = openStore(dbPath("dedupe.sqlite"));
        QList<PoolSwap> first, second;
        for (int i = 0; i < 50; ++i)
            first.append(makeSwap(100 + i, i, 0));
        for (int i = 40; i < 80; ++i)
            second.append(makeSwap(100 + i, i, 0));
        QCOMPARE(*store->insert(first), 50);
        QCOMPARE(*store->insert(second), 30);
        QCOMPARE(*store->insert(second), 0);
        QCOMPARE(*store->count(QStringLiteral("8453"), kPool), 80);
        // Another chain key is another data set.
        PoolSwap local = makeSwap(100, 0, 0);
        local.chain = QStringLiteral("8453-local");
        QCOMPARE(*store->insert({local}), 1);
        QCOMPARE(*store->count(QStringLiteral("8453"), kPool), 80);
        auto pools = store->pools();
        QVERIFY(pools);
        QCOMPARE(pools->size(), 2);
    }

    void collectedRowsReplaceImportedGuesses()
    {
        auto store = openStore(dbPath("inexact.sqlite"));
        // A CSV import: two swaps of one transaction, log index unknown (file order 0, 1).
        PoolSwap g0 = makeSwap(500, 42, 0, false), g1 = makeSwap(500, 42, 1, false);
        QCOMPARE(*store->insert({g0, g1}), 2);
        // The collector finds the real log indexes 5 and 9.
        PoolSwap e0 = makeSwap(500, 42, 5), e1 = makeSwap(500, 42, 9);
        QCOMPARE(*store->insert({e0, e1}), 2);
        auto rows = store->swaps(all());
        QCOMPARE(rows->size(), 2);
        QCOMPARE(rows->at(0), e0);
        QCOMPARE(rows->at(1), e1);
        // Importing the CSV again changes nothing.
        QCOMPARE(*store->insert({g0, g1}), 0);
        QCOMPARE(store->swaps(all())->size(), 2);
    }

    void queriesByRangeAndNewest()
    {
        auto store = openStore(dbPath("query.sqlite"));
        QList<PoolSwap> swaps;
        for (int i = 0; i < 100; ++i)
            swaps.append(makeSwap(1000 + i, i, 0));
        QCOMPARE(*store->insert(swaps), 100);
        SwapQuery q = all();
        q.fromBlock = 1010;
        q.toBlock = 1019;
        QCOMPARE(store->swaps(q)->size(), 10);
        q = all();
        q.fromTime = swaps[90].timestamp;
        QCOMPARE(store->points(q)->size(), 10);
        q = all();
        q.limit = 5;
        q.newestFirst = true;
        auto newest = store->swaps(q);
        QCOMPARE(newest->size(), 5);
        QCOMPARE(newest->first().blockNumber, quint64(1095));   // oldest of the newest five first
        QCOMPARE(newest->last().blockNumber, quint64(1099));
        auto points = store->points(all());
        QCOMPARE(points->size(), 100);
        const SwapPoint expected = toSwapPoint(swaps[3]);
        QCOMPARE(points->at(3).price, expected.price);
        QCOMPARE(points->at(3).ethAmount, expected.ethAmount);
        QCOMPARE(points->at(3).usdcAmount, expected.usdcAmount);
        QCOMPARE(points->at(3).timestamp, expected.timestamp);
        QVERIFY(qAbs(expected.price - 3167.3) < 1.0);   // sqrtPriceX96 of the tutorial's first row
    }

    void coverageMergesAndReportsGaps()
    {
        auto store = openStore(dbPath("coverage.sqlite"));
        const QString chain = QStringLiteral("8453");
        QVERIFY(store->addCoverage(chain, kPool, {100, 199}));
        QVERIFY(store->addCoverage(chain, kPool, {300, 399}));
        QVERIFY(store->addCoverage(chain, kPool, {200, 249}));   // adjacent: merges with the first
        auto cov = store->coverage(chain, kPool);
        QCOMPARE(cov->size(), 2);
        QCOMPARE(cov->at(0), (BlockRange{100, 249}));
        QCOMPARE(cov->at(1), (BlockRange{300, 399}));
        auto gaps = store->gaps(chain, kPool, {50, 450});
        QCOMPARE(gaps->size(), 3);
        QCOMPARE(gaps->at(0), (BlockRange{50, 99}));
        QCOMPARE(gaps->at(1), (BlockRange{250, 299}));
        QCOMPARE(gaps->at(2), (BlockRange{400, 450}));
        QVERIFY(store->gaps(chain, kPool, {120, 240})->isEmpty());
        QCOMPARE(store->gaps(chain, kPool, {240, 310})->size(), 1);
        QVERIFY(store->addCoverage(chain, kPool, {0, 1000}));
        QCOMPARE(store->coverage(chain, kPool)->size(), 1);
        // Other pools are separate.
        QVERIFY(store->coverage(chain, hashOf(1))->isEmpty());
    }

    void commitBatchIsOneUnit()
    {
        auto store = openStore(dbPath("batch.sqlite"));
        const QString chain = QStringLiteral("8453");
        QList<BlockInfo> blocks{{7, hashOf(7), 1700000000}, {8, hashOf(8), 1700000002}};
        auto added = store->commitBatch({makeSwap(7, 1, 0), makeSwap(8, 2, 0)}, blocks, chain, kPool, {1, 8});
        QVERIFY(added);
        QCOMPARE(*added, 2);
        QCOMPARE(store->coverage(chain, kPool)->first(), (BlockRange{1, 8}));
        auto block = store->block(chain, 8);
        QVERIFY(block && block->has_value());
        QCOMPARE((*block)->hash, hashOf(8));
        QCOMPARE((*block)->timestamp, qint64(1700000002));
        QVERIFY(!store->block(chain, 9)->has_value());
        QCOMPARE(store->blocks(chain, {7, 8, 9})->size(), 2);

        // A batch that fails half-way leaves nothing behind: make the swaps table refuse rows.
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("saboteur"));
            db.setDatabaseName(dbPath("batch.sqlite"));
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("CREATE TRIGGER refuse BEFORE INSERT ON swaps WHEN NEW.block_number = 20 "
                                          "BEGIN SELECT RAISE(ABORT, 'refused'); END")));
            q.finish();
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("saboteur"));
        auto failed = store->commitBatch({makeSwap(19, 3, 0), makeSwap(20, 4, 0)}, {{19, hashOf(19), 1}}, chain,
                                         kPool, {9, 20});
        QVERIFY(!failed);
        QVERIFY(!failed.error().message.isEmpty());
        QCOMPARE(*store->count(chain, kPool), 2);
        QCOMPARE(store->coverage(chain, kPool)->first(), (BlockRange{1, 8}));
        QVERIFY(!store->block(chain, 19)->has_value());
    }

    void truncateForgetsEverythingFromABlock()
    {
        auto store = openStore(dbPath("truncate.sqlite"));
        const QString chain = QStringLiteral("8453");
        QList<PoolSwap> swaps;
        QList<BlockInfo> blocks;
        for (int i = 0; i < 20; ++i) {
            swaps.append(makeSwap(i, i, 0));
            blocks.append({quint64(i), hashOf(i), 1000 + i});
        }
        QVERIFY(store->commitBatch(swaps, blocks, chain, kPool, {0, 19}));
        QVERIFY(store->addCoverage(chain, kPool, {30, 40}));
        QVERIFY(store->truncateFrom(chain, 12));
        QCOMPARE(*store->count(chain, kPool), 12);
        QCOMPARE(store->coverage(chain, kPool)->size(), 1);
        QCOMPARE(store->coverage(chain, kPool)->first(), (BlockRange{0, 11}));
        QVERIFY(!store->block(chain, 12)->has_value());
        QVERIFY(store->block(chain, 11)->has_value());
        QVERIFY(store->truncateFrom(chain, 0));
        QCOMPARE(*store->count(chain, kPool), 0);
        QVERIFY(store->coverage(chain, kPool)->isEmpty());
    }

    void walLetsAReaderRunBesideAWriter()
    {
        const QString path = dbPath("wal.sqlite");
        auto writer = openStore(path);
        auto reader = openStore(path);
        QSqlDatabase check = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("walcheck"));
        check.setDatabaseName(path);
        QVERIFY(check.open());
        {
            QSqlQuery q(check);
            QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode")));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toString(), QStringLiteral("wal"));
            // An open write transaction elsewhere does not block readers.
            QVERIFY(q.exec(QStringLiteral("BEGIN IMMEDIATE")));
            QVERIFY(q.exec(QStringLiteral("INSERT INTO meta (key, value) VALUES ('x', 'y')")));
            QVERIFY(reader->swaps(all()));
            QVERIFY(q.exec(QStringLiteral("ROLLBACK")));
        }
        check.close();
        check = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("walcheck"));
        QCOMPARE(*writer->insert({makeSwap(1, 1, 0)}), 1);
        QCOMPARE(reader->swaps(all())->size(), 1);
    }

    void refusesFilesThatAreNotOurs()
    {
        const QString junk = dbPath("junk.sqlite");
        QFile file(junk);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(4096, 'x'));
        file.close();
        auto opened = SwapStore::open(junk);
        QVERIFY(!opened);
        QVERIFY2(opened.error().message.contains(QStringLiteral("junk.sqlite")), qPrintable(opened.error().message));
        QFile reread(junk);
        QVERIFY(reread.open(QIODevice::ReadOnly));
        QCOMPARE(reread.readAll(), QByteArray(4096, 'x'));   // untouched

        const QString newer = dbPath("newer.sqlite");
        openStore(newer).reset();
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("bump"));
            db.setDatabaseName(newer);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("UPDATE meta SET value = '99' WHERE key = 'swap_schema'")));
            q.finish();
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("bump"));
        auto tooNew = SwapStore::open(newer);
        QVERIFY(!tooNew);
        QVERIFY2(tooNew.error().message.contains(QStringLiteral("newer")), qPrintable(tooNew.error().message));

        auto missingDir = SwapStore::open(m_dir.filePath(QStringLiteral("no/such/dir/x.sqlite")));
        QVERIFY(!missingDir);
    }
};

QTEST_GUILESS_MAIN(TestSwapStore)
#include "test_swap_store.moc"
