// apedesk-cli agent run against a sandbox that `apedesk-cli sandbox up --detach` started (a private
// HOME / XDG tree), with a local server in this process that speaks Ollama's streaming protocol and
// replays scripted answers: one JSON line per decision with backend, model, canary word, action,
// amount_in in the input token's units, token_in, tx_hash and status; APE OUT 0.05 ETH sells 0.05 ETH,
// APE IN 100 USDC spends 100 USDC, APE NEUTRAL and observation cycles send nothing; the built-in
// policy runs offline; bad options are usage errors.

#include "llmtestserver.h"
#include "processrunner.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTest>
#include <QTimer>

namespace {

// anvil's published test account 5 (mnemonic "test test ... junk"): public test data, not a secret.
const QString kAccount5 = QStringLiteral("0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc");
const QString kKey5 = QStringLiteral("0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba");

quint16 freePort()
{
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost, 0) ? probe.serverPort() : 0;
}

QList<QJsonObject> jsonLines(const QByteArray &out)
{
    QList<QJsonObject> lines;
    for (const QByteArray &line : out.split('\n')) {
        const QJsonDocument doc = QJsonDocument::fromJson(line.trimmed());
        if (doc.isObject())
            lines.append(doc.object());
    }
    return lines;
}

} // namespace

