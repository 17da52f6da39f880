// AgentService wired as the app wires it, on a real sandbox: the chain service (anvil + the Uniswap V4
// contracts) and the market service on their threads, the agent on its own. A local server speaking
// Ollama's streaming protocol answers slowly, so the test sees the decision appear as Thinking, its
// tokens stream in before it completes, and the trade go through the chain service's swaps (the wallet
// pane's history shows it). Also: stop mid-answer, the fallback to the built-in policy when the server
// is down, the model list for the picker, and the journal export.

#include "agent/agentservice.h"
#include "agent/decisionjournal.h"
#include "chain/chainservice.h"
#include "common/settings.h"
#include "core.h"
#include "market/marketservice.h"

#include "llmtestserver.h"
#include "queuedspy.h"

#include <QFile>
#include <QJsonDocument>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace apedesk;
using agent::DecisionRecord;

namespace {

template <typename Predicate>
bool waitUntil(Predicate predicate, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (!predicate()) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QTest::qWait(10);
    }
    return true;
}

quint16 freePort()
{
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost, 0) ? probe.serverPort() : 0;
}

} // namespace

class TestAgentService : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_data;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<Core> m_core;
    ChainService *m_chain = nullptr;
    MarketService *m_market = nullptr;
    AgentService *m_agent = nullptr;

    agent::AgentConfig config(const QString &spec)
    {
        agent::AgentConfig config;
        config.backend = *agent::parseBackendSpec(spec);
        config.llmTimeoutMs = 10000;
        config.intervalMs = 100;
        config.rebalance.enabled = false;
        return config;
    }

    bool waitStopped(int timeoutMs = 15000)
    {
        return waitUntil([&] { return m_agent->state().phase == agent::AgentState::Phase::Stopped && !m_agent->state().runId.isEmpty(); },
                         timeoutMs);
    }

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
        marketConfig.simulateInSandbox = false;
        marketConfig.monitorPollMs = 200;
        AgentServiceConfig agentConfig;
        agentConfig.databasePath = marketConfig.databasePath;
        m_chain = m_core->add(std::make_unique<ChainService>(chainConfig));
        m_market = m_core->add(std::make_unique<MarketService>(marketConfig));
        connect(m_chain, &ChainService::stateChanged, m_market, &MarketService::followChain);
        auto agentService = std::make_unique<AgentService>(agentConfig);
        agentService->setChainService(m_chain);
        agentService->setMarketService(m_market);
        m_agent = m_core->add(std::move(agentService));
        QVERIFY2(waitUntil([&] { return m_chain->state().connected() && !m_chain->selectedAccount().isZero(); }, 180000),
                 qPrintable(m_chain->state().message));
    }

    void cleanupTestCase()
    {
        if (m_core)
            QVERIFY(m_core->shutdown(5000));
    }

    void tokensStreamBeforeTheDecisionCompletesAndTheTradeGoesThroughTheChainService()
    {
        LlmTestServer server(LlmTestServer::Protocol::Ollama);
        QVERIFY(server.listen());
        // 8 pieces, 150 ms apart: the answer takes over a second.
        server.enqueue(LlmTestServer::answer(QStringLiteral("The pool is calm and we hold too much ETH.\nRECOMMENDATION: APE OUT 0.05 ETH"), 150));
        QueuedSpy decisions(m_agent, &AgentService::decisionChanged);
        QueuedSpy tokens(m_agent, &AgentService::decisionToken);
        QueuedSpy swaps(m_chain, &ChainService::swapFinished);
        agent::AgentConfig cfg = config(server.spec(QStringLiteral("trader-qwen:latest")));
        cfg.maxCycles = 1;
        m_agent->startAgent(cfg);

        QVERIFY(decisions.waitForCount(1, 15000));
        const auto first = decisions.first().first().value<DecisionRecord>();
        QCOMPARE(agent::decisionStatusKey(first.status), QStringLiteral("thinking"));
        QVERIFY(first.id > 0);
        QVERIFY(first.prompt.contains(QStringLiteral("TRADE:")));
        // Some tokens arrive while the decision is still Thinking.
        QVERIFY(tokens.waitForCount(2, 5000));
        QCOMPARE(tokens.first().first().toLongLong(), first.id);
        bool stillThinking = true;
        for (const QVariantList &args : std::as_const(decisions))
            if (args.first().value<DecisionRecord>().status != DecisionRecord::Status::Thinking)
                stillThinking = false;
        QVERIFY2(stillThinking, "tokens arrive before the answer completes");

        QVERIFY(waitStopped(30000));
        // The snapshot is up to date at once; the queued signals follow.
        QVERIFY(waitUntil([&] { return decisions.last().first().value<DecisionRecord>().status == DecisionRecord::Status::Succeeded; }, 5000));
        const auto last = decisions.last().first().value<DecisionRecord>();
        QCOMPARE(agent::decisionStatusKey(last.status), QStringLiteral("succeeded"));
        QCOMPARE(last.id, first.id);
        QCOMPARE(last.amountInText(), QStringLiteral("0.05"));
        QCOMPARE(last.parsed.canary, agent::Canary::ApeOut);
        QVERIFY(!last.txHash.isZero());
        QString streamed;
        for (const QVariantList &args : std::as_const(tokens))
            streamed += args.at(1).toString();
        QCOMPARE(streamed, last.response);
        // The trade went through the chain service: the wallet pane's history has it.
        QVERIFY(swaps.waitForCount(1, 5000));
        QCOMPARE(swaps.last().first().value<SwapRecord>().txHash, last.txHash);
        QVERIFY(!m_agent->recentDecisions().isEmpty());
        QCOMPARE(m_agent->recentDecisions().last().txHash, last.txHash);
        QCOMPARE(m_agent->state().backend, QStringLiteral("ollama"));
    }

    void stopEndsARunMidAnswerWithoutATrade()
    {
        LlmTestServer server(LlmTestServer::Protocol::Ollama);
        QVERIFY(server.listen());
        LlmTestServer::Script hang = LlmTestServer::answer(QStringLiteral("RECOMMENDATION: APE OUT 0.05 ETH"));
        hang.end = LlmTestServer::Script::End::Hang;
        server.setDefault(hang);
        QueuedSpy decisions(m_agent, &AgentService::decisionChanged);
        QueuedSpy swaps(m_chain, &ChainService::swapFinished);
        m_agent->startAgent(config(server.spec(QStringLiteral("trader-qwen:latest"))));
        QVERIFY(decisions.waitForCount(1, 15000));
        QVERIFY(waitUntil([&] { return m_agent->state().running(); }, 5000));
        QElapsedTimer clock;
        clock.start();
        m_agent->stopAgent();
        QVERIFY(waitUntil([&] { return m_agent->state().phase == agent::AgentState::Phase::Stopped; }, 5000));
        QVERIFY2(clock.elapsed() < 2000, "a stop ends the model call at once");
        QVERIFY(decisions.waitForCount(2, 5000));
        QCOMPARE(agent::decisionStatusKey(decisions.last().first().value<DecisionRecord>().status), QStringLiteral("canceled"));
        QTest::qWait(300);
        QCOMPARE(swaps.size(), 0);
    }

    void aDeadServerGivesWayToTheBuiltInPolicy()
    {
        QueuedSpy decisions(m_agent, &AgentService::decisionChanged);
        agent::AgentConfig cfg = config(QStringLiteral("ollama:http://127.0.0.1:%1/qwen2.5:3b").arg(freePort()));
        cfg.maxCycles = 1;
        m_agent->startAgent(cfg);
        QVERIFY(waitUntil([&] { return m_agent->state().backend == QLatin1String("builtin"); }, 15000));
        QVERIFY2(m_agent->state().backendNote.contains(QStringLiteral("built-in policy")), qPrintable(m_agent->state().backendNote));
        QVERIFY(waitStopped());
        QVERIFY(decisions.waitForCount(1, 5000));
        const auto last = decisions.last().first().value<DecisionRecord>();
        QCOMPARE(last.backend, QStringLiteral("builtin"));
        QVERIFY(last.parsed.canary != agent::Canary::None);
    }

    void modelPickerAndJournalExport()
    {
        LlmTestServer server(LlmTestServer::Protocol::Ollama);
        QVERIFY(server.listen());
        server.setModels({QStringLiteral("qwen2.5:3b"), QStringLiteral("trader-qwen:latest")});
        QueuedSpy listed(m_agent, &AgentService::modelsListed);
        m_agent->listModels(*agent::parseBackendSpec(server.spec(QStringLiteral("x"))));
        QVERIFY(listed.waitForCount(1, 5000));
        QVERIFY(listed.first().at(1).toBool());
        const auto models = listed.first().at(3).value<QList<agent::ModelInfo>>();
        QCOMPARE(models.size(), 2);
        QCOMPARE(models.at(1).name, QStringLiteral("trader-qwen:latest"));

        QueuedSpy exported(m_agent, &AgentService::exportFinished);
        const QString path = m_data.filePath(QStringLiteral("journal.jsonl"));
        m_agent->exportJournal(path);
        QVERIFY(exported.waitForCount(1, 5000));
        QVERIFY2(exported.first().at(1).toBool(), qPrintable(exported.first().at(2).value<Error>().toString()));
        const int rows = exported.first().at(3).toInt();
        QVERIFY(rows >= 3);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        int lines = 0;
        bool sawTrade = false;
        while (!file.atEnd()) {
            const QJsonObject line = QJsonDocument::fromJson(file.readLine()).object();
            QVERIFY(!line.isEmpty());
            ++lines;
            if (line.value(QStringLiteral("status")).toString() == QLatin1String("succeeded")
                && !line.value(QStringLiteral("tx_hash")).toString().isEmpty())
                sawTrade = true;
        }
        QCOMPARE(lines, rows);
        QVERIFY(sawTrade);
        // A folder that cannot be written is a clear error.
        m_agent->exportJournal(QStringLiteral("/proc/no-such-dir/journal.jsonl"));
        QVERIFY(exported.waitForCount(2, 5000));
        QVERIFY(!exported.last().at(1).toBool());
        QVERIFY(!exported.last().at(2).value<Error>().message.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestAgentService)
#include "test_agent_service.moc"
