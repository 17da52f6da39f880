// The agent loop end to end on a real sandbox (anvil with the Uniswap V4 venue): a local server that
// speaks Ollama's streaming protocol replays scripted answers, the loop reads the pool through a real
// live monitor, trades through the real swap executor, and journals into real SQLite. Checked against
// the chain itself: the swap's receipt and balances, and the account's nonce when nothing may trade.
// Broken and unreadable answers are replayed over both protocols (Ollama NDJSON, OpenAI SSE).

#include "agent/agentloop.h"
#include "agent/decisionjournal.h"
#include "agent/llmbackend.h"
#include "chain/networkprofile.h"
#include "chain/sandboxdeployment.h"
#include "eth/jsonrpcapi.h"
#include "eth/rpcawait.h"
#include "eth/signer.h"
#include "eth/units.h"
#include "market/livemonitor.h"
#include "market/swapstore.h"
#include "uniswap/poolcodec.h"
#include "uniswap/swapevent.h"

#include "llmtestserver.h"
#include "swapsandbox.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

using namespace apedesk;
using agent::DecisionRecord;

namespace {

class MonitorSource : public agent::MarketSource
{
public:
    explicit MonitorSource(market::LiveMonitor *monitor) : m_monitor(monitor) {}
    Result<agent::MarketView> market() override { return m_monitor->metrics(); }

private:
    market::LiveMonitor *m_monitor;
};

} // namespace

class TestAgentLoop : public QObject
{
    Q_OBJECT

    SwapSandbox m_sandbox;
    QTemporaryDir m_dir;
    std::unique_ptr<market::SwapStore> m_store;
    std::unique_ptr<market::LiveMonitor> m_monitor;
    std::unique_ptr<MonitorSource> m_market;
    agent::DecisionJournal m_journal;
    eth::Address m_account;
    std::unique_ptr<agent::RpcGateway> m_gateway;

    uniswap::Venue venue() const { return chain::NetworkProfile::fromSandbox(m_sandbox.deployment).venue(); }

    quint64 nonce()
    {
        auto api = m_sandbox.rpc();
        auto n = eth::awaitRpc<eth::u256>(m_sandbox.client.get(), [&](auto done) {
            return api.getTransactionCount(m_account, eth::BlockTag::latest(), done);
        });
        return n ? static_cast<quint64>(*n) : ~0ULL;
    }

    agent::Portfolio portfolio()
    {
        auto p = m_gateway->portfolio({});
        return p ? *p : agent::Portfolio{};
    }

    agent::AgentConfig config(const QString &spec)
    {
        agent::AgentConfig config;
        config.backend = *agent::parseBackendSpec(spec);
        config.llmTimeoutMs = 5000;
        config.intervalMs = 0;
        config.rebalance.enabled = false;   // these cases are about the model's answers
        config.pnlHorizonSeconds = 3600;
        return config;
    }

    // One cycle with one scripted answer.
    DecisionRecord cycleWith(LlmTestServer &server, const LlmTestServer::Script &script, agent::AgentConfig cfg = {})
    {
        if (cfg.backend.model.isEmpty())
            cfg = config(server.spec(QStringLiteral("trader-qwen:latest")));
        server.enqueue(script);
        auto backend = agent::makeBackend(cfg.backend);
        agent::AgentLoop loop(cfg, backend.get(), m_gateway.get(), m_market.get(), &m_journal);
        const Status begun = loop.begin(QStringLiteral("run-test"), QDateTime::currentSecsSinceEpoch());
        if (!begun)
            qWarning() << begun.error().toString();
        return loop.runCycle({});
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(m_sandbox.start(), qPrintable(m_sandbox.lastError));
        const QString db = m_dir.filePath(QStringLiteral("apedesk.sqlite"));
        QVERIFY2(m_journal.open(db).ok(), "journal");
        auto store = market::SwapStore::open(db);
        QVERIFY(store);
        m_store = std::move(*store);
        market::MonitorConfig monitor;
        monitor.rpcUrl = m_sandbox.anvil.url().toString();
        monitor.chain = m_sandbox.chain();
        monitor.poolManager = venue().poolManager;
        monitor.poolId = venue().poolId();
        monitor.pollMs = 200;
        m_monitor = std::make_unique<market::LiveMonitor>(m_store.get(), monitor);
        m_monitor->start();
        m_market = std::make_unique<MonitorSource>(m_monitor.get());

        auto key = chain::sandboxAccountKey(0);
        QVERIFY(key);
        m_account = key->address();
        auto held = std::make_shared<eth::PrivateKey>(std::move(*key));
        m_gateway = std::make_unique<agent::RpcGateway>(m_sandbox.anvil.url(), 8453, venue(), m_account, [held] {
            return eth::PrivateKey::fromBytes(
                eth::SecretBytes(QByteArray(held->secret().bytes().constData(), held->secret().bytes().size())));
        });
        // A few market swaps so the metrics have a window to show.
        QRandomGenerator random(7);
        for (int i = 0; i < 4; ++i)
            QVERIFY(m_sandbox.sendSwap(8, i % 2 == 0, random));
        QTRY_VERIFY_WITH_TIMEOUT(m_monitor->metrics().swapCount >= 4, 10000);
    }