class TestCliAgent : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_home;
    QString m_cli = qEnvironmentVariable("APEDESK_CLI");
    QString m_rpc;
    quint16 m_port = 0;

    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = isolatedEnvironment(m_home);
        env.insert(QStringLiteral("AGENT_KEY"), kKey5);
        return env;
    }

    // Runs the CLI while this thread's event loop keeps serving the test LLM server.
    ProcessResult runServing(const QStringList &args, int timeoutMs = 120000)
    {
        QProcess process;
        process.setProcessEnvironment(environment());
        QEventLoop loop;
        QObject::connect(&process, &QProcess::finished, &loop, &QEventLoop::quit);
        QObject::connect(&process, &QProcess::errorOccurred, &loop, &QEventLoop::quit);
        QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
        process.start(m_cli, args);
        loop.exec();
        ProcessResult result;
        result.finished = process.state() == QProcess::NotRunning;
        if (!result.finished) {
            process.kill();
            process.waitForFinished();
        }
        result.exitCode = process.exitCode();
        result.exitStatus = process.exitStatus();
        result.out = process.readAllStandardOutput();
        result.err = process.readAllStandardError();
        return result;
    }

    QJsonObject balances()
    {
        const ProcessResult r = runProcess(m_cli, {QStringLiteral("--json"), QStringLiteral("balances"), QStringLiteral("--rpc"), m_rpc,
                                                   QStringLiteral("--account"), kAccount5},
                                           environment(), 60000);
        const QList<QJsonObject> lines = jsonLines(r.out);
        return lines.isEmpty() ? QJsonObject() : lines.last();
    }

    QStringList agentArgs(const QString &llm, int cycles) const
    {
        return {QStringLiteral("--json"), QStringLiteral("agent"), QStringLiteral("run"), QStringLiteral("--rpc"), m_rpc,
                QStringLiteral("--llm"), llm, QStringLiteral("--key-env"), QStringLiteral("AGENT_KEY"), QStringLiteral("--cycles"),
                QString::number(cycles), QStringLiteral("--interval"), QStringLiteral("0"), QStringLiteral("--no-rebalance"),
                QStringLiteral("--timeout"), QStringLiteral("20")};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(!m_cli.isEmpty());
        m_port = freePort();
        QVERIFY(m_port);
        const ProcessResult up = runProcess(m_cli, {QStringLiteral("sandbox"), QStringLiteral("up"), QStringLiteral("--port"),
                                                    QString::number(m_port), QStringLiteral("--detach"), QStringLiteral("--json")},
                                            environment(), 180000);
        QVERIFY2(up.exitCode == 0, up.err.constData());
        const QList<QJsonObject> lines = jsonLines(up.out);
        QVERIFY(!lines.isEmpty());
        m_rpc = lines.last().value(QStringLiteral("rpc_url")).toString();
        QVERIFY(!m_rpc.isEmpty());
    }

    void scriptedModelTradesExactlyWhatItSays()
    {
        LlmTestServer server(LlmTestServer::Protocol::Ollama);
        QVERIFY(server.listen());
        server.setModels({QStringLiteral("trader-qwen:latest")});
        server.enqueue(LlmTestServer::answer(QStringLiteral("Selling into strength.\nRECOMMENDATION: APE OUT 0.05 ETH")));
        server.enqueue(LlmTestServer::answer(QStringLiteral("Buying back.\nRECOMMENDATION: APE IN 100 USDC")));
        server.enqueue(LlmTestServer::answer(QStringLiteral("Flat.\nRECOMMENDATION: APE NEUTRAL")));
        const QJsonObject before = balances();

        const ProcessResult r = runServing(agentArgs(server.spec(QStringLiteral("trader-qwen:latest")), 3));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(!r.out.contains(kKey5.mid(2).toUtf8()) && !r.err.contains(kKey5.mid(2).toUtf8()));
        const QList<QJsonObject> lines = jsonLines(r.out);
        QCOMPARE(lines.size(), 3);
        for (const QJsonObject &line : lines) {
            QCOMPARE(line.value(QStringLiteral("backend")).toString(), QStringLiteral("ollama"));
            QCOMPARE(line.value(QStringLiteral("model")).toString(), QStringLiteral("trader-qwen:latest"));
            for (const char *field : {"canary", "action", "amount_in", "token_in", "tx_hash", "status"})
                QVERIFY2(line.contains(QLatin1String(field)), field);
        }
        const QJsonObject sell = lines.at(0);
        QCOMPARE(sell.value(QStringLiteral("canary")).toString(), QStringLiteral("APE OUT"));
        QCOMPARE(sell.value(QStringLiteral("action")).toString(), QStringLiteral("SELL"));
        QCOMPARE(sell.value(QStringLiteral("amount_in")).toString(), QStringLiteral("0.05"));
        QCOMPARE(sell.value(QStringLiteral("token_in")).toString(), QStringLiteral("ETH"));
        QCOMPARE(sell.value(QStringLiteral("status")).toString(), QStringLiteral("succeeded"));
        QVERIFY(sell.value(QStringLiteral("tx_hash")).toString().startsWith(QStringLiteral("0x")));

        const QJsonObject buy = lines.at(1);
        QCOMPARE(buy.value(QStringLiteral("canary")).toString(), QStringLiteral("APE IN"));
        QCOMPARE(buy.value(QStringLiteral("amount_in")).toString(), QStringLiteral("100"));
        QCOMPARE(buy.value(QStringLiteral("token_in")).toString(), QStringLiteral("USDC"));
        QCOMPARE(buy.value(QStringLiteral("status")).toString(), QStringLiteral("succeeded"));
        QVERIFY(buy.value(QStringLiteral("tx_hash")).toString().startsWith(QStringLiteral("0x")));

        const QJsonObject hold = lines.at(2);
        QCOMPARE(hold.value(QStringLiteral("canary")).toString(), QStringLiteral("APE NEUTRAL"));
        QCOMPARE(hold.value(QStringLiteral("status")).toString(), QStringLiteral("no_trade"));
        QCOMPARE(hold.value(QStringLiteral("tx_hash")).toString(), QString());

        // The chain agrees: 100 USDC spent, and the 0.05 ETH sale's USDC received.
        const QJsonObject after = balances();
        const qlonglong usdcDelta = after.value(QStringLiteral("usdc_units")).toString().toLongLong()
                                  - before.value(QStringLiteral("usdc_units")).toString().toLongLong();
        QVERIFY2(usdcDelta > 0, "0.05 ETH at ~3000 USDC is more than the 100 USDC spent back");
        QCOMPARE(server.chatRequests().size(), 3);
        QCOMPARE(server.chatRequests().first().value(QStringLiteral("stream")).toBool(), true);
    }

    void observationCyclesSendNothing()
    {
        LlmTestServer server(LlmTestServer::Protocol::Ollama);
        QVERIFY(server.listen());
        server.setDefault(LlmTestServer::answer(QStringLiteral("RECOMMENDATION: APE OUT 0.05 ETH")));
        const QJsonObject before = balances();
        QStringList args = agentArgs(server.spec(QStringLiteral("trader-qwen:latest")), 2);
        args << QStringLiteral("--observe-cycles") << QStringLiteral("2");
        const ProcessResult r = runServing(args);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QList<QJsonObject> lines = jsonLines(r.out);
        QCOMPARE(lines.size(), 2);
        for (const QJsonObject &line : lines) {
            QCOMPARE(line.value(QStringLiteral("status")).toString(), QStringLiteral("observed"));
            QCOMPARE(line.value(QStringLiteral("canary")).toString(), QStringLiteral("APE OUT"));
            QCOMPARE(line.value(QStringLiteral("tx_hash")).toString(), QString());
            QCOMPARE(line.value(QStringLiteral("observing")).toBool(), true);
        }
        QCOMPARE(balances().value(QStringLiteral("eth_wei")), before.value(QStringLiteral("eth_wei")));
    }

    void builtinPolicyRunsOffline()
    {
        const ProcessResult r = runServing(agentArgs(QStringLiteral("builtin"), 2));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QList<QJsonObject> lines = jsonLines(r.out);
        QCOMPARE(lines.size(), 2);
        for (const QJsonObject &line : lines) {
            QCOMPARE(line.value(QStringLiteral("backend")).toString(), QStringLiteral("builtin"));
            QVERIFY(!line.value(QStringLiteral("canary")).toString().isEmpty());   // it answers in canary words
            QVERIFY(line.value(QStringLiteral("status")).toString() != QLatin1String("failed"));
        }
    }

    void deadServerFallsBackOrFailsClearly()
    {
        const quint16 dead = freePort();
        const QString spec = QStringLiteral("ollama:http://127.0.0.1:%1/qwen2.5:3b").arg(dead);
        ProcessResult r = runServing(agentArgs(spec, 1));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(jsonLines(r.out).last().value(QStringLiteral("backend")).toString(), QStringLiteral("builtin"));
        QStringList strict = agentArgs(spec, 1);
        strict << QStringLiteral("--no-fallback");
        r = runServing(strict);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.trimmed().split('\n').last().startsWith("apedesk-cli: "), r.err.constData());
    }

    void badOptionsAreUsageErrors()
    {
        ProcessResult r = runServing({QStringLiteral("agent"), QStringLiteral("run"), QStringLiteral("--rpc"), m_rpc,
                                      QStringLiteral("--llm"), QStringLiteral("gopher:http://x"), QStringLiteral("--key-env"),
                                      QStringLiteral("AGENT_KEY")});
        QCOMPARE(r.exitCode, 2);
        r = runServing({QStringLiteral("agent"), QStringLiteral("run"), QStringLiteral("--rpc"), m_rpc,
                        QStringLiteral("--llm"), QStringLiteral("builtin")});
        QCOMPARE(r.exitCode, 2);   // no key named
        QStringList args = agentArgs(QStringLiteral("builtin"), 1);
        args << QStringLiteral("--target-allocation") << QStringLiteral("1.5");
        r = runServing(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("--target-allocation"));
    }

    void cleanupTestCase()
    {
        if (m_port)
            runProcess(m_cli, {QStringLiteral("sandbox"), QStringLiteral("down"), QStringLiteral("--port"), QString::number(m_port)},
                       environment(), 60000);
    }
};

QTEST_GUILESS_MAIN(TestCliAgent)
#include "test_cli_agent.moc"
