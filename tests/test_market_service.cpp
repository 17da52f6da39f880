// MarketService end to end on a real sandbox (anvil + the real Uniswap V4 contracts), wired as the app
// wires it: ChainService's state drives the market service, which follows the sandbox pool live,
// starts the sandbox market by default, appends each simulated swap once, keeps rolling metrics, and
// serves chart history from its own read connection. Also: CSV import and export through the service,
// a history collection with cancel, the simulator stopped and restarted, and a disconnect.
#include "chain/chainservice.h"
#include "common/settings.h"
#include "core.h"
#include "market/marketservice.h"
#include "market/poolmetrics.h"
#include "market/marketsimulator.h"
#include "market/swapcollector.h"
#include "market/swapcsv.h"
#include "eth/jsonrpcapi.h"
#include "eth/rpcawait.h"
#include "uniswap/swapevent.h"

#include "queuedspy.h"

#include <QFile>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace apedesk;
using namespace apedesk::market;

namespace {

template <typename Predicate>
bool waitUntil(Predicate predicate, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (!predicate()) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QTest::qWait(20);
    }
    return true;
}

QString realCsv()
{
    return qEnvironmentVariable("APEDESK_SHARED_DIR") + QStringLiteral("/data/base_eth_usdc_swaps.csv");
}

} // namespace