    void apeOutSellsExactlyTheAmountAndJournalsTheTransaction()
    {
        LlmTestServer server(LlmTestServer::Protocol::Ollama);
        QVERIFY(server.listen());
        const agent::Portfolio before = portfolio();
        const DecisionRecord record = cycleWith(
            server, LlmTestServer::answer(QStringLiteral("Momentum is fading and volume is thin.\nRECOMMENDATION: APE OUT 0.05 ETH")));
        QCOMPARE(agent::decisionStatusKey(record.status), QStringLiteral("succeeded"));
        QCOMPARE(record.parsed.canary, agent::Canary::ApeOut);
        QCOMPARE(record.sized.direction, SwapDirection::EthToUsdc);
        QCOMPARE(eth::toDecimal(record.sized.amountIn), QStringLiteral("50000000000000000"));
        QVERIFY(!record.txHash.isZero());

        // The chain agrees: the receipt's Swap event took exactly 0.05 ETH into the pool.
        auto receipt = m_sandbox.receipt(record.txHash);
        QVERIFY(receipt && receipt->status);
        bool found = false;
        for (const auto &log : receipt->logs) {
            auto swap = uniswap::decodeSwapEvent(log);
            if (!swap)
                continue;
            found = true;
            QVERIFY(swap->amount0 == eth::i256(-50000000000000000LL));   // the swapper paid exactly 0.05 ETH
        }
        QVERIFY(found);
        const agent::Portfolio after = portfolio();
        QVERIFY(before.ethWei - after.ethWei >= eth::u256(50000000000000000ULL));
        QVERIFY(after.usdcUnits > before.usdcUnits);

        // The journal row holds the same transaction, the prompt and the answer.
        auto stored = m_journal.find(record.id);
        QVERIFY(stored);
        QCOMPARE(stored->txHash, record.txHash);
        QCOMPARE(agent::decisionStatusKey(stored->status), QStringLiteral("succeeded"));
        QVERIFY(stored->prompt.contains(QStringLiteral("TRADE:")));
        QVERIFY(stored->response.contains(QStringLiteral("APE OUT 0.05 ETH")));
        QCOMPARE(server.chatRequests().size(), 1);
        QCOMPARE(server.chatRequests().first().value(QStringLiteral("model")).toString(), QStringLiteral("trader-qwen:latest"));
    }

    void apeInSpendsExactlyOneHundredUsdc()
    {
        LlmTestServer server(LlmTestServer::Protocol::Ollama);
        QVERIFY(server.listen());
        const agent::Portfolio before = portfolio();
        const DecisionRecord record =
            cycleWith(server, LlmTestServer::answer(QStringLiteral("Buy the dip.\nRECOMMENDATION: APE IN 100 USDC")));
        QCOMPARE(agent::decisionStatusKey(record.status), QStringLiteral("succeeded"));
        QCOMPARE(record.sized.direction, SwapDirection::UsdcToEth);
        QCOMPARE(record.amountInText(), QStringLiteral("100"));
        const agent::Portfolio after = portfolio();
        QCOMPARE(eth::toDecimal(before.usdcUnits - after.usdcUnits), QStringLiteral("100000000"));
        QVERIFY(after.ethWei > before.ethWei - eth::u256(10000000000000000ULL));   // got ETH back (minus gas)
        QVERIFY(!record.txHash.isZero());
    }

    void apeNeutralTradesNothing()
    {
        LlmTestServer server(LlmTestServer::Protocol::Ollama);
        QVERIFY(server.listen());
        const quint64 nonceBefore = nonce();
        const DecisionRecord record =
            cycleWith(server, LlmTestServer::answer(QStringLiteral("Nothing to do.\nRECOMMENDATION: APE NEUTRAL")));
        QCOMPARE(record.parsed.canary, agent::Canary::ApeNeutral);
        QCOMPARE(agent::decisionStatusKey(record.status), QStringLiteral("no_trade"));
        QVERIFY(record.txHash.isZero());
        QCOMPARE(nonce(), nonceBefore);
    }

