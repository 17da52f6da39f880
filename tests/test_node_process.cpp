// The anvil process manager: command lines for sandbox and fork mode, a real anvil started on a free
// port and stopped, and crash clean-up that ends only the node it recorded.

#include "chain/nodeprocess.h"
#include "chain/toollocator.h"
#include "queuedspy.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace apedesk;
using namespace apedesk::chain;

namespace {
bool alive(qint64 pid) { return pid > 0 && ::kill(static_cast<pid_t>(pid), 0) == 0; }

QStringList procCommandLine(qint64 pid)
{
    QFile file(QStringLiteral("/proc/%1/cmdline").arg(pid));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QByteArray raw = file.readAll();
    raw.chop(1);
    QStringList parts;
    for (const QByteArray &p : raw.split('\0'))
        parts << QString::fromLocal8Bit(p);
    return parts;
}

void writeRecord(const QString &dir, quint16 port, qint64 pid, const QStringList &commandLine)
{
    QFile file(QDir(dir).filePath(QStringLiteral("node-%1.json").arg(port)));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QJsonDocument(QJsonObject{{QStringLiteral("pid"), pid},
                                         {QStringLiteral("port"), port},
                                         {QStringLiteral("command_line"), QJsonArray::fromStringList(commandLine)}})
                   .toJson());
}
} // namespace

class TestNodeProcess : public QObject
{
    Q_OBJECT
private:
    QString m_anvil;

private Q_SLOTS:
    void initTestCase()
    {
        const auto tools = locateTools();
        QVERIFY2(tools.ok(), tools.ok() ? "" : qPrintable(tools.error().toString()));
        m_anvil = tools->anvil;
        QVERIFY(!tools->nodeModules.isEmpty());
    }

    void sandboxAndForkCommandLines()
    {
        NodeLaunch sandbox;
        QCOMPARE(anvilArguments(sandbox, 18545),
                 QStringList({"--host", "127.0.0.1", "--port", "18545", "--chain-id", "8453"}));
        sandbox.loadStatePath = QStringLiteral("/tmp/state.json");
        QCOMPARE(anvilArguments(sandbox, 18545).mid(6), QStringList({"--load-state", "/tmp/state.json"}));

        NodeLaunch fork;
        fork.mode = NodeLaunch::Mode::Fork;
        fork.forkUrl = QStringLiteral("https://base-mainnet.example/v2/KEY");
        QCOMPARE(anvilArguments(fork, 8545), QStringList({"--host", "127.0.0.1", "--port", "8545", "--chain-id", "8453",
                                                          "--fork-url", "https://base-mainnet.example/v2/KEY"}));
        fork.forkBlockNumber = 25350999;
        QCOMPARE(anvilArguments(fork, 8545).mid(8), QStringList({"--fork-block-number", "25350999"}));
    }

    void forkWithoutAnHttpEndpointIsRefused()
    {
        QTemporaryDir dir;
        NodeProcess node(dir.path());
        QSignalSpy failed(&node, &NodeProcess::failed);
        NodeLaunch fork;
        fork.mode = NodeLaunch::Mode::Fork;
        node.start(m_anvil, fork);
        QCOMPARE(failed.count(), 1);
        QVERIFY(!node.isRunning());
    }

    void startsOnAFreePortAndStopsOnlyItself()
    {
        QTemporaryDir dir;
        NodeProcess node(dir.path());
        QSignalSpy ready(&node, &NodeProcess::ready);
        node.start(m_anvil, NodeLaunch{});
        QVERIFY(ready.wait(20000));
        qInfo() << "anvil ready after" << node.readyAfterMs() << "ms on port" << node.port();
        QVERIFY(node.port() > 0);
        const qint64 pid = node.pid();
        QVERIFY(alive(pid));
        const QString record = dir.filePath(QStringLiteral("node-%1.json").arg(node.port()));
        QVERIFY(QFile::exists(record));
        QVERIFY(!node.recentLog().isEmpty());
        node.stop();
        QVERIFY(!node.isRunning());
        QTRY_VERIFY(!alive(pid));
        QVERIFY(!QFile::exists(record));
    }

    void cleanupEndsARecordedNodeButNoOtherProcess()
    {
        QTemporaryDir dir;
        // A node "left behind by a crashed run": started outside NodeProcess, recorded like one.
        const quint16 port = freeLoopbackPort();
        const QStringList args = anvilArguments(NodeLaunch{}, port);
        qint64 orphan = 0;
        QVERIFY(QProcess::startDetached(m_anvil, args, QString(), &orphan));
        QTRY_VERIFY(!procCommandLine(orphan).isEmpty());
        writeRecord(dir.path(), port, orphan, procCommandLine(orphan));

        // An unrelated process whose pid is recorded with anvil's command line (a reused pid).
        qint64 bystander = 0;
        QVERIFY(QProcess::startDetached(QStringLiteral("sleep"), {QStringLiteral("30")}, QString(), &bystander));
        writeRecord(dir.path(), port + 1, bystander, QStringList{m_anvil} + args);

        QCOMPARE(NodeProcess::cleanupStaleNodes(dir.path()), 1);
        QTRY_VERIFY(!alive(orphan) || procCommandLine(orphan).isEmpty());
        QVERIFY2(alive(bystander), "a process that is not our node is never touched");
        QVERIFY(QDir(dir.path()).entryList({QStringLiteral("node-*.json")}).isEmpty());
        ::kill(static_cast<pid_t>(bystander), SIGTERM);
    }

    void cleanupLeavesTheNodeOfAnAppThatStillRuns()
    {
        QTemporaryDir dir;
        NodeProcess node(dir.path());   // this process's own node: its app (this test) is alive
        QSignalSpy ready(&node, &NodeProcess::ready);
        node.start(m_anvil, NodeLaunch{});
        QVERIFY(ready.wait(20000));
        QCOMPARE(NodeProcess::cleanupStaleNodes(dir.path()), 0);
        QVERIFY(node.isRunning());
        QVERIFY(alive(node.pid()));
        node.stop();
    }

    void aCrashedNodeIsReported()
    {
        QTemporaryDir dir;
        NodeProcess node(dir.path());
        QSignalSpy ready(&node, &NodeProcess::ready);
        QSignalSpy exited(&node, &NodeProcess::exited);
        node.start(m_anvil, NodeLaunch{});
        QVERIFY(ready.wait(20000));
        ::kill(static_cast<pid_t>(node.pid()), SIGKILL);
        QVERIFY(exited.wait(5000));
        QVERIFY(!node.isRunning());
    }
};

QTEST_GUILESS_MAIN(TestNodeProcess)
#include "test_node_process.moc"
