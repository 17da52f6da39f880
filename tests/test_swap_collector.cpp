// The history collector against a real anvil with the sandbox's Uniswap V4 pool and ~60 real swaps
// in both directions (several in some blocks): batches of 7 blocks with overlapping restarts store
// exactly the Swap logs the receipts show, every field, with no gap and no duplicate, and the
// coverage merges to one range; a canceled run resumes without fetching a covered block again;
// two endpoints with the first one dead complete; a provider that refuses ranges over 3 blocks gets
// halves; a malformed answer is a clear error that commits nothing of its batch; origins are the
// transactions' senders; and `apedesk-cli data collect`, killed with SIGKILL or stopped with
// SIGINT mid-run, resumes where it stopped when run again.

#include "market/swapcollector.h"
#include "market/swapstore.h"

#include "processrunner.h"
#include "swapsandbox.h"

#include <QJsonDocument>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace apedesk;
using namespace apedesk::market;

namespace {

quint16 closedPort()
{
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost, 0) ? probe.serverPort() : 0;
}

QString describe(const PoolSwap &s)
{
    return QStringLiteral("%1 block %2 tx %3 log %4 a0 %5 a1 %6 ts %7")
        .arg(s.chain)
        .arg(s.blockNumber)
        .arg(s.txHash.toHex())
        .arg(s.logIndex)
        .arg(eth::toDecimal(s.amount0), eth::toDecimal(s.amount1))
        .arg(s.timestamp);
}

} // namespace

class TestSwapCollector : public QObject
{
    Q_OBJECT
private:
    SwapSandbox m_sandbox;
    QTemporaryDir m_dir;
    QList<PoolSwap> m_expected;
    QList<eth::Hash32> m_txs;
    quint64 m_end = 0;
    int m_dbCount = 0;

    std::unique_ptr<SwapStore> newStore()
    {
        auto store = SwapStore::open(m_dir.filePath(QStringLiteral("swaps-%1.sqlite").arg(++m_dbCount)));
        if (!store) {
            qWarning() << store.error().toString();
            return nullptr;
        }
        return std::move(store).value();
    }

    CollectRequest request(quint64 from, quint64 to, QList<QString> urls = {}) const
    {
        CollectRequest r;
        r.rpcUrls = urls.isEmpty() ? QList<QString>{m_sandbox.anvil.url().toString()} : urls;
        r.poolManager = m_sandbox.deployment.poolManager;
        r.poolId = m_sandbox.deployment.poolId;
        r.fromBlock = from;
        r.toBlock = to;
        r.batchBlocks = 7;
        return r;
    }

    QList<PoolSwap> stored(SwapStore &store, std::optional<quint64> from = {}, std::optional<quint64> to = {}) const
    {
        SwapQuery query;
        query.chain = m_sandbox.chain();
        query.poolId = m_sandbox.deployment.poolId;
        query.fromBlock = from;
        query.toBlock = to;
        auto rows = store.swaps(query);
        return rows ? *rows : QList<PoolSwap>();
    }

    QList<PoolSwap> expectedIn(quint64 from, quint64 to) const
    {
        QList<PoolSwap> rows;
        for (const PoolSwap &row : m_expected)
            if (row.blockNumber >= from && row.blockNumber <= to)
                rows << row;
        return rows;
    }

    // The store holds exactly the receipts' rows inside its coverage, and none outside.
    void verifyConsistent(SwapStore &store)
    {
        auto coverage = store.coverage(m_sandbox.chain(), m_sandbox.deployment.poolId);
        QVERIFY(coverage.ok());
        QList<PoolSwap> inside;
        for (const BlockRange &range : *coverage)
            inside << expectedIn(range.from, range.to);
        const QList<PoolSwap> rows = stored(store);
        if (rows != inside) {
            for (const PoolSwap &row : rows)
                qWarning().noquote() << "stored  " << describe(row);
            for (const PoolSwap &row : inside)
                qWarning().noquote() << "expected" << describe(row);
        }
        QCOMPARE(rows.size(), inside.size());
        QVERIFY(rows == inside);
    }

