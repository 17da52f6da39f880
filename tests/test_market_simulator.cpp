// The sandbox market simulator on a real anvil (chain 8453) with the real Uniswap V4 contracts: 60 swaps
// at full speed, each with a receipt holding the pool's Swap event, from the traders (accounts 7–9), in
// both directions and of sane sizes; the same seed replays the same trades on the same state; a strong
// drift drags the pool along; a user (account 0) swaps at the same time without a nonce clash; 500 swaps
// through the runner (the swaps/s are printed); stop() ends a run within a second; a killed anvil stops
// the runner with a sentence. Then `apedesk-cli market simulate` on a `sandbox up --detach` sandbox,
// its refusal of anything that is not a sandbox or a local fork of BASE, and Ctrl+C.

#include "chain/networkprofile.h"
#include "chain/sandboxdeployer.h"
#include "eth/jsonrpcapi.h"
#include "eth/jsonrpcclient.h"
#include "eth/noncemanager.h"
#include "eth/rpcawait.h"
#include "eth/sender.h"
#include "market/marketsimulator.h"
#include "market/simulatorrunner.h"
#include "uniswap/poolcodec.h"
#include "uniswap/swapevent.h"
#include "uniswap/swapexecutor.h"

#include "anvilnode.h"
#include "processrunner.h"
#include "queuedspy.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSet>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <csignal>
#include <memory>

using namespace apedesk;
using namespace apedesk::market;
using eth::u256;

namespace {

const u256 kEther = u256(1'000'000'000'000'000'000ULL);

struct Trade
{
    SwapDirection direction;
    u256 amountIn;
    bool operator==(const Trade &o) const { return direction == o.direction && amountIn == o.amountIn; }
};

quint16 freePort()
{
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost, 0) ? probe.serverPort() : 0;
}

QJsonObject lastJson(const QByteArray &out)
{
    const QList<QByteArray> lines = out.trimmed().split('\n');
    return lines.isEmpty() ? QJsonObject() : QJsonDocument::fromJson(lines.last()).object();
}

// Runs a SimulatorRunner on a thread of its own, as MarketService does.
struct RunnerThread
{
    QThread thread;
    SimulatorRunner *runner = new SimulatorRunner;

    RunnerThread()
    {
        runner->moveToThread(&thread);
        thread.start();
    }
    ~RunnerThread()
    {
        runner->stop();
        thread.quit();
        thread.wait();
        delete runner;
    }
    void start(const SimulatorTarget &target, const SimulatorConfig &config)
    {
        QMetaObject::invokeMethod(runner, "start", Qt::QueuedConnection, Q_ARG(apedesk::market::SimulatorTarget, target),
                                  Q_ARG(apedesk::market::SimulatorConfig, config));
    }
    bool waitFor(const std::function<bool(const SimulatorState &)> &condition, int timeoutMs)
    {
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < timeoutMs) {
            if (condition(runner->state()))
                return true;
            QTest::qWait(5);
        }
        return condition(runner->state());
    }
};

} // namespace

class TestMarketSimulator : public QObject
{
    Q_OBJECT

private:
    AnvilNode m_anvil;
    std::unique_ptr<eth::JsonRpcClient> m_client;
    chain::SandboxDeployment m_deployment;
    uniswap::Venue m_venue;
    QTemporaryDir m_home;
    QString m_cli = qEnvironmentVariable("APEDESK_CLI");
    quint16 m_cliPort = 0;
    QString m_cliRpc;

    SimulatorTarget target() const
    {
        SimulatorTarget t;
        t.rpcUrl = m_anvil.url().toString();
        t.venue = m_venue;
        t.chainId = 8453;
        return t;
    }

    static SimulatorConfig fastConfig(quint64 seed)
    {
        SimulatorConfig config;
        config.swapsPerMinute = 0;
        config.seed = seed;
        config.medianTradeEth = 1.0;
        return config;
    }

    eth::EthRpc rpc() const { return eth::EthRpc(m_client.get()); }

