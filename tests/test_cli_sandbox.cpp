// apedesk-cli sandbox end to end, with a private HOME / XDG tree: `up --detach --json` deploys a real
// Uniswap V4 sandbox on a free port that outlives the CLI (own session), answers chain id 8453 with
// code at every contract, and prints no key; `down` stops exactly that anvil and a second `down` says
// nothing runs; the next `up` comes from the cached state quickly; the foreground `up` stops its
// anvil on SIGTERM; and `down` never signals a process whose command line differs from the record.

#include "anvilnode.h"
#include "processrunner.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTest>

#include <csignal>
#include <unistd.h>

namespace {

const QString kAccount0 = QStringLiteral("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
const QString kPoolId = QStringLiteral("0xb4a3f0f5cf2f019360880c53dba9bbba93dc1b6e4657515f0da0ecff50c4e2bf");
const QStringList kContracts{QStringLiteral("PoolManager"), QStringLiteral("Permit2"), QStringLiteral("WETH"),
                             QStringLiteral("USDC"), QStringLiteral("StateView"), QStringLiteral("V4Quoter"),
                             QStringLiteral("PoolModifyLiquidityTest"), QStringLiteral("PositionManager"),
                             QStringLiteral("UniversalRouter")};

quint16 freePort()
{
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost, 0) ? probe.serverPort() : 0;
}

bool portAnswers(quint16 port)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    return socket.waitForConnected(300);
}

QStringList commandLineOf(qint64 pid)
{
    QFile file(QStringLiteral("/proc/%1/cmdline").arg(pid));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QByteArray raw = file.readAll();
    if (raw.endsWith('\0'))
        raw.chop(1);
    QStringList parts;
    if (!raw.isEmpty()) {
        for (const QByteArray &part : raw.split('\0'))
            parts << QString::fromLocal8Bit(part);
    }
    return parts;
}

QJsonValue rpc(quint16 port, const QString &method, const QJsonArray &params)
{
    const QJsonObject request{{QStringLiteral("jsonrpc"), QStringLiteral("2.0")},
                              {QStringLiteral("id"), 1},
                              {QStringLiteral("method"), method},
                              {QStringLiteral("params"), params}};
    const QByteArray answer = AnvilNode::post(port, QJsonDocument(request).toJson(QJsonDocument::Compact), 5000);
    return QJsonDocument::fromJson(answer).object().value(QStringLiteral("result"));
}

} // namespace