    void verifyComplete(SwapStore &store)
    {
        verifyConsistent(store);
        auto coverage = store.coverage(m_sandbox.chain(), m_sandbox.deployment.poolId);
        QVERIFY(coverage.ok());
        QCOMPARE(coverage->size(), 1);
        QCOMPARE(coverage->first(), (BlockRange{0, m_end}));
        QCOMPARE(stored(store).size(), m_expected.size());
    }

    ProcessResult runCli(const QStringList &args, QTemporaryDir &home)
    {
        return runProcess(qEnvironmentVariable("APEDESK_CLI"), args, isolatedEnvironment(home), 120000);
    }

    QStringList cliCollectArgs(const QString &db) const
    {
        return {QStringLiteral("data"), QStringLiteral("collect"), QStringLiteral("--rpc"), m_sandbox.anvil.url().toString(),
                QStringLiteral("--from"), QStringLiteral("0"), QStringLiteral("--to"), QString::number(m_end),
                QStringLiteral("--db"), db, QStringLiteral("--batch"), QStringLiteral("3"),
                QStringLiteral("--pool-manager"), m_sandbox.deployment.poolManager.toChecksumString(),
                QStringLiteral("--pool-id"), m_sandbox.deployment.poolId.toHex(), QStringLiteral("--json")};
    }

