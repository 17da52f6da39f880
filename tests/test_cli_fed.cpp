// apedesk-cli fed, as a person runs it: `fed simulate` with the issue's command line prints one JSON line
// per round (round, weights summing to 1, global_rmse, venue_rmse, rejected) and a summary; sampling,
// minimum venues and DP noise show in the lines; --db stores the run so `fed runs` lists it and prints
// the same rounds; SIGINT stops a run cleanly (recorded as stopped); wrong venues, a real-swap venue
// without the CSV and bad numbers are usage errors (exit 2) that start nothing. Real libtorch training.
#include "federated/roundstore.h"
#include "jsonlines.h"
#include "processrunner.h"

#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

namespace {

QString swapsCsv() { return qEnvironmentVariable("APEDESK_SHARED_DIR") + QStringLiteral("/data/base_eth_usdc_swaps.csv"); }

QList<QJsonObject> events(const QList<QJsonObject> &lines, const QString &event)
{
    QList<QJsonObject> found;
    for (const QJsonObject &line : lines)
        if (line.value(QStringLiteral("event")).toString() == event)
            found << line;
    return found;
}

double sum(const QJsonObject &object)
{
    double total = 0;
    for (auto it = object.begin(); it != object.end(); ++it)
        total += it.value().toDouble();
    return total;
}

} // namespace

class TestCliFed : public QObject
{
    Q_OBJECT
private:
    QString m_cli = qEnvironmentVariable("APEDESK_CLI");
    QTemporaryDir m_home;

