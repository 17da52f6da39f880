// Paper swaps end to end on a real anvil with the real Uniswap V4 contracts, through ChainService on
// its own thread, as the wallet pane drives it: sandbox from scratch and from the saved state, swaps
// in both directions that receive exactly the quote, balances that move by exactly the Swap event
// plus gas, a stale quote that fails in words, an amount over the balance refused before any
// transaction, and a node killed mid-swap that leaves the service usable until "Reset sandbox".

#include "chain/chainservice.h"
#include "chain/sandboxregistry.h"
#include "common/settings.h"
#include "core.h"
#include "eth/jsonrpcapi.h"
#include "eth/jsonrpcclient.h"
#include "eth/units.h"
#include "uniswap/permit2.h"
#include "queuedspy.h"
#include "rpcwait.h"

#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <memory>

using namespace apedesk;
using eth::u256;

namespace {

const u256 kEther = u256(1'000'000'000'000'000'000ULL);

// One ChainService on its own thread, with the test's data folder.
struct Harness
{
    explicit Harness(const QString &dataDir) : settings(dataDir + QStringLiteral("/settings.ini")), core(&settings)
    {
        ChainConfig config;
        config.mode = ChainMode::Sandbox;
        config.dataDirectory = dataDir;
        config.keystoreDirectory = dataDir + QStringLiteral("/keystore");
        config.refreshIntervalMs = 500;
        chain = core.add(std::make_unique<ChainService>(config));
    }
    Settings settings;
    Core core;
    ChainService *chain = nullptr;
};

bool waitReady(ChainService *chain, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < timeoutMs) {
        const ChainState state = chain->state();
        if (state.phase == ChainState::Phase::Ready && !chain->accounts().isEmpty())
            return true;
        QTest::qWait(10);
    }
    return false;
}

} // namespace

class TestPaperSwaps : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_data;
    std::unique_ptr<Harness> m_harness;
    std::unique_ptr<eth::JsonRpcClient> m_client;
    std::optional<chain::SandboxDeployment> m_deployment;

    ChainService *chain() const { return m_harness->chain; }

    void attachClient()
    {
        const ChainState state = chain()->state();
        m_client = std::make_unique<eth::JsonRpcClient>(QList<QUrl>{QUrl(state.rpcUrl)});
        auto recorded = chain::SandboxRegistry(m_data.path()).findByRpcUrl(QUrl(state.rpcUrl));
        QVERIFY(recorded);
        m_deployment = recorded->deployment;
    }

    u256 ethOf(const eth::Address &account)
    {
        eth::EthRpc rpc(m_client.get());
        auto result = await<u256>([&](auto done) { return rpc.getBalance(account, eth::BlockTag::latest(), done); });
        if (!result)
            qFatal("eth_getBalance failed: %s", qPrintable(result.error().detail()));
        return *result;
    }

    u256 usdcOf(const eth::Address &account)
    {
        eth::EthRpc rpc(m_client.get());
        eth::CallRequest call;
        call.to = m_deployment->usdc;
        call.data = uniswap::encodeErc20BalanceOf(account);
        auto result = await<QByteArray>([&](auto done) { return rpc.call(call, eth::BlockTag::latest(), done); });
        if (!result)
            qFatal("balanceOf failed: %s", qPrintable(result.error().detail()));
        return *uniswap::decodeUint256(*result);
    }

    u256 nonceOf(const eth::Address &account)
    {
        eth::EthRpc rpc(m_client.get());
        auto result = await<u256>([&](auto done) { return rpc.getTransactionCount(account, eth::BlockTag::latest(), done); });
        if (!result)
            qFatal("nonce failed");
        return *result;
    }

    SwapQuote quote(const SwapOrder &order)
    {
        QueuedSpy quotes(chain(), &ChainService::quoteReady);
        const quint64 id = chain()->requestQuote(order);
        for (int seen = 1; quotes.waitForCount(seen, 30000); ++seen) {
            const auto q = quotes.at(seen - 1).at(0).value<SwapQuote>();
            if (q.requestId == id)
                return q;
        }
        qFatal("no quote arrived");
    }

    SwapRecord swap(const SwapOrder &order)
    {
        QueuedSpy finished(chain(), &ChainService::swapFinished);
        const quint64 id = chain()->submitSwap(order);
        for (int seen = 1; finished.waitForCount(seen, 60000); ++seen) {
            const auto record = finished.at(seen - 1).at(0).value<SwapRecord>();
            if (record.id == id)
                return record;
        }
        qFatal("no swap result arrived");
    }

    eth::Address account(int index) const { return chain()->accounts().at(index).address; }

