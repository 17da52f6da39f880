// bench_agent_gui: the GUI thread's longest stall and p99 frame gap while the agent streams: the sandbox
// (ChainService), the live monitor and the sandbox market (MarketService), and the agent (AgentService)
// deciding every half second with a fast streaming model — a local server on its own thread speaking
// Ollama's protocol, 300 tokens per answer at 200 tokens/s — and trading on most answers, while the
// Agent decision log pane shows the decisions and streams each answer into its detail view.
// A 5 ms heartbeat timer on the GUI thread measures the gaps. Usage: bench_agent_gui [SECONDS=30]

#include "agent/agentservice.h"
#include "agent/decisionlogpane.h"
#include "chain/chainservice.h"
#include "common/settings.h"
#include "core.h"
#include "market/marketservice.h"

#include "llmtestserver.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using namespace apedesk;

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("apedesk.*.info=false\napedesk.*.debug=false"));
    const int seconds = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 30;
    QStandardPaths::setTestModeEnabled(true);
    QTemporaryDir dir;
    Settings settings(dir.filePath(QStringLiteral("settings.ini")));
    Core core(&settings);
    ChainConfig chainConfig;
    chainConfig.dataDirectory = dir.filePath(QStringLiteral("chain"));
    chainConfig.keystoreDirectory = dir.filePath(QStringLiteral("keystore"));
    MarketConfig marketConfig;
    marketConfig.databasePath = dir.filePath(QStringLiteral("apedesk.sqlite"));
    marketConfig.simulator.swapsPerMinute = 120;
    marketConfig.monitorPollMs = 250;
    AgentServiceConfig agentConfig;
    agentConfig.databasePath = marketConfig.databasePath;
    auto *chain = core.add(std::make_unique<ChainService>(chainConfig));
    auto *market = core.add(std::make_unique<MarketService>(marketConfig));
    QObject::connect(chain, &ChainService::stateChanged, market, &MarketService::followChain);
    auto agentService = std::make_unique<AgentService>(agentConfig);
    agentService->setChainService(chain);
    agentService->setMarketService(market);
    auto *agentPtr = core.add(std::move(agentService));

    // The model: a streaming server on a thread of its own, so its work is not the GUI thread's.
    QThread serverThread;
    serverThread.start();
    LlmTestServer *server = nullptr;
    QString spec;
    QObject anchor;   // lives on the server thread, so the lambda runs there
    anchor.moveToThread(&serverThread);
    QMetaObject::invokeMethod(
        &anchor,
        [&] {
            server = new LlmTestServer(LlmTestServer::Protocol::Ollama);
            server->listen();
            QString words;
            for (int i = 0; i < 295; ++i)
                words += QStringLiteral("flow ");
            LlmTestServer::Script sell = LlmTestServer::answer(words + QStringLiteral("\nRECOMMENDATION: APE OUT 0.001 ETH"), 5);
            LlmTestServer::Script buy = LlmTestServer::answer(words + QStringLiteral("\nRECOMMENDATION: APE IN 3 USDC"), 5);
            QObject::connect(server, &LlmTestServer::chatRequested, server, [server, sell, buy](int index) {
                server->enqueue(index % 2 == 0 ? sell : buy);
            }, Qt::DirectConnection);
            spec = server->spec(QStringLiteral("bench-model"));
        },
        Qt::BlockingQueuedConnection);

    ui::DecisionLogPane pane(agentPtr, chain, &settings);
    pane.resize(1400, 900);
    pane.show();
    QElapsedTimer wait;
    wait.start();
    while ((!chain->state().connected() || chain->selectedAccount().isZero() || !market->feed().live) && wait.elapsed() < 120000)
        QApplication::processEvents(QEventLoop::AllEvents, 20);
    if (!chain->state().connected()) {
        std::fprintf(stderr, "sandbox did not start: %s\n", qPrintable(chain->state().message));
        return 1;
    }
    agent::AgentConfig config;
    config.backend = *agent::parseBackendSpec(spec);
    config.intervalMs = 500;
    config.rebalance.enabled = false;
    agentPtr->startAgent(config);
    int decisions = 0, tokens = 0;
    QObject::connect(agentPtr, &AgentService::decisionChanged, &pane, [&](const agent::DecisionRecord &record) {
        if (record.status != agent::DecisionRecord::Status::Thinking && record.status != agent::DecisionRecord::Status::Trading)
            ++decisions;
    });
    QObject::connect(agentPtr, &AgentService::decisionToken, &pane, [&] { ++tokens; });

    QList<qint64> gaps;
    QElapsedTimer clock;
    clock.start();
    qint64 last = 0;
    QTimer beat;
    QObject::connect(&beat, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed() / 1000;
        if (last)
            gaps.append(now - last);
        last = now;
    });
    beat.start(5);
    QTimer::singleShot(seconds * 1000, &app, &QApplication::quit);
    app.exec();
    agentPtr->stopAgent();

    std::sort(gaps.begin(), gaps.end());
    const double longest = gaps.isEmpty() ? 0 : gaps.last() / 1000.0;
    const double p99 = gaps.isEmpty() ? 0 : gaps.at(std::min<qsizetype>(gaps.size() - 1, qsizetype(0.99 * gaps.size()))) / 1000.0;
    std::printf("%d s: the agent deciding every 0.5 s with a streaming model (300 tokens at 200 tokens/s), trading on each "
                "answer, with the sandbox market and the live monitor running and the decision log pane open\n",
                seconds);
    std::printf("decisions completed: %d, tokens streamed to the GUI: %d\n", decisions, tokens);
    std::printf("GUI thread (5 ms heartbeat): longest gap %.1f ms, p99 %.1f ms (targets: no stall over 50 ms, p99 < 16 ms)\n",
                longest, p99);
    core.shutdown(5000);
    QMetaObject::invokeMethod(server, [server] { delete server; }, Qt::BlockingQueuedConnection);
    serverThread.quit();
    serverThread.wait();
    return 0;
}
