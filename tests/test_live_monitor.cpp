// The live monitor against a real anvil with the sandbox's Uniswap V4 pool: swaps made while it
// runs (several per block) come out of swapsAppended in (block, log index) order exactly once each
// and are stored exactly as the receipts show; its metrics equal computePoolMetrics over the
// stored points at the newest block's timestamp, also after the window changes; an evm_snapshot /
// evm_revert (a reorg, or a reset sandbox) gives chainReset and the store matches the node again; a
// node that is down is a problem in words and its recovery is announced; a new monitor over the
// same store goes on from the coverage; stop() stops.

#include "market/livemonitor.h"
#include "market/poolmetrics.h"
#include "market/swapstore.h"

#include "swapsandbox.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace apedesk;
using namespace apedesk::market;

namespace {

bool near(double a, double b) { return std::fabs(a - b) <= 1e-9 * std::max({1.0, std::fabs(a), std::fabs(b)}); }

QString metricsText(const PoolMetrics &m)
{
    return QStringLiteral("valid %1 end %2 window %3 count %4 last %5 first %6 change %7 eth %8 usdc %9 vol %10")
        .arg(m.valid)
        .arg(m.windowEnd)
        .arg(m.windowSeconds)
        .arg(m.swapCount)
        .arg(m.lastPrice, 0, 'g', 17)
        .arg(m.firstPrice, 0, 'g', 17)
        .arg(m.priceChangePercent, 0, 'g', 17)
        .arg(m.volumeEth, 0, 'g', 17)
        .arg(m.volumeUsdc, 0, 'g', 17)
        .arg(m.volatilityPercent, 0, 'g', 17);
}

bool sameMetrics(const PoolMetrics &a, const PoolMetrics &b)
{
    return a.valid == b.valid && a.windowEnd == b.windowEnd && a.windowSeconds == b.windowSeconds
        && a.swapCount == b.swapCount && near(a.lastPrice, b.lastPrice) && near(a.firstPrice, b.firstPrice)
        && near(a.priceChangePercent, b.priceChangePercent) && near(a.volumeEth, b.volumeEth)
        && near(a.volumeUsdc, b.volumeUsdc) && near(a.volatilityPercent, b.volatilityPercent);
}

} // namespace

class TestLiveMonitor : public QObject
{
    Q_OBJECT
private:
    SwapSandbox m_sandbox;
    QTemporaryDir m_dir;
    std::unique_ptr<SwapStore> m_store;
    std::unique_ptr<RpcProxy> m_proxy;
    std::unique_ptr<LiveMonitor> m_monitor;
    QList<eth::Hash32> m_txs;            // the swaps on the node's chain now
    QList<PoolSwap> m_appended;
    QList<quint64> m_resets;
    QStringList m_problems;
    PoolMetrics m_lastMetrics;
    int m_metricsSignals = 0;
    quint64 m_head = 0;
    qint64 m_headTime = 0;

    MonitorConfig config(quint64 lookback) const
    {
        MonitorConfig c;
        c.rpcUrl = m_proxy->url().toString();
        c.chain = m_sandbox.chain();
        c.poolManager = m_sandbox.deployment.poolManager;
        c.poolId = m_sandbox.deployment.poolId;
        c.pollMs = 100;
        c.windowSeconds = 600;
        c.lookbackBlocks = lookback;
        return c;
    }

    void startMonitor(quint64 lookback)
    {
        m_monitor = std::make_unique<LiveMonitor>(m_store.get(), config(lookback));
        connect(m_monitor.get(), &LiveMonitor::swapsAppended, this, [this](const QList<PoolSwap> &rows) { m_appended << rows; });
        connect(m_monitor.get(), &LiveMonitor::chainReset, this, [this](quint64 from) { m_resets << from; });
        connect(m_monitor.get(), &LiveMonitor::problem, this, [this](const QString &text) { m_problems << text; });
        connect(m_monitor.get(), &LiveMonitor::metricsChanged, this, [this](const PoolMetrics &m) {
            m_lastMetrics = m;
            ++m_metricsSignals;
        });
        connect(m_monitor.get(), &LiveMonitor::headChanged, this, [this](quint64 block, qint64 time) {
            m_head = block;
            m_headTime = time;
        });
        m_monitor->start();
        QVERIFY(m_monitor->isRunning());
    }