    double poolPrice()
    {
        eth::CallRequest call;
        call.to = m_venue.stateView;
        call.data = uniswap::encodeGetSlot0(m_venue.poolId());
        eth::EthRpc api = rpc();
        auto bytes = eth::awaitRpc<QByteArray>(m_client.get(), [&](auto done) { return api.call(call, eth::BlockTag::latest(), done); });
        if (!bytes)
            qFatal("getSlot0 failed: %s", qPrintable(bytes.error().detail()));
        return priceFromSqrtPriceX96(uniswap::decodeSlot0(*bytes).value().sqrtPriceX96);
    }

    std::optional<eth::TransactionReceipt> receipt(const eth::Hash32 &hash)
    {
        eth::EthRpc api = rpc();
        auto answer = eth::awaitRpc<std::optional<eth::TransactionReceipt>>(
            m_client.get(), [&](auto done) { return api.getTransactionReceipt(hash, done); });
        return answer ? *answer : std::nullopt;
    }

    u256 nonceOf(const eth::Address &account, const eth::BlockTag &tag = eth::BlockTag::latest())
    {
        eth::EthRpc api = rpc();
        auto answer = eth::awaitRpc<u256>(m_client.get(), [&](auto done) { return api.getTransactionCount(account, tag, done); });
        return answer ? *answer : u256(0);
    }

    quint64 blockNumber()
    {
        eth::EthRpc api = rpc();
        auto answer = eth::awaitRpc<quint64>(m_client.get(), [&](auto done) { return api.blockNumber(done); });
        return answer ? *answer : 0;
    }

    u256 snapshot()
    {
        eth::EthRpc api = rpc();
        auto id = eth::awaitRpc<u256>(m_client.get(), [&](auto done) { return api.evmSnapshot(done); });
        return id.value();
    }

    bool revert(const u256 &id)
    {
        eth::EthRpc api = rpc();
        auto ok = eth::awaitRpc<bool>(m_client.get(), [&](auto done) { return api.evmRevert(id, done); });
        return ok && *ok;
    }

    // Steps a simulator until `swaps` swaps are made (skips do not count); fails the test on a failed swap.
    QList<MarketSimulator::Step> run(MarketSimulator &simulator, int swaps)
    {
        QList<MarketSimulator::Step> made;
        for (int steps = 0; made.size() < swaps && steps < swaps * 5; ++steps) {
            auto step = simulator.step();
            if (!step) {
                qWarning("step failed: %s", qPrintable(step.error().toString()));
                return made;
            }
            if (step->swapped)
                made << *step;
        }
        return made;
    }

    ProcessResult cli(const QStringList &args, int timeoutMs = 120000)
    {
        return runProcess(m_cli, args, isolatedEnvironment(m_home), timeoutMs);
    }

private Q_SLOTS:
    void initTestCase()
    {
        // One line per transaction from the sender would drown the test's own lines.
        QLoggingCategory::setFilterRules(QStringLiteral("apedesk.eth.info=false"));
        AnvilNode::Options options;
        options.chainId = 8453;
        QVERIFY2(m_anvil.start(options), qPrintable(m_anvil.lastError()));
        m_client = std::make_unique<eth::JsonRpcClient>(QList<QUrl>{m_anvil.url()});
        chain::SandboxDeployer deployer(m_client.get(), qEnvironmentVariable("APEDESK_NODE_MODULES"));
        chain::SandboxOptions sandbox;
        sandbox.fundAccounts = chain::sandboxAccounts();
        auto deployed = deployer.deploy(sandbox);
        QVERIFY2(deployed, deployed ? "" : qPrintable(deployed.error().toString()));
        m_deployment = *deployed;
        m_venue = chain::NetworkProfile::fromSandbox(m_deployment).venue();
    }

