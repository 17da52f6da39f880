// apedesk-cli plumbing: --version, --help, subcommands, --json, exit codes 0/1/2 with one stderr line.

#include "processrunner.h"
#include "version.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

class TestCli : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_home;
    QString m_cli = qEnvironmentVariable("APEDESK_CLI");
    ProcessResult run(const QStringList &args) { return runProcess(m_cli, args, isolatedEnvironment(m_home)); }

private Q_SLOTS:
    void initTestCase() { QVERIFY2(QFile::exists(m_cli), "APEDESK_CLI points at the built apedesk-cli"); }

    void versionPrintsTheVersion()
    {
        const ProcessResult r = run({QStringLiteral("--version")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out.trimmed(), QByteArray("apedesk-cli " APEDESK_VERSION));
        const ProcessResult j = run({QStringLiteral("--json"), QStringLiteral("--version")});
        QCOMPARE(QJsonDocument::fromJson(j.out).object().value(QStringLiteral("version")).toString(),
                 QStringLiteral(APEDESK_VERSION));
    }

    void helpListsCommandsAndExitCodes()
    {
        const ProcessResult r = run({QStringLiteral("--help")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("Usage: apedesk-cli"));
        QVERIFY(r.out.contains("info"));
        QVERIFY(r.out.contains("Exit codes: 0 ok, 1 failure, 2 usage error."));
        const ProcessResult h = run({QStringLiteral("help"), QStringLiteral("info")});
        QCOMPARE(h.exitCode, 0);
        QVERIFY(h.out.contains("apedesk-cli info [--throughput]"));
    }

    void usageErrorsExitTwoWithOneLine()
    {
        for (const QStringList &args : {QStringList{}, QStringList{QStringLiteral("frobnicate")},
                                        QStringList{QStringLiteral("--bogus")},
                                        QStringList{QStringLiteral("info"), QStringLiteral("--bogus")}}) {
            const ProcessResult r = run(args);
            QCOMPARE(r.exitCode, 2);
            QVERIFY2(r.err.startsWith("apedesk-cli: "), r.err.constData());
            QCOMPARE(r.err.count('\n'), 1);
            QVERIFY(r.out.isEmpty());
        }
    }

    void infoReportsTheTrainingEngineAsJson()
    {
        const ProcessResult r = run({QStringLiteral("--json"), QStringLiteral("info")});
        QCOMPARE(r.exitCode, 0);
        QJsonParseError error;
        const QJsonObject info = QJsonDocument::fromJson(r.out, &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(info.value(QStringLiteral("version")).toString(), QStringLiteral(APEDESK_VERSION));
        QVERIFY(info.value(QStringLiteral("libtorch")).toString().startsWith(QLatin1String("1.13")));
        QVERIFY(info.value(QStringLiteral("torch_threads")).toInt() >= 1);
        QVERIFY(info.value(QStringLiteral("data_dir")).toString().startsWith(m_home.path()));
        QVERIFY(r.err.isEmpty());
    }

    void verboseWritesDebugToTheLogFile()
    {
        const ProcessResult r = run({QStringLiteral("--verbose"), QStringLiteral("info")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.err.contains("debug apedesk.core"));
        QFile log(m_home.path() + QStringLiteral("/data/ApeDesk/ApeDesk/logs/apedesk.log"));
        QVERIFY2(log.open(QIODevice::ReadOnly), qPrintable(log.fileName()));
        QVERIFY(log.readAll().contains("debug apedesk.core"));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "test_cli.moc"