private Q_SLOTS:
    void init()
    {
        if (QTest::currentTestFunction() != QLatin1String("sandboxFromScratchThenFromSavedState") && !m_harness)
            QSKIP("the sandbox did not start");
    }

    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_data.isValid());
    }

    void sandboxFromScratchThenFromSavedState()
    {
        {
            Harness first(m_data.path());
            QueuedSpy progress(first.chain, &Service::taskProgress);
            QVERIFY2(waitReady(first.chain, 120000), qPrintable(first.chain->state().message));
            const ChainState state = first.chain->state();
            QCOMPARE(state.chainId, quint64(8453));
            QVERIFY(state.ownNode);
            QVERIFY(state.canSign);
            QCOMPARE(first.chain->accounts().size(), chain::kSandboxWalletAccountCount);   // 7..9 trade in the sandbox market
            bool deployed = false;
            for (const auto &args : progress)
                deployed = deployed || args.at(3).toString().contains(QStringLiteral("Saving"));
            QVERIFY2(deployed, "the first start should deploy and save the sandbox");
            QTRY_VERIFY_WITH_TIMEOUT(first.chain->pool().valid, 10000);
            QVERIFY2(qAbs(first.chain->pool().priceValue - 3000.0) < 1e-3, qPrintable(first.chain->pool().price));
            QTRY_VERIFY_WITH_TIMEOUT(first.chain->balances().usdcUnits > 0, 10000);
            QVERIFY(first.core.shutdown(3000));
        }
        // The node of the first session is gone with it.
        m_harness = std::make_unique<Harness>(m_data.path());
        QueuedSpy progress(chain(), &Service::taskProgress);
        QVERIFY2(waitReady(chain(), 60000), qPrintable(chain()->state().message));
        bool fromCache = false;
        for (const auto &args : progress)
            fromCache = fromCache || args.at(3).toString().contains(QStringLiteral("saved state"));
        QVERIFY2(fromCache, "the second start should load the saved state");
        attachClient();
        QTRY_VERIFY_WITH_TIMEOUT(chain()->pool().valid, 10000);
        QVERIFY2(qAbs(chain()->pool().priceValue - 3000.0) < 1e-3, qPrintable(chain()->pool().price));
    }

    void ethToUsdcReceivesTheQuote()
    {
        const eth::Address me = account(1);
        SwapOrder order;
        order.direction = SwapDirection::EthToUsdc;
        order.amountIn = kEther / 10;
        order.account = me;
        const SwapQuote q = quote(order);
        QVERIFY2(q.ok, qPrintable(q.error.toString()));
        QVERIFY(q.minimumOut > 0 && q.minimumOut < q.expectedOut);
        QCOMPARE(q.minimumOut, q.expectedOut * 9950 / 10000);

        const u256 ethBefore = ethOf(me);
        const u256 usdcBefore = usdcOf(me);
        order.quotedOut = q.expectedOut;
        const SwapRecord record = swap(order);
        QVERIFY2(record.status == SwapRecord::Status::Succeeded, qPrintable(record.error.toString()));
        QCOMPARE(record.amountIn, order.amountIn);
        QCOMPARE(record.amountOut, q.expectedOut);   // nothing moved the pool in between: exact
        QVERIFY(!record.txHash.isZero());
        QVERIFY(record.gasUsed > 50000);
        QCOMPARE(ethOf(me), ethBefore - record.amountIn - record.gasFeeWei);
        QCOMPARE(usdcOf(me), usdcBefore + record.amountOut);
        QVERIFY(record.effectivePrice.startsWith(QStringLiteral("299")));
        // The history keeps it.
        const auto history = chain()->history();
        QVERIFY(!history.isEmpty());
        QCOMPARE(history.last().id, record.id);
        QCOMPARE(history.last().status, SwapRecord::Status::Succeeded);
    }

    void usdcToEthReceivesTheQuote()
    {
        const eth::Address me = account(2);
        SwapOrder order;
        order.direction = SwapDirection::UsdcToEth;
        order.amountIn = u256(300) * 1'000'000;
        order.account = me;
        // The first one also approves Permit2 and the router.
        const u256 nonceBefore = nonceOf(me);
        const SwapRecord first = swap(order);
        QVERIFY2(first.status == SwapRecord::Status::Succeeded, qPrintable(first.error.toString()));
        QCOMPARE(nonceOf(me), nonceBefore + 3);   // ERC-20 approve, Permit2 approve, swap

        const SwapQuote q = quote(order);
        QVERIFY2(q.ok, qPrintable(q.error.toString()));
        const u256 ethBefore = ethOf(me);
        const u256 usdcBefore = usdcOf(me);
        order.quotedOut = q.expectedOut;
        const SwapRecord record = swap(order);
        QVERIFY2(record.status == SwapRecord::Status::Succeeded, qPrintable(record.error.toString()));
        QCOMPARE(nonceOf(me), nonceBefore + 4);   // no second approval
        QCOMPARE(record.amountIn, order.amountIn);
        QCOMPARE(record.amountOut, q.expectedOut);
        QCOMPARE(ethOf(me), ethBefore + record.amountOut - record.gasFeeWei);
        QCOMPARE(usdcOf(me), usdcBefore - record.amountIn);
    }

    void priceMovedBeyondSlippageFailsInWords()
    {
        const eth::Address me = account(3);
        SwapOrder order;
        order.direction = SwapDirection::EthToUsdc;
        order.amountIn = kEther * 20;
        order.slippageBps = 10;   // 0.1 %
        order.account = me;
        const SwapQuote seen = quote(order);
        QVERIFY2(seen.ok, qPrintable(seen.error.toString()));

        // Someone else sells a lot of ETH first.
        SwapOrder whale;
        whale.direction = SwapDirection::EthToUsdc;
        whale.amountIn = kEther * 30;
        whale.account = account(4);
        QVERIFY(swap(whale).status == SwapRecord::Status::Succeeded);

        const u256 ethBefore = ethOf(me);
        const u256 usdcBefore = usdcOf(me);
        const u256 nonceBefore = nonceOf(me);
        order.quotedOut = seen.expectedOut;
        const SwapRecord record = swap(order);
        QVERIFY(record.status != SwapRecord::Status::Succeeded);
        const QString message = record.error.message;
        qInfo().noquote() << "stale quote:" << message;
        QVERIFY2(message.contains(QStringLiteral("0.1% slippage")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("would receive")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("minimum")), qPrintable(message));
        // Balances unchanged except gas: here the estimate caught it, so not even gas was spent.
        if (record.status == SwapRecord::Status::Reverted) {
            QCOMPARE(ethOf(me), ethBefore - record.gasFeeWei);
        } else {
            QCOMPARE(record.status, SwapRecord::Status::Failed);
            QCOMPARE(nonceOf(me), nonceBefore);
            QCOMPARE(ethOf(me), ethBefore);
        }
        QCOMPARE(usdcOf(me), usdcBefore);
    }

    void amountOverBalanceIsRefusedBeforeAnyTransaction()
    {
        const eth::Address me = account(5);
        const u256 nonceBefore = nonceOf(me);
        const u256 ethBefore = ethOf(me);
        SwapOrder order;
        order.direction = SwapDirection::EthToUsdc;
        order.amountIn = ethBefore;   // all of it: nothing left for gas
        order.account = me;
        SwapRecord record = swap(order);
        QCOMPARE(record.status, SwapRecord::Status::Failed);
        QVERIFY2(record.error.message.contains(QStringLiteral("Not enough ETH")), qPrintable(record.error.message));
        QVERIFY(record.txHash.isZero());

        order.direction = SwapDirection::UsdcToEth;
        order.amountIn = usdcOf(me) + 1;
        record = swap(order);
        QCOMPARE(record.status, SwapRecord::Status::Failed);
        QVERIFY2(record.error.message.contains(QStringLiteral("Not enough USDC")), qPrintable(record.error.message));
        QCOMPARE(nonceOf(me), nonceBefore);
        QCOMPARE(ethOf(me), ethBefore);
    }

    void nodeKilledMidSwapThenReset()
    {
        const ChainState before = chain()->state();
        auto recorded = chain::SandboxRegistry(m_data.path()).findByRpcUrl(QUrl(before.rpcUrl));
        QVERIFY(recorded);
        const qint64 pid = recorded->pid;
        QVERIFY(pid > 0);
        // Kill the node on the chain thread the moment the swap is sent.
        const auto connection = connect(
            chain(), &ChainService::swapStageChanged, chain(),
            [pid](quint64, SwapStage stage, const QString &) {
                if (stage == SwapStage::Sent)
                    ::kill(static_cast<pid_t>(pid), SIGKILL);
            },
            Qt::DirectConnection);
        SwapOrder order;
        order.direction = SwapDirection::EthToUsdc;
        order.amountIn = kEther / 100;
        order.account = account(6);
        const SwapRecord record = swap(order);
        disconnect(connection);
        QCOMPARE(record.status, SwapRecord::Status::Failed);
        qInfo().noquote() << "node killed:" << record.error.toString();
        QVERIFY(!record.error.message.isEmpty());
        QVERIFY2(record.error.kind != Error::Kind::Canceled, qPrintable(record.error.toString()));
        QTRY_COMPARE_WITH_TIMEOUT(chain()->state().phase, ChainState::Phase::Failed, 10000);

        // Still usable: a quote answers at once with an error instead of hanging.
        const SwapQuote q = quote(order);
        QVERIFY(!q.ok);
        QVERIFY(!q.error.message.isEmpty());

        // "Reset sandbox" brings a working chain back.
        chain()->resetSandbox();
        QTRY_COMPARE_WITH_TIMEOUT(chain()->state().phase, ChainState::Phase::Starting, 10000);
        QVERIFY2(waitReady(chain(), 60000), qPrintable(chain()->state().message));
        attachClient();
        const SwapRecord again = swap(order);
        QVERIFY2(again.status == SwapRecord::Status::Succeeded, qPrintable(again.error.toString()));
    }

    void cleanupTestCase()
    {
        if (m_harness)
            QVERIFY(m_harness->core.shutdown(3000));
        m_client.reset();
        m_harness.reset();
    }
};

QTEST_GUILESS_MAIN(TestPaperSwaps)
#include "test_paper_swaps.moc"