    // Starts the CLI slowly, waits until it committed a few batches, then sends `signalNumber`.
    void interruptCli(int signalNumber)
    {
        if (qEnvironmentVariable("APEDESK_CLI").isEmpty())
            QSKIP("APEDESK_CLI is not set (the CLI is built with APEDESK_WITH_ML=ON)");
        QTemporaryDir home;
        const QString db = m_dir.filePath(QStringLiteral("cli-%1.sqlite").arg(signalNumber));
        QProcess process;
        process.setProcessEnvironment(isolatedEnvironment(home));
        process.start(qEnvironmentVariable("APEDESK_CLI"), cliCollectArgs(db) << QStringLiteral("--rate")
                                                                               << QStringLiteral("6")
                                                                               << QStringLiteral("--progress"));
        QVERIFY(process.waitForStarted(10000));
        // Wait for some committed batches, read through a second connection (WAL).
        qint64 rows = 0;
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < 60000 && process.state() == QProcess::Running) {
            QTest::qWait(100);
            if (!QFile::exists(db))
                continue;
            auto reader = SwapStore::open(db);
            if (!reader)
                continue;
            auto count = (*reader)->count(m_sandbox.chain(), m_sandbox.deployment.poolId);
            rows = count ? *count : 0;
            if (rows >= 8)
                break;
        }
        QVERIFY2(process.state() == QProcess::Running, process.readAllStandardError().constData());
        QVERIFY(rows >= 8);
        ::kill(static_cast<pid_t>(process.processId()), signalNumber);
        QVERIFY(process.waitForFinished(20000));
        const QByteArray err = process.readAllStandardError();
        if (signalNumber == SIGKILL) {
            QCOMPARE(process.exitStatus(), QProcess::CrashExit);
        } else {
            QCOMPARE(process.exitStatus(), QProcess::NormalExit);
            QCOMPARE(process.exitCode(), 1);
            QVERIFY2(err.contains("stopped") && err.contains("run the same command again"), err.constData());
        }
        {
            auto store = SwapStore::open(db);
            QVERIFY(store.ok());
            verifyConsistent(**store);
            QVERIFY(stored(**store).size() < m_expected.size());   // it really stopped mid-run
        }
        // The same command again finishes the rest only.
        const ProcessResult again = runCli(cliCollectArgs(db), home);
        QVERIFY2(again.exitCode == 0, again.err.constData());
        const QJsonObject record = QJsonDocument::fromJson(again.out.trimmed().split('\n').last()).object();
        QCOMPARE(record.value(QStringLiteral("from")).toInteger(), 0);
        QCOMPARE(record.value(QStringLiteral("to")).toInteger(), qint64(m_end));
        QCOMPARE(record.value(QStringLiteral("events_stored")).toInteger(), qint64(m_expected.size()) - rows);
        for (const char *field : {"events_seen", "requests", "seconds", "events_per_second"})
            QVERIFY2(record.contains(QLatin1String(field)), field);
        auto store = SwapStore::open(db);
        QVERIFY(store.ok());
        verifyComplete(**store);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(m_sandbox.start(), qPrintable(m_sandbox.lastError));
        m_txs = m_sandbox.makeSwaps(60, 5);
        QVERIFY2(m_txs.size() == 60, qPrintable(m_sandbox.lastError));
        m_sandbox.mine();   // an empty block at the end
        m_end = m_sandbox.blockNumber();
        m_expected = m_sandbox.expectedRows(m_txs);
        QCOMPARE(m_expected.size(), 60);
        // Both directions, and blocks with several swaps.
        int buys = 0;
        QHash<quint64, int> perBlock;
        for (const PoolSwap &row : m_expected) {
            buys += row.amount0 < 0 ? 1 : 0;
            ++perBlock[row.blockNumber];
        }
        QVERIFY(buys > 10 && buys < 50);
        QVERIFY(*std::max_element(perBlock.begin(), perBlock.end()) >= 3);
        qInfo("%d swaps in %d blocks, head %llu", int(m_expected.size()), int(perBlock.size()), m_end);
    }

    void overlappingRestartsStoreExactlyTheReceipts()
    {
        auto store = newStore();
        QVERIFY(store);
        const quint64 half = m_end / 2;
        QList<CollectProgress> progress;
        QList<PoolSwap> announced;
        SwapCollector::Hooks hooks;
        hooks.progress = [&](const CollectProgress &p) { progress << p; };
        hooks.stored = [&](const QList<PoolSwap> &rows) { announced << rows; };

        SwapCollector first(store.get(), request(0, half));
        auto r1 = first.run(hooks);
        QVERIFY2(r1.ok(), r1 ? "" : qPrintable(r1.error().toString()));
        QCOMPARE(first.chain(), m_sandbox.chain());
        QCOMPARE(r1->fromBlock, quint64(0));
        QCOMPARE(r1->toBlock, half);
        QCOMPARE(r1->eventsStored, qint64(expectedIn(0, half).size()));
        verifyConsistent(*store);
        QVERIFY(!progress.isEmpty());
        QCOMPARE(progress.last().blocksDone, half + 1);
        QCOMPARE(progress.last().blocksTotal, half + 1);
        for (int i = 1; i < progress.size(); ++i)
            QVERIFY(progress.at(i).blocksDone >= progress.at(i - 1).blocksDone);
        QVERIFY(!progress.last().endpoint.isEmpty());
        QVERIFY(!progress.last().text.isEmpty());

        progress.clear();
        SwapCollector second(store.get(), request(half - 10, m_end));
        auto r2 = second.run(hooks);
        QVERIFY2(r2.ok(), r2 ? "" : qPrintable(r2.error().toString()));
        QCOMPARE(r2->eventsStored, qint64(expectedIn(half + 1, m_end).size()));
        // The overlap counted as done from the start and was not fetched again.
        QCOMPARE(progress.first().blocksDone, quint64(11));
        QCOMPARE(r2->eventsSeen, r2->eventsStored);
        verifyComplete(*store);

        SwapCollector third(store.get(), request(0, m_end));
        auto r3 = third.run(hooks);
        QVERIFY(r3.ok());
        QCOMPARE(r3->eventsStored, 0);
        QCOMPARE(r3->eventsSeen, 0);
        QCOMPARE(r3->requests, 2);   // chain id and head only
        verifyComplete(*store);
        QVERIFY(announced == m_expected);   // the stored hook: each new row once, in order
    }

    void clampsToTheConfirmedHead()
    {
        auto store = newStore();
        QVERIFY(store);
        CollectRequest r = request(m_end - 20, m_end + 50);
        r.confirmations = 5;
        QString firstText;
        SwapCollector::Hooks hooks;
        hooks.progress = [&](const CollectProgress &p) {
            if (firstText.isEmpty())
                firstText = p.text;
        };
        SwapCollector collector(store.get(), r);
        auto result = collector.run(hooks);
        QVERIFY2(result.ok(), result ? "" : qPrintable(result.error().toString()));
        QCOMPARE(result->toBlock, m_end - 5);
        QVERIFY2(firstText.contains(QString::number(m_end - 5)), qPrintable(firstText));
        QCOMPARE(stored(*store).size(), expectedIn(m_end - 20, m_end - 5).size());

        r.fromBlock = m_end - 2;   // nothing confirmed there yet
        SwapCollector early(store.get(), r);
        QCOMPARE(early.run({}).error().kind, Error::Kind::Usage);
    }

    void cancelThenResumeFetchesOnlyTheRest()
    {
        auto store = newStore();
        QVERIFY(store);
        RpcProxy proxy(m_sandbox.anvil.port());
        int batches = 0;
        SwapCollector::Hooks hooks;
        hooks.progress = [&](const CollectProgress &) { ++batches; };
        hooks.canceled = [&] { return batches >= 6; };
        SwapCollector canceled(store.get(), request(0, m_end, {proxy.url().toString()}));
        auto r = canceled.run(hooks);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().kind, Error::Kind::Canceled);
        auto covered = store->coverage(m_sandbox.chain(), m_sandbox.deployment.poolId);
        QVERIFY(covered.ok());
        QCOMPARE(covered->size(), 1);
        const BlockRange done = covered->first();
        QCOMPARE(done.from, quint64(0));
        QVERIFY(done.to > 7 && done.to < m_end);
        verifyConsistent(*store);

        proxy.resetCounters();
        SwapCollector resumed(store.get(), request(0, m_end, {proxy.url().toString()}));
        auto rest = resumed.run({});
        QVERIFY2(rest.ok(), rest ? "" : qPrintable(rest.error().toString()));
        verifyComplete(*store);
        // Only the blocks after the checkpoint were asked for, each once, in batches of 7.
        QVERIFY(!proxy.servedLogRanges.isEmpty());
        QCOMPARE(proxy.servedLogRanges.first().first, done.to + 1);
        quint64 next = done.to + 1;
        for (const auto &[from, to] : std::as_const(proxy.servedLogRanges)) {
            QCOMPARE(from, next);
            QVERIFY(to - from + 1 <= 7);
            next = to + 1;
        }
        QCOMPARE(next, m_end + 1);
        QCOMPARE(rest->requests, qint64(proxy.requests));
    }

    void failsOverFromADeadEndpoint()
    {
        auto store = newStore();
        QVERIFY(store);
        const quint16 dead = closedPort();
        QVERIFY(dead);
        SwapCollector collector(store.get(), request(0, m_end, {QStringLiteral("http://127.0.0.1:%1").arg(dead),
                                                                 m_sandbox.anvil.url().toString()}));
        QString endpoint;
        SwapCollector::Hooks hooks;
        hooks.progress = [&](const CollectProgress &p) { endpoint = p.endpoint; };
        auto r = collector.run(hooks);
        QVERIFY2(r.ok(), r ? "" : qPrintable(r.error().toString()));
        verifyComplete(*store);
        QCOMPARE(endpoint, m_sandbox.anvil.url().toString());

        // Only dead endpoints: a clear error, nothing stored.
        auto empty = newStore();
        SwapCollector nowhere(empty.get(), request(0, m_end, {QStringLiteral("http://127.0.0.1:%1").arg(dead)}));
        auto failed = nowhere.run({});
        QVERIFY(!failed.ok());
        QVERIFY2(failed.error().message.contains(QLatin1String("could not be reached")), qPrintable(failed.error().toString()));
        QCOMPARE(*empty->count(m_sandbox.chain(), m_sandbox.deployment.poolId), 0);
    }

    void splitsRangesAProviderRefuses()
    {
        auto store = newStore();
        QVERIFY(store);
        RpcProxy proxy(m_sandbox.anvil.port());
        proxy.mode = RpcProxy::Mode::LimitRange;
        proxy.maxRange = 3;
        SwapCollector collector(store.get(), request(0, m_end, {proxy.url().toString()}));
        auto r = collector.run({});
        QVERIFY2(r.ok(), r ? "" : qPrintable(r.error().toString()));
        verifyComplete(*store);
        QVERIFY(proxy.refused >= 1);
        for (const auto &[from, to] : std::as_const(proxy.servedLogRanges))
            QVERIFY(to - from + 1 <= 3);

        // A provider that refuses even one block: a clear error.
        auto other = newStore();
        proxy.maxRange = 0;
        SwapCollector hopeless(other.get(), request(0, 20, {proxy.url().toString()}));
        auto failed = hopeless.run({});
        QVERIFY(!failed.ok());
        QVERIFY2(failed.error().message.contains(QLatin1String("single block")), qPrintable(failed.error().toString()));
        QCOMPARE(*other->count(m_sandbox.chain(), m_sandbox.deployment.poolId), 0);
    }

    void malformedAnswerCommitsNothingOfItsBatch()
    {
        auto store = newStore();
        QVERIFY(store);
        RpcProxy proxy(m_sandbox.anvil.port());
        proxy.mode = RpcProxy::Mode::MalformedLogs;
        proxy.malformedAt = 4;
        SwapCollector collector(store.get(), request(0, m_end, {proxy.url().toString()}));
        auto r = collector.run({});
        QVERIFY(!r.ok());
        QVERIFY2(r.error().message.contains(QLatin1String("not a valid JSON-RPC response")), qPrintable(r.error().toString()));
        // The three batches before it are in; nothing of the fourth.
        auto coverage = store->coverage(m_sandbox.chain(), m_sandbox.deployment.poolId);
        QVERIFY(coverage.ok());
        QCOMPARE(coverage->size(), 1);
        QCOMPARE(coverage->first(), (BlockRange{0, 20}));
        verifyConsistent(*store);

        // And from the first batch on: nothing at all.
        auto empty = newStore();
        proxy.resetCounters();
        proxy.malformedAt = 1;
        SwapCollector first(empty.get(), request(0, m_end, {proxy.url().toString()}));
        QVERIFY(!first.run({}).ok());
        QVERIFY(empty->coverage(m_sandbox.chain(), m_sandbox.deployment.poolId)->isEmpty());
        QCOMPARE(*empty->count(m_sandbox.chain(), m_sandbox.deployment.poolId), 0);
    }

    // A node whose logs carry no blockTimestamp: each block with swaps is asked for once, in a
    // batch; blocks stored already with the logs' hash are not asked for; a stored block with
    // another hash (another chain history) is asked for again.
    void timestampsFromBlocksWhenLogsLackThem()
    {
        auto store = newStore();
        QVERIFY(store);
        RpcProxy proxy(m_sandbox.anvil.port());
        proxy.stripLogTimestamps = true;
        SwapCollector collector(store.get(), request(0, m_end, {proxy.url().toString()}));
        auto r = collector.run({});
        QVERIFY2(r.ok(), r ? "" : qPrintable(r.error().toString()));
        verifyComplete(*store);
        QSet<quint64> swapBlocks;
        for (const PoolSwap &row : std::as_const(m_expected))
            swapBlocks.insert(row.blockNumber);
        QCOMPARE(proxy.blockRequests, int(swapBlocks.size()));

        // The block cache first.
        auto cachedStore = newStore();
        QVERIFY(cachedStore);
        QList<BlockInfo> blocks;
        for (quint64 number : std::as_const(swapBlocks)) {
            auto block = store->block(m_sandbox.chain(), number);
            QVERIFY(block && *block);
            blocks << **block;
        }
        std::sort(blocks.begin(), blocks.end(), [](const BlockInfo &a, const BlockInfo &b) { return a.number < b.number; });
        BlockInfo &stale = blocks.first();
        stale.hash = eth::Hash32::fromBytes(QByteArray(32, char(0xee))).value();
        stale.timestamp = 1;
        QVERIFY(cachedStore->putBlocks(m_sandbox.chain(), blocks).ok());
        proxy.resetCounters();
        SwapCollector cached(cachedStore.get(), request(0, m_end, {proxy.url().toString()}));
        auto again = cached.run({});
        QVERIFY2(again.ok(), again ? "" : qPrintable(again.error().toString()));
        QCOMPARE(proxy.blockRequests, 1);   // only the stale one
        verifyComplete(*cachedStore);
        auto refreshed = cachedStore->block(m_sandbox.chain(), stale.number);
        QVERIFY(refreshed && *refreshed);
        QCOMPARE((*refreshed)->hash, (*store->block(m_sandbox.chain(), stale.number))->hash);
    }

    void originsAreTheSenders()
    {
        auto store = newStore();
        QVERIFY(store);
        CollectRequest r = request(0, m_end);
        r.withOrigins = true;
        r.batchBlocks = 50;
        SwapCollector collector(store.get(), r);
        auto result = collector.run({});
        QVERIFY2(result.ok(), result ? "" : qPrintable(result.error().toString()));
        const QList<PoolSwap> rows = stored(*store);
        QCOMPARE(rows.size(), m_expected.size());
        const QList<eth::Address> accounts = chain::sandboxAccounts();
        for (const PoolSwap &row : rows) {
            QVERIFY(row.origin.has_value());
            auto receipt = m_sandbox.receipt(row.txHash);
            QVERIFY(receipt.has_value());
            QCOMPARE(*row.origin, receipt->from);
            QVERIFY(accounts.contains(*row.origin));
            QCOMPARE(row.originIsContract, std::optional<bool>(false));
            QCOMPARE(row.sender, m_sandbox.deployment.universalRouter);
        }
    }

    void rateLimitHolds()
    {
        auto store = newStore();
        QVERIFY(store);
        CollectRequest r = request(0, 30);
        r.maxRequestsPerSecond = 20;
        QElapsedTimer timer;
        timer.start();
        SwapCollector collector(store.get(), r);
        auto result = collector.run({});
        QVERIFY(result.ok());
        const double seconds = timer.elapsed() / 1000.0;
        // n calls at 20/s take at least (n − the last request's calls) / 20 s; a request carries at
        // most 7 calls here (a block batch of a 7-block range).
        QVERIFY2(seconds >= (result->requests - 7) / 20.0 - 0.01,
                 qPrintable(QStringLiteral("%1 requests in %2 s").arg(result->requests).arg(seconds)));
    }

    // Events ingested (fetched, decoded, timestamped, stored) per second against one bare
    // eth_getLogs of the same range (the request and its JSON only), best of three each.
    void ingestSpeedNearABareGetLogs()
    {
        const quint64 start = m_sandbox.blockNumber() + 1;
        const QList<eth::Hash32> txs = m_sandbox.makeSwaps(440, 77, 8);
        QVERIFY2(txs.size() == 440, qPrintable(m_sandbox.lastError));
        const quint64 end = m_sandbox.blockNumber();
        const eth::LogFilter filter = swapLogFilter(m_sandbox.deployment.poolManager, m_sandbox.deployment.poolId, start, end);
        double bare = 1e9, collect = 1e9;
        for (int round = 0; round < 3; ++round) {
            eth::JsonRpcClient client({m_sandbox.anvil.url()});
            QElapsedTimer timer;
            timer.start();
            auto answer = eth::awaitRpc<QJsonValue>(&client, [&](auto done) {
                return client.call(QStringLiteral("eth_getLogs"), QJsonArray{filter.toJson()}, done);
            });
            bare = std::min(bare, timer.nsecsElapsed() / 1e6);
            QVERIFY(answer.ok());
            QCOMPARE(answer->toArray().size(), 440);

            auto store = newStore();
            QVERIFY(store);
            CollectRequest r = request(start, end);
            r.batchBlocks = 200;
            SwapCollector collector(store.get(), r);
            timer.restart();
            auto result = collector.run({});
            collect = std::min(collect, timer.nsecsElapsed() / 1e6);
            QVERIFY(result.ok());
            QCOMPARE(result->eventsStored, 440);
        }
        qInfo("440 swaps in %llu blocks: bare eth_getLogs %.1f ms, collector %.1f ms (%.0f events/s), ratio %.2f",
              end - start + 1, bare, collect, 440 / (collect / 1000), collect / bare);
        // Loose: catches a call per log or a transaction per row, not a slow machine.
#ifdef NDEBUG
        QVERIFY(collect < 8 * bare + 20);
#else
        QVERIFY(collect < 20 * bare + 50);
#endif
    }

    void cliResumesAfterSigkill() { interruptCli(SIGKILL); }
    void cliStopsCleanlyOnSigint() { interruptCli(SIGINT); }
};

QTEST_GUILESS_MAIN(TestSwapCollector)
#include "test_swap_collector.moc"