    void settingsAndNodesAreChecked()
    {
        SimulatorConfig bad = fastConfig(1);
        bad.medianTradeEth = 0;
        QCOMPARE(MarketSimulator::validate(bad).error().kind, Error::Kind::Usage);
        bad = fastConfig(1);
        bad.noiseTradeShare = 1.5;
        QVERIFY(!MarketSimulator::validate(bad));
        bad = fastConfig(1);
        bad.swapsPerMinute = -1;
        QVERIFY(!MarketSimulator::validate(bad));
        bad = fastConfig(1);
        bad.driftPerDay = 0;
        bad.volatilityPerDay = 0;
        bad.noiseTradeShare = 0;
        QVERIFY(!MarketSimulator::validate(bad));
        QVERIFY(MarketSimulator::validate(fastConfig(1)));
        QVERIFY(MarketSimulator::validate(SimulatorConfig()));

        // Never a real network: refused before anything is sent.
        SimulatorTarget remote = target();
        remote.rpcUrl = QStringLiteral("https://mainnet.base.org");
        MarketSimulator refused(remote, fastConfig(1));
        const Status status = refused.prepare([] { return false; });
        QVERIFY(!status);
        QCOMPARE(status.error().kind, Error::Kind::Usage);
        QVERIFY2(status.error().message.contains(QLatin1String("on this machine")), qPrintable(status.error().message));

        // The wrong chain, and a venue without code.
        SimulatorTarget wrongChain = target();
        wrongChain.chainId = 1;
        MarketSimulator chainRefused(wrongChain, fastConfig(1));
        const Status chainStatus = chainRefused.prepare({});
        QVERIFY(!chainStatus);
        QVERIFY2(chainStatus.error().message.contains(QLatin1String("8453")), qPrintable(chainStatus.error().message));
        SimulatorTarget noVenue = target();
        noVenue.venue = chain::NetworkProfile::base().venue();
        MarketSimulator venueRefused(noVenue, fastConfig(1));
        const Status venueStatus = venueRefused.prepare({});
        QVERIFY(!venueStatus);
        QVERIFY2(venueStatus.error().message.contains(QLatin1String("no PoolManager")), qPrintable(venueStatus.error().message));
    }

    void sixtySwapsAtFullSpeed()
    {
        MarketSimulator simulator(target(), fastConfig(42));
        QVERIFY2(simulator.prepare({}), "prepare");
        const double start = simulator.initialPoolPrice();
        QVERIFY(start > 2900 && start < 3100);
        const QList<eth::Address> traders = simulatorTraders();
        QCOMPARE(traders.size(), 3);
        QCOMPARE(traders.first(), chain::sandboxAccounts().at(7));

        QElapsedTimer timer;
        timer.start();
        const QList<MarketSimulator::Step> steps = run(simulator, 60);
        const double seconds = timer.nsecsElapsed() / 1e9;
        QCOMPARE(steps.size(), 60);
        qInfo("60 swaps in %.2f s: %.1f swaps/s (MarketSimulator::step at rate 0)", seconds, 60 / seconds);
        QCOMPARE(simulator.state().swapsDone, qint64(60));
        QCOMPARE(simulator.state().swapsFailed, qint64(0));

        int ethIn = 0;
        int usdcIn = 0;
        QSet<QByteArray> accounts;
        for (const MarketSimulator::Step &step : steps) {
            const SwapRecord &r = step.record;
            QCOMPARE(r.status, SwapRecord::Status::Succeeded);
            QVERIFY(r.amountIn > 0);
            QVERIFY(r.amountOut > 0);
            // Sane sizes: at most 10 × the median (1 ETH, or its USDC worth with room for the moves).
            if (r.direction == SwapDirection::EthToUsdc) {
                ++ethIn;
                QVERIFY(r.amountIn <= u256(10) * kEther);
            } else {
                ++usdcIn;
                QVERIFY(r.amountIn <= u256(10) * u256(4000) * u256(1'000'000));
            }
            const auto mined = receipt(r.txHash);
            QVERIFY(mined.has_value());
            QVERIFY(mined->status);
            QVERIFY(traders.contains(mined->from));
            accounts.insert(mined->from.toLowerHex().toLatin1());
            const auto event = uniswap::findSwapEvent(mined->logs, m_venue.poolManager, m_venue.poolId());
            QVERIFY2(event.has_value(), "the receipt holds the pool's Swap event");
            // V4's sign convention: negative = paid in by the swapper.
            if (r.direction == SwapDirection::EthToUsdc)
                QVERIFY(event->amount0 < 0 && event->amount1 > 0);
            else
                QVERIFY(event->amount1 < 0 && event->amount0 > 0);
            QCOMPARE(step.poolPriceAfter, priceFromSqrtPriceX96(event->sqrtPriceX96));
            QVERIFY(step.targetPrice > 0);
        }
        qInfo("%d ETH→USDC, %d USDC→ETH", ethIn, usdcIn);
        QVERIFY(ethIn > 0 && usdcIn > 0);
        QCOMPARE(accounts.size(), 3);   // the three traders take turns

        // Trades that chase the target go its way and stop short of it (nobody else trades here, so
        // the pool before a swap is the pool after the one before).
        double before = start;
        int chasing = 0;
        for (const MarketSimulator::Step &step : steps) {
            const double after = step.poolPriceAfter;
            if (!step.noise) {
                ++chasing;
                QCOMPARE(step.record.direction,
                         step.targetPrice < before ? SwapDirection::EthToUsdc : SwapDirection::UsdcToEth);
                const bool overshot = (step.targetPrice - after) * (step.targetPrice - before) < 0
                                      && std::abs(after / step.targetPrice - 1) > 1e-6;
                QVERIFY2(!overshot, qPrintable(QStringLiteral("before %1 after %2 target %3").arg(before).arg(after).arg(step.targetPrice)));
            }
            before = after;
        }
        qInfo("%d of 60 swaps chased the target, %d were noise", chasing, 60 - chasing);
        QVERIFY(chasing > 20 && chasing < 60);
    }