    void observationCyclesNeverTrade()
    {
        LlmTestServer server(LlmTestServer::Protocol::Ollama);
        QVERIFY(server.listen());
        agent::AgentConfig cfg = config(server.spec(QStringLiteral("trader-qwen:latest")));
        cfg.observe = {agent::ObservationMode::Kind::Cycles, 3};
        auto backend = agent::makeBackend(cfg.backend);
        agent::AgentLoop loop(cfg, backend.get(), m_gateway.get(), m_market.get(), &m_journal);
        QVERIFY(loop.begin(QStringLiteral("run-observe"), QDateTime::currentSecsSinceEpoch()));
        const quint64 nonceBefore = nonce();
        for (int i = 0; i < 3; ++i) {
            server.enqueue(LlmTestServer::answer(QStringLiteral("RECOMMENDATION: APE OUT 0.01 ETH")));
            const DecisionRecord record = loop.runCycle({});
            QVERIFY(record.observing);
            QCOMPARE(record.parsed.canary, agent::Canary::ApeOut);   // read, but not acted on
            QCOMPARE(agent::decisionStatusKey(record.status), QStringLiteral("observed"));
            QCOMPARE(record.type, agent::DecisionType::Observation);
        }
        QCOMPARE(nonce(), nonceBefore);
        // The fourth cycle is past the observation: the same answer trades.
        server.enqueue(LlmTestServer::answer(QStringLiteral("RECOMMENDATION: APE OUT 0.01 ETH")));
        const DecisionRecord fourth = loop.runCycle({});
        QVERIFY(!fourth.observing);
        QCOMPARE(agent::decisionStatusKey(fourth.status), QStringLiteral("succeeded"));
        QVERIFY(nonce() > nonceBefore);
    }

    void garbageAndBrokenAnswersNeverTrade_data()
    {
        QTest::addColumn<int>("protocol");   // 0 Ollama (NDJSON), 1 OpenAI-compatible (SSE)
        QTest::addColumn<int>("kind");       // 0 text, 1 truncated, 2 malformed, 3 never-ending, 4 HTTP 500
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("status");
        for (int protocol : {0, 1}) {
            const char *p = protocol == 0 ? "ollama" : "openai";
            QTest::addRow("%s: unreadable prose", p) << protocol << 0 << QStringLiteral("I think the market is interesting today.") << "observed";
            QTest::addRow("%s: half a canary", p) << protocol << 0 << QStringLiteral("RECOMMENDATION: APE O") << "observed";
            QTest::addRow("%s: negative amount", p) << protocol << 0 << QStringLiteral("RECOMMENDATION: APE OUT -3 ETH") << "observed";
            QTest::addRow("%s: truncated stream", p) << protocol << 1 << QStringLiteral("RECOMMENDATION: APE OUT 0.05 ETH") << "failed";
            QTest::addRow("%s: malformed stream", p) << protocol << 2 << QStringLiteral("RECOMMENDATION: APE OUT 0.05 ETH") << "failed";
            QTest::addRow("%s: never-ending stream", p) << protocol << 3 << QStringLiteral("RECOMMENDATION: APE OUT 0.05 ETH") << "failed";
            QTest::addRow("%s: server error", p) << protocol << 4 << QString() << "failed";
        }
    }