class TestMarketService : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_data;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<Core> m_core;
    ChainService *m_chain = nullptr;
    MarketService *m_market = nullptr;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_data.isValid());
        m_settings = std::make_unique<Settings>(m_data.filePath(QStringLiteral("settings.ini")));
        m_core = std::make_unique<Core>(m_settings.get());
        ChainConfig chainConfig;
        chainConfig.mode = ChainMode::Sandbox;
        chainConfig.dataDirectory = m_data.filePath(QStringLiteral("chain"));
        chainConfig.keystoreDirectory = m_data.filePath(QStringLiteral("keystore"));
        chainConfig.refreshIntervalMs = 500;
        MarketConfig marketConfig;
        marketConfig.databasePath = m_data.filePath(QStringLiteral("apedesk.sqlite"));
        marketConfig.simulator.swapsPerMinute = 240;   // lively, so the test sees swaps soon
        marketConfig.simulator.seed = 7;
        marketConfig.monitorPollMs = 200;
        m_chain = m_core->add(std::make_unique<ChainService>(chainConfig));
        m_market = m_core->add(std::make_unique<MarketService>(marketConfig));
        connect(m_chain, &ChainService::stateChanged, m_market, &MarketService::followChain);
    }

    void cleanupTestCase()
    {
        if (m_core)
            QVERIFY(m_core->shutdown(5000));
    }

    void followsTheSandboxAndItsMarket()
    {
        QueuedSpy appended(m_market, &MarketService::swapsAppended);
        QVERIFY2(waitUntil([&] { return m_chain->state().connected(); }, 120000), qPrintable(m_chain->state().message));
        QVERIFY(waitUntil([&] { return m_market->feed().live; }, 10000));
        const MarketFeed feed = m_market->feed();
        QVERIFY(feed.sandbox);
        QCOMPARE(feed.chain, QStringLiteral("8453-local"));
        QCOMPARE(feed.poolId, m_chain->state().venue->poolId());

        // The sandbox market starts by itself and its swaps arrive, in order, once each.
        QVERIFY2(waitUntil([&] {
                     int n = 0;
                     for (const auto &args : appended)
                         n += int(args.at(0).value<QList<PoolSwap>>().size());
                     return n >= 5;
                 }, 90000),
                 qPrintable(m_market->simulatorState().text));
        QVERIFY(m_market->simulatorState().running);
        QList<PoolSwap> seen;
        for (const auto &args : appended)
            seen += args.at(0).value<QList<PoolSwap>>();
        for (int i = 1; i < seen.size(); ++i) {
            const bool ordered = seen[i - 1].blockNumber < seen[i].blockNumber
                || (seen[i - 1].blockNumber == seen[i].blockNumber && seen[i - 1].logIndex < seen[i].logIndex);
            QVERIFY2(ordered, "swaps appended out of order or twice");
        }
        for (const PoolSwap &swap : seen) {
            QCOMPARE(swap.poolId, feed.poolId);
            QVERIFY(swap.timestamp > 1700000000);
            QVERIFY((swap.amount0 < 0) != (swap.amount1 < 0));
        }

        // Rolling metrics cover the window and agree with a recomputation from the chart history.
        QVERIFY(waitUntil([&] { return m_market->metrics().valid && m_market->metrics().swapCount >= 5; }, 10000));
        auto future = m_market->loadPoints({});
        QVERIFY(waitUntil([&] { return future.isFinished(); }, 10000));
        auto points = future.result();
        QVERIFY2(points, points ? "" : qPrintable(points.error().toString()));
        QVERIFY(points->size() >= seen.size());
        const PoolMetrics metrics = m_market->metrics();
        const PoolMetrics recomputed = computePoolMetrics(*points, metrics.windowEnd, metrics.windowSeconds);
        QVERIFY(recomputed.swapCount >= metrics.swapCount);   // more may have arrived since
        QVERIFY(metrics.lastPrice > 100 && metrics.lastPrice < 100000);
        QVERIFY(!m_market->recentSwaps().isEmpty());
    }

    void simulatorStopsAndStarts()
    {
        m_market->stopSimulator();
        QVERIFY(waitUntil([&] { return !m_market->simulatorState().running; }, 5000));
        QTest::qWait(1500);   // a swap that was in flight lands
        const qint64 before = m_market->recentSwaps().size();
        QTest::qWait(1500);
        QCOMPARE(qint64(m_market->recentSwaps().size()), before);
        SimulatorConfig fast;
        fast.swapsPerMinute = 0;
        fast.maxSwaps = 3;
        fast.seed = 11;
        QueuedSpy appended(m_market, &MarketService::swapsAppended);
        m_market->startSimulator(fast);
        QVERIFY(waitUntil([&] { return appended.size() >= 1; }, 60000));
    }

    // Issue 5's acceptance: 500 simulated swaps, collected with 7-block batches and overlapping
    // restarts, give exactly the Swap logs their receipts show; a dead first endpoint changes nothing.
    void fiveHundredSimulatedSwapsCollectedExactly()
    {
        m_market->stopSimulator();
        QVERIFY(waitUntil([&] { return !m_market->simulatorState().running; }, 5000));
        const ChainState state = m_chain->state();
        SimulatorConfig config;
        config.swapsPerMinute = 0;
        config.seed = 500;
        MarketSimulator simulator(SimulatorTarget{state.connectUrl, *state.venue, state.chainId}, config);
        auto prepared = simulator.prepare({});
        QVERIFY2(prepared, prepared ? "" : qPrintable(prepared.error().toString()));
        QSet<eth::Hash32> txs;
        for (int steps = 0; txs.size() < 500 && steps < 1500; ++steps) {
            auto step = simulator.step();
            QVERIFY2(step, step ? "" : qPrintable(step.error().toString()));
            if (step->swapped)
                txs.insert(step->record.txHash);
        }
        QCOMPARE(txs.size(), 500);

        // What the receipts show: every Swap log of the pool in each transaction.
        eth::JsonRpcClient client({QUrl(state.connectUrl)});
        eth::EthRpc rpc(&client);
        QSet<QPair<QByteArray, quint64>> expected;
        quint64 lastBlock = 0;
        for (const eth::Hash32 &tx : txs) {
            auto receipt = eth::awaitRpc<std::optional<eth::TransactionReceipt>>(
                &client, [&](auto done) { return rpc.getTransactionReceipt(tx, done); });
            QVERIFY(receipt && receipt->has_value());
            lastBlock = std::max(lastBlock, (*receipt)->blockNumber);
            for (const eth::Log &log : (*receipt)->logs)
                if (log.address == state.venue->poolManager && log.topics.size() == 3
                    && log.topics[0] == uniswap::swapEventTopic() && log.topics[1] == state.venue->poolId())
                    expected.insert({tx.bytes(), *log.logIndex});
        }
        QCOMPARE(expected.size(), 500);

        auto store = SwapStore::open(m_data.filePath(QStringLiteral("acceptance.sqlite")));
        QVERIFY(store);
        auto collect = [&](QStringList urls, quint64 from, quint64 to) {
            CollectRequest request;
            request.rpcUrls = urls;
            request.poolManager = state.venue->poolManager;
            request.poolId = state.venue->poolId();
            request.fromBlock = from;
            request.toBlock = to;
            request.batchBlocks = 7;
            SwapCollector collector(store->get(), request);
            return collector.run({});
        };
        const QString dead = QStringLiteral("http://127.0.0.1:1");   // nothing listens there
        const quint64 mid = lastBlock / 2;
        auto first = collect({state.connectUrl}, 0, mid);
        QVERIFY2(first, first ? "" : qPrintable(first.error().toString()));
        auto second = collect({dead, state.connectUrl}, mid > 20 ? mid - 20 : 0, lastBlock);
        QVERIFY2(second, second ? "" : qPrintable(second.error().toString()));
        auto third = collect({state.connectUrl}, 0, lastBlock);
        QVERIFY(third);
        QCOMPARE(third->eventsStored, 0);   // everything was there already

        SwapQuery query;
        query.chain = QStringLiteral("8453-local");
        query.poolId = state.venue->poolId();
        query.toBlock = lastBlock;
        auto rows = (*store)->swaps(query);
        QVERIFY(rows);
        QSet<QPair<QByteArray, quint64>> stored, storedOfOurs;
        for (const PoolSwap &row : *rows) {
            QVERIFY2(!stored.contains({row.txHash.bytes(), row.logIndex}), "duplicate row");
            stored.insert({row.txHash.bytes(), row.logIndex});
            if (txs.contains(row.txHash))
                storedOfOurs.insert({row.txHash.bytes(), row.logIndex});
        }
        QCOMPARE(storedOfOurs, expected);
        // And nothing else than the node's logs for the whole range (the service's own market traded too).
        eth::LogFilter filter;
        filter.fromBlock = eth::BlockTag::number(0);
        filter.toBlock = eth::BlockTag::number(lastBlock);
        filter.addresses = {state.venue->poolManager};
        filter.topics = {{uniswap::swapEventTopic()}, {state.venue->poolId()}};
        auto logs = eth::awaitRpc<QList<eth::Log>>(&client, [&](auto done) { return rpc.getLogs(filter, done); });
        QVERIFY(logs);
        QCOMPARE(rows->size(), logs->size());
        QCOMPARE((*store)->coverage(query.chain, query.poolId)->size(), 1);
    }

    void collectsImportsAndExports()
    {
        const MarketFeed feed = m_market->feed();
        // A history collection of the followed pool from block 0: everything is covered or new, nothing twice.
        QueuedSpy finished(m_market, &MarketService::collectFinished);
        CollectRequest request;
        request.rpcUrls = {m_chain->state().connectUrl};
        request.poolManager = m_chain->state().venue->poolManager;
        request.poolId = feed.poolId;
        request.fromBlock = 0;
        request.batchBlocks = 7;
        m_market->collect(request);
        QVERIFY(finished.waitForCount(1, 60000));
        QVERIFY2(finished.at(0).at(1).toBool(), qPrintable(finished.at(0).at(2).value<Error>().toString()));

        // The tutorial's CSV goes to BASE mainnet's history, not to the sandbox pool the pane follows.
        QueuedSpy imported(m_market, &MarketService::importFinished);
        m_market->importCsv(realCsv());
        QVERIFY(imported.waitForCount(1, 60000));
        QVERIFY2(imported.at(0).at(1).toBool(), qPrintable(imported.at(0).at(2).value<Error>().toString()));
        QCOMPARE(imported.at(0).at(3).toInt(), 8000);
        QCOMPARE(imported.at(0).at(4).toInt(), 7976);   // 24 rows of the file are exact duplicates
        QCOMPARE(m_market->feed().chain, QStringLiteral("8453-local"));

        // A broken file loses nothing and says why.
        const QString broken = m_data.filePath(QStringLiteral("broken.csv"));
        QFile file(broken);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("block_number,transaction_hash\n1,zz\n");
        file.close();
        m_market->importCsv(broken);
        QVERIFY(imported.waitForCount(2, 10000));
        QVERIFY(!imported.at(1).at(1).toBool());
        QVERIFY(!imported.at(1).at(2).value<Error>().message.isEmpty());

        // Export of the followed pool, raw and processed; the raw file reads back as the stored rows.
        QueuedSpy exported(m_market, &MarketService::exportFinished);
        const QString raw = m_data.filePath(QStringLiteral("sandbox-raw.csv"));
        const QString processed = m_data.filePath(QStringLiteral("sandbox-processed.csv"));
        m_market->exportCsv(raw, false);
        m_market->exportCsv(processed, true);
        QVERIFY(exported.waitForCount(2, 20000));
        QVERIFY(exported.at(0).at(1).toBool());
        QVERIFY(exported.at(1).at(1).toBool());
        QFile rawFile(raw);
        QVERIFY(rawFile.open(QIODevice::ReadOnly));
        auto back = readRawSwapCsv(rawFile, feed.chain);
        QVERIFY2(back, back ? "" : qPrintable(back.error().toString()));
        QCOMPARE(int(back->swaps.size()), exported.at(0).at(3).toInt());
        QVERIFY(back->swaps.size() >= 5);
        QVERIFY(QFileInfo(processed).size() > QFileInfo(raw).size());
        m_market->exportCsv(m_data.filePath(QStringLiteral("no/such/dir/x.csv")), false);
        QVERIFY(exported.waitForCount(3, 10000));
        QVERIFY(!exported.at(2).at(1).toBool());
    }

    void disconnectStopsFollowing()
    {
        m_chain->disconnectChain();
        QVERIFY(waitUntil([&] { return !m_market->feed().live; }, 10000));
        QVERIFY(!m_market->simulatorState().running);
        QVERIFY(!m_market->feed().text.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestMarketService)
#include "test_market_service.moc"