    void sameSeedSameTrades()
    {
        auto trades = [&](quint64 seed) {
            MarketSimulator simulator(target(), fastConfig(seed));
            if (!simulator.prepare({}))
                return QList<Trade>();
            QList<Trade> list;
            for (const MarketSimulator::Step &step : run(simulator, 20))
                list << Trade{step.record.direction, step.record.amountIn};
            return list;
        };
        const u256 before = snapshot();
        const QList<Trade> first = trades(7);
        QCOMPARE(first.size(), 20);
        QVERIFY(revert(before));
        const u256 again = snapshot();
        const QList<Trade> second = trades(7);
        QCOMPARE(second.size(), 20);
        for (int i = 0; i < 20; ++i) {
            QCOMPARE(second.at(i).direction, first.at(i).direction);
            QVERIFY(second.at(i).amountIn == first.at(i).amountIn);
        }
        QVERIFY(revert(again));
        const QList<Trade> other = trades(8);
        QCOMPARE(other.size(), 20);
        QVERIFY(!(other == first));
    }

    void poolFollowsAStrongDrift()
    {
        for (const double drift : {40.0, -40.0}) {
            SimulatorConfig config = fastConfig(11);
            config.driftPerDay = drift;
            config.volatilityPerDay = 0.01;
            config.medianTradeEth = 8;   // ~0.35 % of the sandbox pool's price per trade
            config.noiseTradeShare = 0.1;
            MarketSimulator simulator(target(), config);
            QVERIFY(simulator.prepare({}));
            const double start = simulator.initialPoolPrice();
            QCOMPARE(run(simulator, 40).size(), 40);
            const SimulatorState state = simulator.state();
            const double targetMove = std::log(state.targetPrice / start);
            const double poolMove = std::log(state.poolPrice / start);
            qInfo("drift %+.0f/day: target %+.2f %%, pool %+.2f %%", drift, targetMove * 100, poolMove * 100);
            QVERIFY(drift > 0 ? targetMove > 0.1 : targetMove < -0.1);
            // The pool went the same way, at least a third as far as the target.
            QVERIFY2(poolMove / targetMove > 0.33, qPrintable(QString::number(poolMove / targetMove)));
            QCOMPARE(std::abs(poolPrice() - state.poolPrice) < 1e-9 * state.poolPrice, true);
        }
    }