    // Until the monitor has stored the node's head block (the same block: after a revert the old
    // chain may have had a block of that height too).
    bool caughtUp(int timeoutMs = 20000)
    {
        const quint64 head = m_sandbox.blockNumber();
        auto api = m_sandbox.rpc();
        auto block = eth::awaitRpc<std::optional<eth::Block>>(m_sandbox.client.get(), [&](auto done) {
            return api.getBlockByNumber(eth::BlockTag::number(head), done);
        });
        if (!block || !*block)
            return false;
        const eth::Hash32 hash = (*block)->hash;
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < timeoutMs) {
            auto stored = m_store->block(m_sandbox.chain(), head);
            if (m_monitor->lastBlock() == head && m_head == head && stored && *stored && (*stored)->hash == hash)
                return true;
            QTest::qWait(20);
        }
        qWarning() << "monitor at" << m_monitor->lastBlock() << "head" << head << "problems" << m_problems;
        return false;
    }

    QList<PoolSwap> storedRows() const
    {
        SwapQuery query;
        query.chain = m_sandbox.chain();
        query.poolId = m_sandbox.deployment.poolId;
        auto rows = m_store->swaps(query);
        return rows ? *rows : QList<PoolSwap>();
    }

    PoolMetrics expectedMetrics(qint64 windowSeconds) const
    {
        SwapQuery query;
        query.chain = m_sandbox.chain();
        query.poolId = m_sandbox.deployment.poolId;
        auto points = m_store->points(query);
        return points ? computePoolMetrics(*points, m_headTime, windowSeconds) : PoolMetrics();
    }

    void verifyStoreMatchesNode()
    {
        const QList<PoolSwap> expected = m_sandbox.expectedRows(m_txs);
        QCOMPARE(expected.size(), m_txs.size());
        const QList<PoolSwap> rows = storedRows();
        QCOMPARE(rows.size(), expected.size());
        QVERIFY(rows == expected);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(m_sandbox.start(), qPrintable(m_sandbox.lastError));
        auto store = SwapStore::open(m_dir.filePath(QStringLiteral("live.sqlite")));
        QVERIFY2(store.ok(), store ? "" : qPrintable(store.error().toString()));
        m_store = std::move(store).value();
        m_proxy = std::make_unique<RpcProxy>(m_sandbox.anvil.port());
        startMonitor(100000);   // from genesis
        QVERIFY(caughtUp());
        QVERIFY(m_appended.isEmpty());   // the deployment made no swaps
        QVERIFY(m_problems.isEmpty());
    }

    void appendsNewSwapsOnceInOrder()
    {
        const QList<eth::Hash32> txs = m_sandbox.makeSwaps(40, 11);
        QVERIFY2(txs.size() == 40, qPrintable(m_sandbox.lastError));
        m_txs << txs;
        QVERIFY(caughtUp());
        const QList<PoolSwap> expected = m_sandbox.expectedRows(m_txs);
        QCOMPARE(m_appended.size(), expected.size());
        QVERIFY(m_appended == expected);
        verifyStoreMatchesNode();
        // Blocks with several swaps were seen, and more than one poll did the work.
        QSet<quint64> blocks;
        for (const PoolSwap &row : expected)
            blocks.insert(row.blockNumber);
        QVERIFY(blocks.size() < expected.size());
        QVERIFY(m_problems.isEmpty());
    }

    void metricsMatchTheStoredHistory()
    {
        const PoolMetrics expected = expectedMetrics(600);
        QVERIFY(expected.valid);
        QCOMPARE(expected.swapCount, int(m_txs.size()));
        QVERIFY2(sameMetrics(m_monitor->metrics(), expected),
                 qPrintable(metricsText(m_monitor->metrics()) + QStringLiteral("\n") + metricsText(expected)));
        QVERIFY(sameMetrics(m_lastMetrics, expected));
        QCOMPARE(m_monitor->metrics().windowEnd, m_headTime);

        // A shorter window: recomputed at once.
        const int before = m_metricsSignals;
        m_monitor->setWindowSeconds(2);
        QCOMPARE(m_metricsSignals, before + 1);
        QVERIFY2(sameMetrics(m_lastMetrics, expectedMetrics(2)),
                 qPrintable(metricsText(m_lastMetrics) + QStringLiteral("\n") + metricsText(expectedMetrics(2))));
        m_monitor->setWindowSeconds(600);
        QVERIFY(sameMetrics(m_lastMetrics, expectedMetrics(600)));
    }

    void reorgDropsAndRefetches()
    {
        // From here on the logs come without blockTimestamp: the monitor asks for the blocks.
        m_proxy->stripLogTimestamps = true;
        const quint64 forkPoint = m_sandbox.blockNumber();
        auto snapshot = m_sandbox.snapshot();
        QVERIFY(snapshot.has_value());
        const QList<eth::Hash32> doomed = m_sandbox.makeSwaps(12, 21);
        QCOMPARE(doomed.size(), 12);
        QVERIFY(caughtUp());
        QCOMPARE(storedRows().size(), m_txs.size() + 12);
        const qsizetype appendedBefore = m_appended.size();

        QVERIFY(m_sandbox.revert(*snapshot));
        QCOMPARE(m_sandbox.blockNumber(), forkPoint);
        const QList<eth::Hash32> replacement = m_sandbox.makeSwaps(6, 31);
        QCOMPARE(replacement.size(), 6);
        m_txs << replacement;
        QVERIFY(caughtUp());
        QVERIFY(!m_resets.isEmpty());
        // Cut after the newest block both chains share, at or before the fork point.
        quint64 lastSharedSwapBlock = 0;
        for (const PoolSwap &row : m_sandbox.expectedRows(m_txs.mid(0, m_txs.size() - 6)))
            lastSharedSwapBlock = std::max(lastSharedSwapBlock, row.blockNumber);
        const quint64 cut = m_resets.last();
        QVERIFY2(cut > lastSharedSwapBlock && cut <= forkPoint + 1,
                 qPrintable(QStringLiteral("cut %1, fork %2, last shared swap %3").arg(cut).arg(forkPoint).arg(lastSharedSwapBlock)));
        verifyStoreMatchesNode();
        // After the reset, the replacement rows were announced (once each, in order).
        const QList<PoolSwap> after = m_appended.mid(appendedBefore);
        QList<PoolSwap> expectedAfter;
        for (const PoolSwap &row : m_sandbox.expectedRows(m_txs))
            if (row.blockNumber >= cut)
                expectedAfter << row;
        QVERIFY(after.size() >= expectedAfter.size());
        QVERIFY(after.mid(after.size() - expectedAfter.size()) == expectedAfter);
        auto coverage = m_store->coverage(m_sandbox.chain(), m_sandbox.deployment.poolId);
        QVERIFY(coverage.ok());
        QCOMPARE(coverage->size(), 1);
        QCOMPARE(coverage->last().to, m_sandbox.blockNumber());
        QVERIFY(sameMetrics(m_monitor->metrics(), expectedMetrics(600)));
    }

    void nodeDownIsAProblemThenRecovers()
    {
        m_problems.clear();
        m_proxy->mode = RpcProxy::Mode::Down;
        QTRY_VERIFY_WITH_TIMEOUT(!m_problems.isEmpty(), 10000);
        QVERIFY(!m_problems.first().isEmpty());
        QVERIFY2(m_problems.first().contains(QLatin1String("503")), qPrintable(m_problems.first()));
        QVERIFY(m_monitor->isRunning());
        m_proxy->mode = RpcProxy::Mode::Pass;
        QTRY_VERIFY_WITH_TIMEOUT(m_problems.last().isEmpty(), 10000);
        const QList<eth::Hash32> txs = m_sandbox.makeSwaps(3, 41);
        QCOMPARE(txs.size(), 3);
        m_txs << txs;
        QVERIFY(caughtUp());
        verifyStoreMatchesNode();
    }

    void newMonitorGoesOnFromTheCoverage()
    {
        m_monitor->stop();
        QVERIFY(!m_monitor->isRunning());
        const quint64 covered = m_monitor->lastBlock();
        const qsizetype appendedBefore = m_appended.size();
        const QList<eth::Hash32> txs = m_sandbox.makeSwaps(5, 51);
        QCOMPARE(txs.size(), 5);
        m_txs << txs;
        QTest::qWait(400);
        QCOMPARE(m_appended.size(), appendedBefore);   // stopped: nothing

        // Lookback 2 blocks, but the coverage reaches further back: it fills from the coverage.
        m_proxy->resetCounters();
        startMonitor(2);
        QVERIFY(caughtUp());
        const QList<PoolSwap> fresh = m_appended.mid(appendedBefore);
        QList<PoolSwap> expected;
        for (const PoolSwap &row : m_sandbox.expectedRows(txs))
            expected << row;
        QVERIFY(fresh == expected);
        verifyStoreMatchesNode();
        for (const auto &[from, to] : std::as_const(m_proxy->servedLogRanges))
            QVERIFY(from > covered);
        QVERIFY(sameMetrics(m_monitor->metrics(), expectedMetrics(600)));
    }

    void cleanupTestCase() { m_monitor.reset(); }
};

QTEST_GUILESS_MAIN(TestLiveMonitor)
#include "test_live_monitor.moc"