    void garbageAndBrokenAnswersNeverTrade()
    {
        QFETCH(int, protocol);
        QFETCH(int, kind);
        QFETCH(QString, text);
        QFETCH(QString, status);
        LlmTestServer server(protocol == 0 ? LlmTestServer::Protocol::Ollama : LlmTestServer::Protocol::OpenAi);
        QVERIFY(server.listen());
        LlmTestServer::Script script = LlmTestServer::answer(text);
        if (kind == 1)
            script.end = LlmTestServer::Script::End::Truncate;
        else if (kind == 2)
            script.end = LlmTestServer::Script::End::Malformed;
        else if (kind == 3)
            script.end = LlmTestServer::Script::End::Hang;
        else if (kind == 4) {
            script = LlmTestServer::failure(500);   // the server's own error body for a 500
        }
        agent::AgentConfig cfg = config(server.spec(QStringLiteral("trader-qwen:latest")));
        cfg.llmTimeoutMs = 1500;
        const quint64 nonceBefore = nonce();
        QElapsedTimer clock;
        clock.start();
        const DecisionRecord record = cycleWith(server, script, cfg);
        QCOMPARE(agent::decisionStatusKey(record.status), status);
        QVERIFY(record.txHash.isZero());
        QCOMPARE(nonce(), nonceBefore);
        if (status == QLatin1String("failed")) {
            QVERIFY(!record.error.message.isEmpty());
            if (kind == 3) {
                QCOMPARE(record.error.kind, Error::Kind::Timeout);
                QVERIFY2(clock.elapsed() < 5000, "a never-ending answer ends at the timeout");
            }
        } else {
            QVERIFY(!record.sized.note.isEmpty());   // why nothing was read, in words
        }
        auto stored = m_journal.find(record.id);
        QVERIFY(stored);
        QCOMPARE(agent::decisionStatusKey(stored->status), status);
    }

    void rebalancingBypassesTheModel()
    {
        LlmTestServer server(LlmTestServer::Protocol::Ollama);
        QVERIFY(server.listen());
        agent::AgentConfig cfg = config(server.spec(QStringLiteral("trader-qwen:latest")));
        const agent::Portfolio now = portfolio();
        cfg.rebalance.enabled = true;
        // A target far from the account's allocation: the rebalancer trades toward it, no model asked.
        cfg.rebalance.targetEthAllocation = now.ethWeight() > 0.5 ? 0.0 : 1.0;
        cfg.rebalance.threshold = 0.2;
        auto backend = agent::makeBackend(cfg.backend);
        agent::AgentLoop loop(cfg, backend.get(), m_gateway.get(), m_market.get(), &m_journal);
        QVERIFY(loop.begin(QStringLiteral("run-rebalance"), QDateTime::currentSecsSinceEpoch()));
        const DecisionRecord record = loop.runCycle({});
        QCOMPARE(record.type, agent::DecisionType::Rebalance);
        QCOMPARE(record.backend, QStringLiteral("rebalancer"));
        QCOMPARE(agent::decisionStatusKey(record.status), QStringLiteral("succeeded"));
        QCOMPARE(server.chatRequests().size(), 0);
        // The cooldown holds the next cycle back: the model decides it.
        server.enqueue(LlmTestServer::answer(QStringLiteral("RECOMMENDATION: APE NEUTRAL")));
        const DecisionRecord next = loop.runCycle({});
        QCOMPARE(next.type, agent::DecisionType::LlmDecision);
        QCOMPARE(server.chatRequests().size(), 1);
    }

    void tradesAreMarkedToMarketAfterTheHorizon()
    {
        LlmTestServer server(LlmTestServer::Protocol::Ollama);
        QVERIFY(server.listen());
        agent::AgentConfig cfg = config(server.spec(QStringLiteral("trader-qwen:latest")));
        cfg.pnlHorizonSeconds = 0;   // due at once: the next cycle marks it
        auto backend = agent::makeBackend(cfg.backend);
        agent::AgentLoop loop(cfg, backend.get(), m_gateway.get(), m_market.get(), &m_journal);
        QVERIFY(loop.begin(QStringLiteral("run-pnl"), QDateTime::currentSecsSinceEpoch()));
        server.enqueue(LlmTestServer::answer(QStringLiteral("RECOMMENDATION: APE OUT 0.02 ETH")));
        const DecisionRecord trade = loop.runCycle({});
        QCOMPARE(agent::decisionStatusKey(trade.status), QStringLiteral("succeeded"));
        QVERIFY(!trade.pnlUsd);
        QTest::qWait(1100);   // the mark is due the second after the trade
        server.enqueue(LlmTestServer::answer(QStringLiteral("RECOMMENDATION: APE NEUTRAL")));
        const DecisionRecord next = loop.runCycle({});
        auto marked = m_journal.find(trade.id);
        QVERIFY(marked);
        QVERIFY(marked->pnlUsd.has_value());
        QVERIFY(marked->markPrice.has_value());
        QCOMPARE(*marked->markPrice, next.observation.portfolio.price);
        // Selling 0.02 ETH: the USDC received minus what that ETH is worth at the mark, minus gas.
        QCOMPARE(*marked->pnlUsd, agent::AgentLoop::markedPnlUsd(*marked, *marked->markPrice));
        const double usdc = eth::formatUnits(marked->amountOut, 6).toDouble();
        const double gas = eth::formatUnits(marked->gasFeeWei, 18).toDouble() * *marked->markPrice;
        QVERIFY(qAbs(*marked->pnlUsd - (usdc - 0.02 * *marked->markPrice - gas)) < 1e-6);
        // A trade right after a fee-paying swap at a barely moved price loses about the fee: honest.
        QVERIFY(*marked->pnlUsd < 0);
        QCOMPARE(loop.totals().modelPnlUsd, *marked->pnlUsd);
        QCOMPARE(loop.totals().rebalancePnlUsd, 0.0);
    }