    void tradersAndAUserSwapAtTheSameTime()
    {
        RunnerThread runner;
        QueuedSpy swapped(runner.runner, &SimulatorRunner::swapped);
        runner.start(target(), fastConfig(5));
        QVERIFY(runner.waitFor([](const SimulatorState &s) { return s.swapsDone >= 3; }, 30000));

        // Account 0 swaps as the wallet pane does: its own client, nonce manager and sender.
        eth::JsonRpcClient client({m_anvil.url()}, chain::chainRpcOptions(m_anvil.url()));
        eth::NonceManager nonces{eth::EthRpc(&client)};
        eth::TransactionSender sender(&client, &nonces);
        sender.setPollIntervalMs(20);
        uniswap::SwapExecutor executor(&client, &sender, m_venue, 8453);
        const eth::Address user = chain::sandboxAccounts().at(0);
        const u256 userNonceBefore = nonceOf(user);
        const qint64 simulatedBefore = runner.runner->state().swapsDone;
        int userSwaps = 0;
        for (int i = 0; i < 10; ++i) {
            SwapOrder order;
            order.direction = i % 2 ? SwapDirection::UsdcToEth : SwapDirection::EthToUsdc;
            order.amountIn = i % 2 ? u256(300) * 1'000'000 : kEther / 10;
            order.slippageBps = 300;   // the market moves between the quote and the swap
            order.account = user;
            SwapRecord record;
            record.direction = order.direction;
            record.account = user;
            record.amountIn = order.amountIn;
            record = executor.execute(record, order, [] { return chain::sandboxAccountKey(0); }, {});
            QVERIFY2(record.status == SwapRecord::Status::Succeeded, qPrintable(record.error.toString()));
            ++userSwaps;
        }
        const qint64 simulatedDuring = runner.runner->state().swapsDone - simulatedBefore;
        qInfo("%d user swaps while the simulator made %lld", userSwaps, simulatedDuring);
        QVERIFY(simulatedDuring > 0);
        runner.runner->stop();
        QVERIFY(runner.waitFor([](const SimulatorState &s) { return !s.running; }, 5000));
        const SimulatorState state = runner.runner->state();
        QCOMPARE(state.swapsFailed, qint64(0));
        // Nonces: the user's moved by its own transactions only (10 swaps, maybe 2 approvals), and no
        // trader has a transaction stuck in the pool.
        const u256 userNonceAfter = nonceOf(user);
        QVERIFY(userNonceAfter - userNonceBefore >= 10 && userNonceAfter - userNonceBefore <= 12);
        for (const eth::Address &trader : simulatorTraders())
            QVERIFY(nonceOf(trader) == nonceOf(trader, eth::BlockTag::pending()));
        QTRY_COMPARE_WITH_TIMEOUT(swapped.size(), static_cast<int>(state.swapsDone), 2000);
    }

    void fiveHundredSwapsThroughTheRunner()
    {
        RunnerThread runner;
        QueuedSpy states(runner.runner, &SimulatorRunner::stateChanged);
        QueuedSpy swapped(runner.runner, &SimulatorRunner::swapped);
        SimulatorConfig config = fastConfig(500);
        config.maxSwaps = 500;
        QElapsedTimer timer;
        timer.start();
        runner.start(target(), config);
        QVERIFY(runner.waitFor([](const SimulatorState &s) { return s.running && s.swapsDone > 0; }, 30000));
        QVERIFY(runner.waitFor([](const SimulatorState &s) { return !s.running; }, 240000));
        const double seconds = timer.nsecsElapsed() / 1e9;
        const SimulatorState state = runner.runner->state();
        QVERIFY2(state.swapsDone == 500, qPrintable(state.text));
        QCOMPARE(state.swapsFailed, qint64(0));
        QVERIFY2(state.text.contains(QLatin1String("500")), qPrintable(state.text));
        qInfo("500 swaps through SimulatorRunner in %.2f s (prepare included): %.1f swaps/s", seconds, 500 / seconds);
        QTRY_COMPARE_WITH_TIMEOUT(swapped.size(), 500, 5000);
        QSet<QByteArray> hashes;
        for (const QVariantList &args : std::as_const(swapped))
            hashes.insert(args.at(0).value<SwapRecord>().txHash.toHex().toLatin1());
        QCOMPARE(hashes.size(), 500);
        QVERIFY(states.size() >= 500);
    }