    ProcessResult cli(const QStringList &args, int timeoutMs = 600000)
    {
        return runProcess(m_cli, args, isolatedEnvironment(m_home), timeoutMs);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(m_cli), "APEDESK_CLI points at the built apedesk-cli");
        QVERIFY2(QFile::exists(swapsCsv()), "APEDESK_SHARED_DIR holds data/base_eth_usdc_swaps.csv");
        QVERIFY(m_home.isValid());
    }

    void issueCommandPrintsOneLinePerRound()
    {
        const ProcessResult result = cli({QStringLiteral("fed"), QStringLiteral("simulate"), QStringLiteral("--venues"),
                                          QStringLiteral("binance,okx,bybit"), QStringLiteral("--rounds"), QStringLiteral("10"),
                                          QStringLiteral("--csv"), swapsCsv(), QStringLiteral("--json")});
        QVERIFY(result.finished);
        QVERIFY2(result.exitCode == 0, result.err.constData());
        const QList<QJsonObject> lines = parseJsonLines(result.out);
        const QList<QJsonObject> rounds = events(lines, QStringLiteral("round"));
        const QList<QJsonObject> summary = events(lines, QStringLiteral("summary"));
        QCOMPARE(summary.size(), 1);
        QCOMPARE(lines.size(), rounds.size() + 1);
        const QString state = summary.at(0).value(QStringLiteral("state")).toString();
        // Ten rounds, or fewer when the global loss converged (early stopping is on by default).
        QVERIFY2(rounds.size() == 10 || (state == QLatin1String("converged") && rounds.size() >= 4), qPrintable(state));
        QCOMPARE(state == QLatin1String("converged"), rounds.size() < 10);
        for (int i = 0; i < rounds.size(); ++i) {
            const QJsonObject round = rounds.at(i);
            QCOMPARE(round.value(QStringLiteral("round")).toInt(), i);
            const QJsonObject weights = round.value(QStringLiteral("weights")).toObject();
            QCOMPARE(weights.keys(), (QStringList{QStringLiteral("binance"), QStringLiteral("bybit"), QStringLiteral("okx")}));
            QVERIFY(qAbs(sum(weights) - 1) < 1e-6);
            const double globalRmse = round.value(QStringLiteral("global_rmse")).toDouble();
            QVERIFY(globalRmse > 0 && globalRmse < 1);
            const QJsonObject venueRmse = round.value(QStringLiteral("venue_rmse")).toObject();
            QCOMPARE(venueRmse.size(), 3);
            for (auto it = venueRmse.begin(); it != venueRmse.end(); ++it)
                QVERIFY(it.value().toDouble() > 0 && it.value().toDouble() < 1);
            QVERIFY(round.value(QStringLiteral("rejected")).isObject());
            QVERIFY(round.value(QStringLiteral("rejected")).toObject().isEmpty());
        }
        QCOMPARE(summary.at(0).value(QStringLiteral("stored")).toBool(), false);
    }

    void samplingNoiseAndStorage()
    {
        const QString db = m_home.filePath(QStringLiteral("fed.sqlite"));
        const ProcessResult result = cli({QStringLiteral("fed"), QStringLiteral("simulate"), QStringLiteral("--venues"),
                                          QStringLiteral("bybit,sim-1,sim-2,sim-3"), QStringLiteral("--rounds"), QStringLiteral("3"),
                                          QStringLiteral("--fraction"), QStringLiteral("0.5"), QStringLiteral("--min-venues"),
                                          QStringLiteral("2"), QStringLiteral("--dp-noise"), QStringLiteral("0.5"),
                                          QStringLiteral("--clip"), QStringLiteral("0.5"), QStringLiteral("--epochs"), QStringLiteral("1"),
                                          QStringLiteral("--db"), db, QStringLiteral("--json")});
        QVERIFY(result.finished);
        QVERIFY2(result.exitCode == 0, result.err.constData());
        const QList<QJsonObject> rounds = events(parseJsonLines(result.out), QStringLiteral("round"));
        QCOMPARE(rounds.size(), 3);
        for (const QJsonObject &round : rounds) {
            // Half of four venues train each round; the others are listed as not sampled.
            QCOMPARE(round.value(QStringLiteral("weights")).toObject().size(), 2);
            QCOMPARE(round.value(QStringLiteral("sampled_venues")).toInt(), 2);
            // σ 0.5 × clip 0.5: the noise scale shown is 0.25.
            QVERIFY(qAbs(round.value(QStringLiteral("noise_std")).toDouble() - 0.25) < 1e-9);
        }
        const QList<QJsonObject> summary = events(parseJsonLines(result.out), QStringLiteral("summary"));
        QCOMPARE(summary.size(), 1);
        QCOMPARE(summary.at(0).value(QStringLiteral("stored")).toBool(), true);
        const qint64 runId = summary.at(0).value(QStringLiteral("run_id")).toInteger();
        QVERIFY(runId > 0);

        // The stored run, listed and replayed.
        const ProcessResult runs = cli({QStringLiteral("fed"), QStringLiteral("runs"), QStringLiteral("--db"), db, QStringLiteral("--json")});
        QVERIFY2(runs.exitCode == 0, runs.err.constData());
        const QList<QJsonObject> listed = parseJsonLines(runs.out);
        QCOMPARE(listed.size(), 1);
        QCOMPARE(listed.at(0).value(QStringLiteral("run_id")).toInteger(), runId);
        QCOMPARE(listed.at(0).value(QStringLiteral("state")).toString(), QStringLiteral("finished"));
        const ProcessResult replay = cli({QStringLiteral("fed"), QStringLiteral("runs"), QStringLiteral("--db"), db, QStringLiteral("--run"),
                                          QString::number(runId), QStringLiteral("--json")});
        QVERIFY2(replay.exitCode == 0, replay.err.constData());
        const QList<QJsonObject> stored = parseJsonLines(replay.out);
        QCOMPARE(stored.size(), 3);
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(stored.at(i).value(QStringLiteral("weights")), rounds.at(i).value(QStringLiteral("weights")));
            QCOMPARE(stored.at(i).value(QStringLiteral("global_rmse")), rounds.at(i).value(QStringLiteral("global_rmse")));
        }
    }

    void textLines()
    {
        const ProcessResult result = cli({QStringLiteral("fed"), QStringLiteral("simulate"), QStringLiteral("--venues"),
                                          QStringLiteral("sim-1,sim-2"), QStringLiteral("--rounds"), QStringLiteral("2"),
                                          QStringLiteral("--epochs"), QStringLiteral("1")});
        QVERIFY2(result.exitCode == 0, result.err.constData());
        const QString out = QString::fromUtf8(result.out);
        QVERIFY2(out.contains(QLatin1String("round 1: global RMSE")) && out.contains(QLatin1String("round 2: global RMSE")),
                 qPrintable(out));
        QVERIFY2(out.contains(QLatin1String("weights sim-1 0.")), qPrintable(out));
    }

    void sigintStopsTheRun()
    {
        const QString db = m_home.filePath(QStringLiteral("stopped.sqlite"));
        QProcess process;
        process.setProcessEnvironment(isolatedEnvironment(m_home));
        process.start(m_cli, {QStringLiteral("fed"), QStringLiteral("simulate"), QStringLiteral("--venues"),
                              QStringLiteral("sim-1,sim-2"), QStringLiteral("--rounds"), QStringLiteral("500"),
                              QStringLiteral("--no-early-stop"), QStringLiteral("--db"), db, QStringLiteral("--json")});
        QVERIFY(process.waitForStarted(10000));
        // After the first round line, interrupt.
        QByteArray out;
        QTRY_VERIFY_WITH_TIMEOUT((out += process.readAllStandardOutput()).contains("\"event\":\"round\""), 300000);
        ::kill(pid_t(process.processId()), SIGINT);
        QVERIFY(process.waitForFinished(60000));
        out += process.readAllStandardOutput();
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());
        const QList<QJsonObject> summary = events(parseJsonLines(out), QStringLiteral("summary"));
        QCOMPARE(summary.size(), 1);
        QCOMPARE(summary.at(0).value(QStringLiteral("state")).toString(), QStringLiteral("stopped"));
        QCOMPARE(summary.at(0).value(QStringLiteral("interrupted")).toBool(), true);
        const ProcessResult runs = cli({QStringLiteral("fed"), QStringLiteral("runs"), QStringLiteral("--db"), db, QStringLiteral("--json")});
        const QList<QJsonObject> listed = parseJsonLines(runs.out);
        QCOMPARE(listed.size(), 1);
        QCOMPARE(listed.at(0).value(QStringLiteral("state")).toString(), QStringLiteral("stopped"));
    }

    // The app marks runs left "running" as interrupted when it starts; a run the CLI is still running on
    // the same database is not one of them, and becomes one once its process is killed.
    void killedRunIsInterruptedOnlyOnceItsProcessIsGone()
    {
        const QString db = m_home.filePath(QStringLiteral("killed.sqlite"));
        QProcess process;
        process.setProcessEnvironment(isolatedEnvironment(m_home));
        process.start(m_cli, {QStringLiteral("fed"), QStringLiteral("simulate"), QStringLiteral("--venues"),
                              QStringLiteral("sim-1,sim-2"), QStringLiteral("--rounds"), QStringLiteral("500"),
                              QStringLiteral("--no-early-stop"), QStringLiteral("--db"), db, QStringLiteral("--json")});
        QVERIFY(process.waitForStarted(10000));
        QByteArray out;
        QTRY_VERIFY_WITH_TIMEOUT((out += process.readAllStandardOutput()).contains("\"event\":\"round\""), 300000);

        apedesk::federated::RoundStore store;
        QVERIFY(store.open(db));
        QCOMPARE(store.markInterruptedRuns().value(), 0);   // the CLI still runs it
        ::kill(pid_t(process.processId()), SIGKILL);
        QVERIFY(process.waitForFinished(30000));
        QCOMPARE(store.markInterruptedRuns().value(), 1);
        const auto latest = store.latestRun();
        QVERIFY(latest && latest->has_value());
        QCOMPARE((*latest)->state, apedesk::federated::FederatedRunRecord::State::Interrupted);
        const auto run = store.loadRun((*latest)->runId);
        QVERIFY(run);
        QVERIFY(!run->rounds.isEmpty());   // the rounds it finished are kept
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("no venues") << QStringList{QStringLiteral("--rounds"), QStringLiteral("2")} << QStringLiteral("--venues");
        QTest::newRow("unknown venue") << QStringList{QStringLiteral("--venues"), QStringLiteral("sim-1,kraken")}
                                       << QStringLiteral("kraken");
        QTest::newRow("real venue without csv") << QStringList{QStringLiteral("--venues"), QStringLiteral("binance,sim-1")}
                                                << QStringLiteral("CSV");
        QTest::newRow("twice") << QStringList{QStringLiteral("--venues"), QStringLiteral("sim-1,sim-1")} << QStringLiteral("twice");
        QTest::newRow("zero rounds") << QStringList{QStringLiteral("--venues"), QStringLiteral("sim-1,sim-2"), QStringLiteral("--rounds"),
                                                    QStringLiteral("0")}
                                     << QStringLiteral("--rounds");
        QTest::newRow("fraction") << QStringList{QStringLiteral("--venues"), QStringLiteral("sim-1,sim-2"), QStringLiteral("--fraction"),
                                                 QStringLiteral("1.5")}
                                  << QStringLiteral("--fraction");
        QTest::newRow("negative noise") << QStringList{QStringLiteral("--venues"), QStringLiteral("sim-1,sim-2"),
                                                       QStringLiteral("--dp-noise"), QStringLiteral("-1")}
                                        << QStringLiteral("--dp-noise");
    }

    void usageErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const ProcessResult result = cli(QStringList{QStringLiteral("fed"), QStringLiteral("simulate")} + args, 60000);
        QVERIFY(result.finished);
        QCOMPARE(result.exitCode, 2);
        QVERIFY(result.out.isEmpty());
        const QString err = QString::fromUtf8(result.err);
        QVERIFY2(err.contains(message), qPrintable(err));
    }
};

QTEST_GUILESS_MAIN(TestCliFed)
#include "test_cli_fed.moc"