    void statefulMemorySummarisesAndSurvivesARestart()
    {
        LlmTestServer server(LlmTestServer::Protocol::Ollama);
        QVERIFY(server.listen());
        agent::AgentConfig cfg = config(server.spec(QStringLiteral("trader-qwen:latest")));
        cfg.stateful = true;
        cfg.contextCapacityTokens = 2000;   // the tutorial's test mode
        cfg.memoryProfile = QStringLiteral("stateful-test");
        // Long answers fill the 2,000-token context within a few cycles.
        QString longReasoning;
        for (int i = 0; i < 60; ++i)
            longReasoning += QStringLiteral("The pool shows steady two-sided flow with small prints and no clear trend. ");
        auto backend = agent::makeBackend(cfg.backend);
        qint64 summarisedAt = 0;
        {
            agent::AgentLoop loop(cfg, backend.get(), m_gateway.get(), m_market.get(), &m_journal);
            QVERIFY(loop.begin(QStringLiteral("run-stateful"), QDateTime::currentSecsSinceEpoch()));
            // One trade first: the retention rules keep the most recent trade through the summary.
            server.enqueue(LlmTestServer::answer(QStringLiteral("A small sale.\nRECOMMENDATION: APE OUT 0.01 ETH")));
            const DecisionRecord trade = loop.runCycle({});
            QCOMPARE(agent::decisionStatusKey(trade.status), QStringLiteral("succeeded"));
            for (int i = 0; i < 6 && summarisedAt == 0; ++i) {
                server.enqueue(LlmTestServer::answer(longReasoning + QStringLiteral("\nRECOMMENDATION: APE NEUTRAL")));
                const DecisionRecord record = loop.runCycle({});
                QCOMPARE(agent::decisionStatusKey(record.status), QStringLiteral("no_trade"));
                // The fine-tuned models' template, as the user message only.
                QVERIFY(record.prompt.startsWith(QStringLiteral("Given ETH price is $")));
                QVERIFY(record.systemPrompt.isEmpty());
                summarisedAt = loop.memory().lastSummaryAt();
            }
            QVERIFY2(summarisedAt != 0, "the memory summarised once the context passed 90 %");
            // What survived: the trade (the most recent one) and the insights the summary wrote; none of the
            // long NEUTRAL answers that filled the context.
            int trades = 0;
            for (const agent::MemoryDecision &kept : loop.memory().decisions()) {
                if (kept.type == agent::DecisionType::LearningInsight)
                    continue;
                QCOMPARE(kept.tradeType, QStringLiteral("ETH_TO_USDC"));
                QCOMPARE(kept.timestamp, trade.time.toSecsSinceEpoch());
                ++trades;
            }
            QCOMPARE(trades, 1);
            QCOMPARE(int(loop.memory().marketStates().size()), 2);   // the last 2 market states
            QVERIFY(loop.memory().estimatedTokens(QString()) < 0.9 * 2000);
            QVERIFY(loop.finish());
        }
        const QJsonObject persisted = [&] {
            auto stored = m_journal.loadMemory(QStringLiteral("stateful-test"));
            return stored && stored->has_value() ? (*stored)->toJson() : QJsonObject();
        }();
        QVERIFY(!persisted.isEmpty());
        // A restart continues from the persisted memory: the same state, the same next prompt.
        agent::AgentLoop restarted(cfg, backend.get(), m_gateway.get(), m_market.get(), &m_journal);
        QVERIFY(restarted.begin(QStringLiteral("run-stateful-2"), QDateTime::currentSecsSinceEpoch()));
        QCOMPARE(restarted.memory().toJson(), persisted);
        QCOMPARE(restarted.memory().lastSummaryAt(), summarisedAt);
    }

    void cleanupTestCase()
    {
        if (m_monitor)
            m_monitor->stop();
    }
};

QTEST_GUILESS_MAIN(TestAgentLoop)
#include "test_agent_loop.moc"