    void stopMidRunWithinASecond()
    {
        RunnerThread runner;
        runner.start(target(), fastConfig(9));
        QVERIFY(runner.waitFor([](const SimulatorState &s) { return s.swapsDone >= 5; }, 30000));
        QElapsedTimer timer;
        timer.start();
        runner.runner->stop();
        QVERIFY(runner.waitFor([](const SimulatorState &s) { return !s.running; }, 1000));
        qInfo("stopped %lld ms after stop()", timer.elapsed());
        QVERIFY(timer.elapsed() < 1000);
        QVERIFY2(runner.runner->state().text.startsWith(QLatin1String("Stopped")), qPrintable(runner.runner->state().text));
        const quint64 head = blockNumber();
        QTest::qWait(300);
        QCOMPARE(blockNumber(), head);   // nothing trades any more

        // And it can start again on the same runner; a start during a run ends that run first.
        QueuedSpy states(runner.runner, &SimulatorRunner::stateChanged);
        runner.start(target(), fastConfig(10));
        QVERIFY(runner.waitFor([](const SimulatorState &s) { return s.running && s.swapsDone >= 2; }, 30000));
        runner.start(target(), fastConfig(11));
        auto restarted = [&] {
            bool ended = false;
            for (const QVariantList &args : std::as_const(states)) {
                const auto s = args.at(0).value<SimulatorState>();
                if (!s.running && s.text == QLatin1String("Restarting with new settings."))
                    ended = true;
                else if (ended && s.running && s.swapsDone >= 2)
                    return true;
            }
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(restarted(), 30000);
    }

    void slowRateWaitsBetweenSwaps()
    {
        SimulatorConfig config = fastConfig(3);
        config.swapsPerMinute = 600;   // mean 100 ms
        MarketSimulator simulator(target(), config);
        double total = 0;
        for (int i = 0; i < 200; ++i)
            total += simulator.nextDelayMs();
        QVERIFY(total / 200 > 70 && total / 200 < 130);
        QCOMPARE(MarketSimulator(target(), fastConfig(3)).nextDelayMs(), qint64(0));
    }

    void killedNodeStopsTheRunner()
    {
        RunnerThread runner;
        runner.start(target(), fastConfig(13));
        QVERIFY(runner.waitFor([](const SimulatorState &s) { return s.swapsDone >= 3; }, 30000));
        m_anvil.kill();
        QElapsedTimer timer;
        timer.start();
        QVERIFY(runner.waitFor([](const SimulatorState &s) { return !s.running; }, 20000));
        const SimulatorState state = runner.runner->state();
        qInfo("stopped %lld ms after the kill: %s", timer.elapsed(), qPrintable(state.text));
        QVERIFY2(state.text.contains(QLatin1String("stopped answering")), qPrintable(state.text));
    }

    // ---- apedesk-cli market simulate ----

    void cliSimulatesOnASandbox()
    {
        if (m_cli.isEmpty())
            QSKIP("APEDESK_CLI is not set (the CLI is built with APEDESK_WITH_ML)");
        m_cliPort = freePort();
        const ProcessResult up = cli({QStringLiteral("sandbox"), QStringLiteral("up"), QStringLiteral("--port"),
                                      QString::number(m_cliPort), QStringLiteral("--detach"), QStringLiteral("--json")});
        QVERIFY2(up.exitCode == 0, up.err.constData());
        m_cliRpc = lastJson(up.out).value(QStringLiteral("rpc_url")).toString();
        QVERIFY(!m_cliRpc.isEmpty());

        const ProcessResult r = cli({QStringLiteral("market"), QStringLiteral("simulate"), QStringLiteral("--rpc"), m_cliRpc,
                                     QStringLiteral("--swaps"), QStringLiteral("20"), QStringLiteral("--seed"),
                                     QStringLiteral("4"), QStringLiteral("--json"), QStringLiteral("--progress")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QList<QByteArray> lines = r.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 21);   // one per swap, then the summary
        for (int i = 0; i < 20; ++i) {
            const QJsonObject swap = QJsonDocument::fromJson(lines.at(i)).object();
            QCOMPARE(swap.value(QStringLiteral("event")).toString(), QStringLiteral("swap"));
            QCOMPARE(swap.value(QStringLiteral("index")).toInt(), i + 1);
            QVERIFY(swap.value(QStringLiteral("tx_hash")).toString().startsWith(QLatin1String("0x")));
        }
        const QJsonObject summary = lastJson(r.out);
        QCOMPARE(summary.value(QStringLiteral("swaps")).toInt(), 20);
        QCOMPARE(summary.value(QStringLiteral("failed")).toInt(), 0);
        QVERIFY(summary.value(QStringLiteral("first_pool_price")).toDouble() > 2900);
        QVERIFY(summary.value(QStringLiteral("last_pool_price")).toDouble() > 0);
        QVERIFY(summary.value(QStringLiteral("target_price")).toDouble() > 0);
        QVERIFY(summary.value(QStringLiteral("seconds")).toDouble() > 0);
        QCOMPARE(summary.value(QStringLiteral("seed")).toString(), QStringLiteral("4"));
        qInfo("CLI: 20 swaps in %.2f s", summary.value(QStringLiteral("seconds")).toDouble());

        // Text mode, without --progress: just the summary.
        const ProcessResult text = cli({QStringLiteral("market"), QStringLiteral("simulate"), QStringLiteral("--rpc"),
                                        m_cliRpc, QStringLiteral("--swaps"), QStringLiteral("2")});
        QVERIFY2(text.exitCode == 0, text.err.constData());
        QVERIFY2(text.out.contains("swaps: 2"), text.out.constData());
    }

    void cliRefusesWhatIsNotASandbox()
    {
        if (m_cli.isEmpty())
            QSKIP("APEDESK_CLI is not set (the CLI is built with APEDESK_WITH_ML)");
        // A remote URL: refused before any connection.
        ProcessResult r = cli({QStringLiteral("market"), QStringLiteral("simulate"), QStringLiteral("--rpc"),
                               QStringLiteral("https://mainnet.base.org"), QStringLiteral("--swaps"), QStringLiteral("5")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("never on a real network"), r.err.constData());

        // A local anvil that is neither a recorded sandbox nor a fork of BASE.
        AnvilNode plain;
        QVERIFY(plain.start());
        r = cli({QStringLiteral("market"), QStringLiteral("simulate"), QStringLiteral("--rpc"), plain.url().toString(),
                 QStringLiteral("--swaps"), QStringLiteral("5")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("neither a recorded sandbox nor a local fork of BASE"), r.err.constData());

        // Usage errors.
        r = cli({QStringLiteral("market"), QStringLiteral("simulate"), QStringLiteral("--rpc"), m_cliRpc});
        QCOMPARE(r.exitCode, 2);
        r = cli({QStringLiteral("market"), QStringLiteral("simulate"), QStringLiteral("--rpc"), m_cliRpc,
                 QStringLiteral("--swaps"), QStringLiteral("3"), QStringLiteral("--median-eth"), QStringLiteral("0")});
        QCOMPARE(r.exitCode, 2);
        r = cli({QStringLiteral("market"), QStringLiteral("dance")});
        QCOMPARE(r.exitCode, 2);
    }

    void cliStopsOnCtrlC()
    {
        if (m_cli.isEmpty() || m_cliRpc.isEmpty())
            QSKIP("needs the CLI and its sandbox");
        QProcess process;
        process.setProcessEnvironment(isolatedEnvironment(m_home));
        process.start(m_cli, {QStringLiteral("market"), QStringLiteral("simulate"), QStringLiteral("--rpc"), m_cliRpc,
                              QStringLiteral("--swaps"), QStringLiteral("100000"), QStringLiteral("--progress"),
                              QStringLiteral("--json")});
        QVERIFY(process.waitForStarted());
        QByteArray out;
        QElapsedTimer timer;
        timer.start();
        while (out.count('\n') < 5 && timer.elapsed() < 60000) {
            process.waitForReadyRead(100);
            out += process.readAllStandardOutput();
        }
        QVERIFY2(out.count('\n') >= 5, process.readAllStandardError().constData());
        ::kill(static_cast<pid_t>(process.processId()), SIGINT);
        timer.restart();
        QVERIFY(process.waitForFinished(5000));
        qInfo("the CLI ended %lld ms after SIGINT", timer.elapsed());
        out += process.readAllStandardOutput();
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 0);
        const QJsonObject summary = lastJson(out);
        QVERIFY(summary.value(QStringLiteral("interrupted")).toBool());
        QVERIFY(summary.value(QStringLiteral("swaps")).toInt() >= 5);
        QCOMPARE(summary.value(QStringLiteral("failed")).toInt(), 0);
    }

    void cleanupTestCase()
    {
        if (m_cliPort)
            cli({QStringLiteral("sandbox"), QStringLiteral("down"), QStringLiteral("--port"), QString::number(m_cliPort)});
    }
};

QTEST_GUILESS_MAIN(TestMarketSimulator)
#include "test_market_simulator.moc"