class TestCliSandbox : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_home;
    QString m_cli = qEnvironmentVariable("APEDESK_CLI");
    quint16 m_port = 0;
    QList<qint64> m_started;        // anvil pids, stopped in cleanup if a check failed midway
    QJsonObject m_recordTemplate;   // a real record file, for the fake records below

    ProcessResult run(const QStringList &args, int timeoutMs = 120000)
    {
        return runProcess(m_cli, args, isolatedEnvironment(m_home), timeoutMs);
    }

    QString recordPath(quint16 port) const
    {
        QDirIterator it(m_home.path(), {QStringLiteral("sandbox-%1.json").arg(port)}, QDir::Files, QDirIterator::Subdirectories);
        return it.hasNext() ? it.next() : QString();
    }
    QString sandboxesDir() const
    {
        QDirIterator it(m_home.path(), {QStringLiteral("sandboxes")}, QDir::Dirs, QDirIterator::Subdirectories);
        return it.hasNext() ? it.next() : QString();
    }

    static void expectNoSecrets(const ProcessResult &r)
    {
        for (const QByteArray &text : {r.out, r.err}) {
            QVERIFY(!text.contains("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"));
            QVERIFY(!text.contains("59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d"));
            QVERIFY(!text.toLower().contains("private_key"));
        }
    }

    // Runs `up --detach --json` and checks its answer and the node behind it.
    QJsonObject upDetached(bool expectCached, qint64 *wallMs)
    {
        QElapsedTimer timer;
        timer.start();
        const ProcessResult r = run({QStringLiteral("sandbox"), QStringLiteral("up"), QStringLiteral("--port"),
                                     QString::number(m_port), QStringLiteral("--detach"), QStringLiteral("--json")});
        *wallMs = timer.elapsed();
        [&] {
            QVERIFY2(r.finished, "apedesk-cli sandbox up finished");
            QVERIFY2(r.exitCode == 0, r.err.constData());
            expectNoSecrets(r);
        }();
        const QJsonObject json = QJsonDocument::fromJson(r.out.trimmed()).object();
        if (json.value(QStringLiteral("pid")).toInteger() > 0)
            m_started << json.value(QStringLiteral("pid")).toInteger();
        [&] {
            QCOMPARE(json.value(QStringLiteral("rpc_url")).toString(), QStringLiteral("http://127.0.0.1:%1").arg(m_port));
            QCOMPARE(json.value(QStringLiteral("chain_id")).toInteger(), qint64(8453));
            QCOMPARE(json.value(QStringLiteral("pool_id")).toString(), kPoolId);
            QCOMPARE(json.value(QStringLiteral("account")).toString(), kAccount0);
            QCOMPARE(json.value(QStringLiteral("from_cache")).toBool(), expectCached);
            QCOMPARE(json.value(QStringLiteral("price")).toString(), QStringLiteral("3000"));
            const QJsonObject contracts = json.value(QStringLiteral("contracts")).toObject();
            QCOMPARE(contracts.keys().size(), kContracts.size());
            // The node answers as chain 8453 and has code at every contract.
            QCOMPARE(rpc(m_port, QStringLiteral("eth_chainId"), {}).toString(), QStringLiteral("0x2105"));
            for (const QString &name : kContracts) {
                const QString address = contracts.value(name).toString();
                QVERIFY2(address.startsWith(QStringLiteral("0x")) && address.size() == 42, qPrintable(name));
                const QString code = rpc(m_port, QStringLiteral("eth_getCode"), {address, QStringLiteral("latest")}).toString();
                QVERIFY2(code.size() > 2, qPrintable(name));
            }
            // Outlives the CLI, in a session of its own (not a child that dies with a terminal).
            const qint64 pid = json.value(QStringLiteral("pid")).toInteger();
            const QStringList commandLine = commandLineOf(pid);
            QVERIFY(!commandLine.isEmpty());
            QVERIFY(commandLine.first().endsWith(QStringLiteral("anvil")));
            QVERIFY(commandLine.contains(QString::number(m_port)));
            QVERIFY(::getsid(static_cast<pid_t>(pid)) != ::getsid(0));
            QVERIFY(!recordPath(m_port).isEmpty());
        }();
        return json;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!m_cli.isEmpty(), "APEDESK_CLI is set");
        QVERIFY(m_home.isValid());
        m_port = freePort();
        QVERIFY(m_port != 0);
    }

    void cleanupTestCase()
    {
        for (qint64 pid : m_started) {
            const QStringList commandLine = commandLineOf(pid);
            if (!commandLine.isEmpty() && commandLine.first().endsWith(QStringLiteral("anvil")))
                ::kill(static_cast<pid_t>(pid), SIGKILL);
        }
    }

    void upDeploysAndDetaches()
    {
        qint64 wallMs = 0;
        const QJsonObject json = upDetached(false, &wallMs);
        QVERIFY(!QTest::currentTestFailed());
        qInfo("sandbox up (deploy) took %lld ms", wallMs);
        // The slot0 of the pool through StateView: price 3000.
        const QString stateView = json.value(QStringLiteral("contracts")).toObject().value(QStringLiteral("StateView")).toString();
        const QString data = QStringLiteral("0xc815641c") + kPoolId.mid(2);   // getSlot0(bytes32)
        const QString slot0 = rpc(m_port, QStringLiteral("eth_call"),
                                  {QJsonObject{{QStringLiteral("to"), stateView}, {QStringLiteral("data"), data}},
                                   QStringLiteral("latest")})
                                  .toString();
        QCOMPARE(slot0.mid(2, 64), QStringLiteral("0000000000000000000000000000000000000000000396ed0c13c44a35a8efe1"));   // 4339505179874779489431521
        // Listed, and the record holds what another process needs.
        const ProcessResult list = run({QStringLiteral("--json"), QStringLiteral("sandbox"), QStringLiteral("list")});
        QCOMPARE(list.exitCode, 0);
        QVERIFY(list.out.contains(QByteArray::number(m_port)));
        QFile record(recordPath(m_port));
        QVERIFY(record.open(QIODevice::ReadOnly));
        m_recordTemplate = QJsonDocument::fromJson(record.readAll()).object();
        QCOMPARE(m_recordTemplate.value(QStringLiteral("owner")).toString(), QStringLiteral("cli"));
        QCOMPARE(m_recordTemplate.value(QStringLiteral("pid")).toInteger(), json.value(QStringLiteral("pid")).toInteger());
    }

    void downStopsIt()
    {
        const qint64 pid = m_recordTemplate.value(QStringLiteral("pid")).toInteger();
        QVERIFY(pid > 0);
        // No --port: the one sandbox the CLI started.
        const ProcessResult r = run({QStringLiteral("sandbox"), QStringLiteral("down"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject json = QJsonDocument::fromJson(r.out.trimmed()).object();
        QCOMPARE(json.value(QStringLiteral("stopped")).toBool(), true);
        QCOMPARE(json.value(QStringLiteral("port")).toInt(), int(m_port));
        QCOMPARE(json.value(QStringLiteral("pid")).toInteger(), pid);
        QVERIFY(!portAnswers(m_port));
        QVERIFY(commandLineOf(pid).isEmpty());
        QVERIFY(recordPath(m_port).isEmpty());

        const ProcessResult again = run({QStringLiteral("sandbox"), QStringLiteral("down")});
        QCOMPARE(again.exitCode, 0);
        QVERIFY2(again.out.contains("No sandbox"), again.out.constData());
        const ProcessResult byPort = run({QStringLiteral("sandbox"), QStringLiteral("down"), QStringLiteral("--port"),
                                          QString::number(m_port)});
        QCOMPARE(byPort.exitCode, 0);
        QVERIFY2(byPort.out.contains("No sandbox is running on port"), byPort.out.constData());
    }

    void secondUpComesFromTheCacheQuickly()
    {
        qint64 wallMs = 0;
        const QJsonObject json = upDetached(true, &wallMs);
        QVERIFY(!QTest::currentTestFailed());
        qInfo("sandbox up from cache: RPC-ready after %lld ms in the CLI, %lld ms for the whole command",
              json.value(QStringLiteral("ready_ms")).toInteger(), wallMs);
        QVERIFY(json.value(QStringLiteral("ready_ms")).toInteger() < 1500);
        QVERIFY(wallMs < 5000);
        const ProcessResult r = run({QStringLiteral("sandbox"), QStringLiteral("down"), QStringLiteral("--port"),
                                     QString::number(m_port)});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("Stopped"), r.out.constData());
        QVERIFY(!portAnswers(m_port));
    }

    void damagedCacheIsRebuilt()
    {
        QDirIterator it(m_home.path(), {QStringLiteral("state.json")}, QDir::Files, QDirIterator::Subdirectories);
        QVERIFY(it.hasNext());
        const QString statePath = it.next();
        const QString indexPath = QFileInfo(statePath).dir().filePath(QStringLiteral("sandbox.json"));
        const auto downAgain = [&] {
            const ProcessResult r = run({QStringLiteral("sandbox"), QStringLiteral("down"), QStringLiteral("--port"),
                                         QString::number(m_port)});
            QCOMPARE(r.exitCode, 0);
            QVERIFY(!portAnswers(m_port));
        };

        // 1. A state that is valid JSON with a matching checksum but holds no contracts (an empty
        //    chain's): `up` notices the missing PoolManager and deploys anew.
        AnvilNode empty;
        AnvilNode::Options options;
        options.chainId = 8453;
        QVERIFY2(empty.start(options), qPrintable(empty.lastError()));
        const QJsonValue dump = rpc(empty.port(), QStringLiteral("anvil_dumpState"), {});
        QVERIFY(dump.isString());
        QVERIFY(AnvilNode::writeStateFile(QByteArray::fromHex(dump.toString().mid(2).toLatin1()), statePath));
        empty.kill();
        QFile state(statePath);
        QVERIFY(state.open(QIODevice::ReadOnly));
        const QByteArray emptyState = state.readAll();
        state.close();
        QFile indexFile(indexPath);
        QVERIFY(indexFile.open(QIODevice::ReadOnly));
        QJsonObject index = QJsonDocument::fromJson(indexFile.readAll()).object();
        indexFile.close();
        index.insert(QStringLiteral("state_sha256"),
                     QString::fromLatin1(QCryptographicHash::hash(emptyState, QCryptographicHash::Sha256).toHex()));
        QVERIFY(indexFile.open(QIODevice::WriteOnly | QIODevice::Truncate));
        indexFile.write(QJsonDocument(index).toJson());
        indexFile.close();
        qint64 wallMs = 0;
        upDetached(false, &wallMs);
        QVERIFY(!QTest::currentTestFailed());
        downAgain();
        QVERIFY(!QTest::currentTestFailed());

        // 2. A damaged state file (one byte changed): not loaded, deployed anew, cached again.
        QVERIFY(state.open(QIODevice::ReadWrite));
        QByteArray bytes = state.readAll();
        bytes[bytes.size() / 3] = bytes.at(bytes.size() / 3) == '1' ? '2' : '1';
        state.seek(0);
        state.write(bytes);
        state.close();
        upDetached(false, &wallMs);
        QVERIFY(!QTest::currentTestFailed());
        downAgain();
        QVERIFY(!QTest::currentTestFailed());
        upDetached(true, &wallMs);
        QVERIFY(!QTest::currentTestFailed());
        downAgain();
    }

    void foregroundUpStopsOnSigterm()
    {
        const quint16 port = freePort();
        QProcess cli;
        cli.setProcessEnvironment(isolatedEnvironment(m_home));
        cli.start(m_cli, {QStringLiteral("sandbox"), QStringLiteral("up"), QStringLiteral("--port"), QString::number(port),
                          QStringLiteral("--json")});
        QVERIFY(cli.waitForStarted(10000));
        QByteArray out;
        QElapsedTimer timer;
        timer.start();
        while (!out.contains('\n') && timer.elapsed() < 60000 && cli.state() == QProcess::Running) {
            cli.waitForReadyRead(200);
            out += cli.readAllStandardOutput();
        }
        const QJsonObject json = QJsonDocument::fromJson(out.left(out.indexOf('\n'))).object();
        const qint64 pid = json.value(QStringLiteral("pid")).toInteger();
        QVERIFY2(pid > 0, out.constData());
        m_started << pid;
        QCOMPARE(json.value(QStringLiteral("detached")).toBool(), false);
        QCOMPARE(rpc(port, QStringLiteral("eth_chainId"), {}).toString(), QStringLiteral("0x2105"));
        QVERIFY(!recordPath(port).isEmpty());

        ::kill(static_cast<pid_t>(cli.processId()), SIGTERM);
        QVERIFY(cli.waitForFinished(15000));
        QCOMPARE(cli.exitStatus(), QProcess::NormalExit);
        QCOMPARE(cli.exitCode(), 0);
        QVERIFY(commandLineOf(pid).isEmpty());
        QVERIFY(!portAnswers(port));
        QVERIFY(recordPath(port).isEmpty());
    }

    void downNeverKillsAnotherProcess()
    {
        QVERIFY(!m_recordTemplate.isEmpty());
        const QString dir = sandboxesDir();
        QVERIFY(!dir.isEmpty());
        QProcess sleeper;
        sleeper.start(QStringLiteral("sleep"), {QStringLiteral("60")});
        QVERIFY(sleeper.waitForStarted());
        const qint64 pid = sleeper.processId();
        const quint16 port = freePort();
        const auto writeRecord = [&](const QStringList &commandLine, const QString &owner) {
            QJsonObject record = m_recordTemplate;
            record.insert(QStringLiteral("pid"), pid);
            record.insert(QStringLiteral("port"), port);
            record.insert(QStringLiteral("rpc_url"), QStringLiteral("http://127.0.0.1:%1").arg(port));
            record.insert(QStringLiteral("command_line"), QJsonArray::fromStringList(commandLine));
            record.insert(QStringLiteral("owner"), owner);
            QFile file(QDir(dir).filePath(QStringLiteral("sandbox-%1.json").arg(port)));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(QJsonDocument(record).toJson());
        };

        // A record whose pid now runs something else: dropped, never signalled.
        writeRecord(m_recordTemplate.value(QStringLiteral("command_line")).toVariant().toStringList(), QStringLiteral("cli"));
        ProcessResult r = run({QStringLiteral("sandbox"), QStringLiteral("down"), QStringLiteral("--port"), QString::number(port)});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("No sandbox is running on port"), r.out.constData());
        QVERIFY(recordPath(port).isEmpty());
        writeRecord({QStringLiteral("anvil"), QStringLiteral("--port"), QString::number(port)}, QStringLiteral("cli"));
        r = run({QStringLiteral("sandbox"), QStringLiteral("down")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("No sandbox"), r.out.constData());
        QVERIFY(!sleeper.waitForFinished(300));
        QCOMPARE(sleeper.state(), QProcess::Running);

        // A live record of the app's own sandbox is not the CLI's to stop.
        writeRecord(commandLineOf(pid), QStringLiteral("app"));
        r = run({QStringLiteral("sandbox"), QStringLiteral("down"), QStringLiteral("--port"), QString::number(port)});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.startsWith("apedesk-cli: "));
        QVERIFY(!sleeper.waitForFinished(300));
        QCOMPARE(sleeper.state(), QProcess::Running);
        QFile::remove(recordPath(port));
        sleeper.kill();
        sleeper.waitForFinished();
    }

    void refusals()
    {
        ProcessResult r = run({QStringLiteral("sandbox"), QStringLiteral("up"), QStringLiteral("--price"), QStringLiteral("abc")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.startsWith("apedesk-cli: "));
        QCOMPARE(r.err.count('\n'), 1);

        QTcpServer busy;
        QVERIFY(busy.listen(QHostAddress::LocalHost, 0));
        r = run({QStringLiteral("sandbox"), QStringLiteral("up"), QStringLiteral("--port"), QString::number(busy.serverPort()),
                 QStringLiteral("--detach")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("in use"), r.err.constData());

        r = run({QStringLiteral("sandbox"), QStringLiteral("sideways")});
        QCOMPARE(r.exitCode, 2);
        r = run({QStringLiteral("sandbox")});
        QCOMPARE(r.exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestCliSandbox)
#include "test_cli_sandbox.moc"
