// apedesk-cli gan on the 8,000 real BASE swaps, in a private HOME: a quick-preset training of one
// epoch prints one JSON line per logged step (finite losses, validation figures at the epoch end)
// and a summary, and leaves config, normaliser, metrics and checkpoints in its run folder; a second
// training stopped with SIGINT mid-run ends cleanly with a checkpoint and `gan resume` continues it
// from the next step to the planned end; `gan generate` writes 16 sequences in the tutorial's
// columns whose prices move step to step (not the tutorial's ramps); `gan validate` grades them
// against the real CSV (features, autocorrelation, overall grade, report file); and bad options are
// one line with exit 2, failures one line with exit 1, touching no existing run.

#include "processrunner.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTest>

#include <csignal>
#include <cmath>

namespace {

QString dataPath() { return qEnvironmentVariable("APEDESK_SHARED_DIR") + QStringLiteral("/data/base_eth_usdc_swaps.csv"); }

const QStringList kFeatures{QStringLiteral("price"),      QStringLiteral("amount0_eth"), QStringLiteral("amount1_usdc"),
                            QStringLiteral("tick"),       QStringLiteral("volume"),      QStringLiteral("volatility"),
                            QStringLiteral("volume_ma"),  QStringLiteral("tick_change"), QStringLiteral("time_diff"),
                            QStringLiteral("liquidity_usage")};
const QSet<QString> kGrades{QStringLiteral("excellent"), QStringLiteral("good"), QStringLiteral("fair"), QStringLiteral("poor")};

// Every stdout line must be one JSON object.
QList<QJsonObject> jsonLines(const QByteArray &out, bool *allJson)
{
    QList<QJsonObject> objects;
    *allJson = true;
    for (const QByteArray &line : out.trimmed().split('\n')) {
        QJsonParseError error{};
        const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
        if (error.error != QJsonParseError::NoError || !doc.isObject())
            *allJson = false;
        else
            objects << doc.object();
    }
    return objects;
}

QList<QJsonObject> events(const QList<QJsonObject> &lines, const QString &event)
{
    QList<QJsonObject> matching;
    for (const QJsonObject &o : lines)
        if (o.value(QStringLiteral("event")).toString() == event)
            matching << o;
    return matching;
}

bool oneLine(const QByteArray &err) { return err.trimmed().count('\n') == 0 && err.startsWith("apedesk-cli: "); }

bool finiteNumber(const QJsonObject &o, const char *key)
{
    const QJsonValue v = o.value(QLatin1String(key));
    return v.isDouble() && std::isfinite(v.toDouble());
}

} // namespace

// The trainings run on one libtorch thread: with every core, OpenMP's spin-waiting makes a training
// several times slower while other tests share the machine (ctest -j), and the figures here are
// about behaviour, not speed (bench_gan measures that).
class TestCliGan : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_home;
    QString m_cli = qEnvironmentVariable("APEDESK_CLI");
    qint64 m_stepsPerEpoch = 0;   // from the one-epoch run

    ProcessResult run(const QStringList &args, int timeoutMs = 120000)
    {
        return runProcess(m_cli, args, isolatedEnvironment(m_home), timeoutMs);
    }
    QString path(const QString &name) const { return m_home.filePath(name); }

    QStringList trainArgs(const QString &run, int epochs) const
    {
        return {QStringLiteral("gan"), QStringLiteral("train"), QStringLiteral("--data"), dataPath(), QStringLiteral("--preset"),
                QStringLiteral("quick"), QStringLiteral("--epochs"), QString::number(epochs), QStringLiteral("--run"), run,
                QStringLiteral("--log-every"), QStringLiteral("1"), QStringLiteral("--threads"), QStringLiteral("1"),
                QStringLiteral("--json")};
    }

    // Step lines: ascending step numbers with finite losses.
    static void verifySteps(const QList<QJsonObject> &steps)
    {
        QVERIFY(!steps.isEmpty());
        qint64 previous = -1;
        for (const QJsonObject &s : steps) {
            const qint64 step = s.value(QStringLiteral("step")).toInteger(-1);
            QVERIFY2(step > previous || (step == previous && s.contains(QStringLiteral("validation_generator_loss"))),
                     qPrintable(QStringLiteral("step %1 after %2").arg(step).arg(previous)));
            previous = step;
            for (const char *key : {"critic_loss", "generator_loss", "gradient_penalty", "wasserstein"})
                QVERIFY2(finiteNumber(s, key), key);
            QVERIFY(s.value(QStringLiteral("epoch")).isDouble());
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(m_cli), "APEDESK_CLI points at the built apedesk-cli");
        QVERIFY2(QFile::exists(dataPath()), qPrintable(dataPath()));
        QVERIFY(m_home.isValid());
    }

    void trainsOneQuickEpoch()
    {
        const QString runDir = path(QStringLiteral("run-one"));
        const ProcessResult r = run(trainArgs(runDir, 1), 600000);
        QVERIFY2(r.finished, "the one-epoch training ended in time");
        QVERIFY2(r.exitCode == 0, r.err.constData());
        bool allJson = false;
        const QList<QJsonObject> lines = jsonLines(r.out, &allJson);
        QVERIFY2(allJson, r.out.constData());

        const QList<QJsonObject> steps = events(lines, QStringLiteral("step"));
        verifySteps(steps);
        // The epoch end carries the validation losses.
        bool validated = false;
        for (const QJsonObject &s : steps)
            validated = validated
                || (finiteNumber(s, "validation_generator_loss") && finiteNumber(s, "validation_critic_loss"));
        QVERIFY2(validated, "a step line with the validation losses");

        QCOMPARE(lines.last().value(QStringLiteral("event")).toString(), QStringLiteral("summary"));
        const QJsonObject summary = lines.last();
        QCOMPARE(summary.value(QStringLiteral("end")).toString(), QStringLiteral("finished"));
        QCOMPARE(summary.value(QStringLiteral("interrupted")).toBool(), false);
        QCOMPARE(summary.value(QStringLiteral("preset")).toString(), QStringLiteral("quick"));
        m_stepsPerEpoch = summary.value(QStringLiteral("step")).toInteger();
        QVERIFY(m_stepsPerEpoch > 0);
        QCOMPARE(summary.value(QStringLiteral("steps")).toInteger(), m_stepsPerEpoch);
        QCOMPARE(summary.value(QStringLiteral("epochs_done")).toInt(), 1);
        QVERIFY(steps.last().value(QStringLiteral("step")).toInteger() <= m_stepsPerEpoch);

        // The run folder: config, normaliser, metrics rows and checkpoints.
        QDir dir(runDir);
        QVERIFY(dir.exists(QStringLiteral("config.json")));
        QVERIFY(dir.exists(QStringLiteral("normalizer.json")));
        QVERIFY(QFileInfo(dir.filePath(QStringLiteral("metrics.csv"))).size() > 0
                || QFileInfo(dir.filePath(QStringLiteral("metrics.jsonl"))).size() > 0);
        QVERIFY(!QDir(dir.filePath(QStringLiteral("checkpoints"))).entryList(QDir::Files).isEmpty());
    }

    void trainsFromASwapStore()
    {
        // The same swaps in a swap database: the run names the store, its chain and pool, and its
        // normalisation equals the CSV run's (the same rows went in).
        const QString db = path(QStringLiteral("swaps.sqlite"));
        const ProcessResult imported = run({QStringLiteral("data"), QStringLiteral("import-csv"), dataPath(), QStringLiteral("--db"), db});
        QVERIFY2(imported.exitCode == 0, imported.err.constData());
        const QString runDir = path(QStringLiteral("run-store"));
        const ProcessResult r = run({QStringLiteral("gan"), QStringLiteral("train"), QStringLiteral("--db"), db, QStringLiteral("--chain"),
                                     QStringLiteral("8453"), QStringLiteral("--preset"), QStringLiteral("quick"), QStringLiteral("--epochs"),
                                     QStringLiteral("1"), QStringLiteral("--run"), runDir, QStringLiteral("--threads"), QStringLiteral("1"),
                                     QStringLiteral("--json")},
                                    600000);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        bool allJson = false;
        const QList<QJsonObject> lines = jsonLines(r.out, &allJson);
        QVERIFY(allJson);
        QCOMPARE(lines.last().value(QStringLiteral("end")).toString(), QStringLiteral("finished"));
        QCOMPARE(lines.last().value(QStringLiteral("step")).toInteger(), m_stepsPerEpoch);

        QFile configFile(QDir(runDir).filePath(QStringLiteral("config.json")));
        QVERIFY(configFile.open(QIODevice::ReadOnly));
        const QJsonObject data = QJsonDocument::fromJson(configFile.readAll()).object().value(QStringLiteral("data")).toObject();
        QCOMPARE(data.value(QStringLiteral("kind")).toString(), QStringLiteral("store"));
        QCOMPARE(data.value(QStringLiteral("chain")).toString(), QStringLiteral("8453"));
        QVERIFY(data.value(QStringLiteral("poolId")).toString().startsWith(QLatin1String("0x")));
        QCOMPARE(data.value(QStringLiteral("lastRows")).toInt(), 1000);
        QFile fromStore(QDir(runDir).filePath(QStringLiteral("normalizer.json")));
        QFile fromCsv(path(QStringLiteral("run-one/normalizer.json")));
        QVERIFY(fromStore.open(QIODevice::ReadOnly) && fromCsv.open(QIODevice::ReadOnly));
        QCOMPARE(QJsonDocument::fromJson(fromStore.readAll()), QJsonDocument::fromJson(fromCsv.readAll()));

        // A pool the store does not hold is a usage error that lists what it does hold.
        const ProcessResult none = run({QStringLiteral("gan"), QStringLiteral("train"), QStringLiteral("--db"), db, QStringLiteral("--chain"),
                                        QStringLiteral("1"), QStringLiteral("--preset"), QStringLiteral("quick"), QStringLiteral("--run"),
                                        path(QStringLiteral("never-created"))});
        QCOMPARE(none.exitCode, 2);
        QVERIFY2(oneLine(none.err) && none.err.contains("--chain 8453 --pool-id 0x"), none.err.constData());
    }

    void sigintStopsWithACheckpointAndResumeContinues()
    {
        QVERIFY2(m_stepsPerEpoch > 0, "trainsOneQuickEpoch ran first");
        const int epochs = 3;
        const QString runDir = path(QStringLiteral("run-stopped"));
        QProcess process;
        process.setProcessEnvironment(isolatedEnvironment(m_home));
        process.start(m_cli, trainArgs(runDir, epochs));
        QVERIFY(process.waitForStarted(10000));
        // Wait for the first logged step, then interrupt like Ctrl+C.
        QByteArray out;
        QElapsedTimer clock;
        clock.start();
        while (!out.contains("\"event\":\"step\"") && clock.elapsed() < 300000 && process.state() == QProcess::Running) {
            process.waitForReadyRead(1000);
            out += process.readAllStandardOutput();
        }
        QVERIFY2(out.contains("\"event\":\"step\""), process.readAllStandardError().constData());
        QCOMPARE(::kill(pid_t(process.processId()), SIGINT), 0);
        QVERIFY(process.waitForFinished(300000));
        out += process.readAllStandardOutput();
        const QByteArray err = process.readAllStandardError();
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QVERIFY2(process.exitCode() == 0, err.constData());

        bool allJson = false;
        const QList<QJsonObject> before = jsonLines(out, &allJson);
        QVERIFY2(allJson, out.constData());
        verifySteps(events(before, QStringLiteral("step")));
        const QJsonObject stopped = before.last();
        QCOMPARE(stopped.value(QStringLiteral("event")).toString(), QStringLiteral("summary"));
        QCOMPARE(stopped.value(QStringLiteral("end")).toString(), QStringLiteral("stopped"));
        QCOMPARE(stopped.value(QStringLiteral("interrupted")).toBool(), true);
        const qint64 stoppedAt = stopped.value(QStringLiteral("step")).toInteger();
        QCOMPARE(stopped.value(QStringLiteral("steps")).toInteger(), stoppedAt);
        QVERIFY(stoppedAt > 0);
        QVERIFY2(stoppedAt < epochs * m_stepsPerEpoch, "the signal came before the end");
        const qint64 lastLogged = events(before, QStringLiteral("step")).last().value(QStringLiteral("step")).toInteger();
        QVERIFY(!QDir(QDir(runDir).filePath(QStringLiteral("checkpoints"))).entryList(QDir::Files).isEmpty());

        // A second start into the same folder is refused and leaves the run as it was.
        QFile config(QDir(runDir).filePath(QStringLiteral("config.json")));
        QVERIFY(config.open(QIODevice::ReadOnly));
        const QByteArray configBytes = config.readAll();
        config.close();
        const ProcessResult again = run(trainArgs(runDir, epochs));
        QVERIFY2(again.exitCode == 1 || again.exitCode == 2, again.err.constData());
        QVERIFY2(oneLine(again.err), again.err.constData());
        QVERIFY(config.open(QIODevice::ReadOnly));
        QCOMPARE(config.readAll(), configBytes);
        config.close();

        // Resume: continues after the last step done and runs to the planned end.
        const ProcessResult resumed = run({QStringLiteral("gan"), QStringLiteral("resume"), QStringLiteral("--run"), runDir,
                                           QStringLiteral("--json")},
                                          600000);
        QVERIFY2(resumed.finished, "the resumed training ended in time");
        QVERIFY2(resumed.exitCode == 0, resumed.err.constData());
        const QList<QJsonObject> after = jsonLines(resumed.out, &allJson);
        QVERIFY2(allJson, resumed.out.constData());
        const QList<QJsonObject> resumedSteps = events(after, QStringLiteral("step"));
        verifySteps(resumedSteps);
        const qint64 firstResumed = resumedSteps.first().value(QStringLiteral("step")).toInteger();
        QVERIFY2(firstResumed > lastLogged,
                 qPrintable(QStringLiteral("resumed at step %1 after %2 was logged").arg(firstResumed).arg(lastLogged)));
        QVERIFY2(firstResumed <= stoppedAt + 1, qPrintable(QStringLiteral("resumed at %1, stopped at %2").arg(firstResumed).arg(stoppedAt)));
        const QJsonObject finished = after.last();
        QCOMPARE(finished.value(QStringLiteral("event")).toString(), QStringLiteral("summary"));
        QCOMPARE(finished.value(QStringLiteral("end")).toString(), QStringLiteral("finished"));
        QCOMPARE(finished.value(QStringLiteral("step")).toInteger(), epochs * m_stepsPerEpoch);
        QCOMPARE(finished.value(QStringLiteral("steps")).toInteger(), epochs * m_stepsPerEpoch - stoppedAt);
        QCOMPARE(finished.value(QStringLiteral("epochs_done")).toInt(), epochs);
        // The metrics file holds each step once: the rows of both sessions, none repeated.
        QFile metrics(QDir(runDir).filePath(QStringLiteral("metrics.jsonl")));
        QVERIFY(metrics.open(QIODevice::ReadOnly));
        qint64 previous = 0;
        for (const QByteArray &line : metrics.readAll().trimmed().split('\n')) {
            const QJsonObject row = QJsonDocument::fromJson(line).object();
            const qint64 step = row.value(QStringLiteral("step")).toInteger();
            QVERIFY2(step == previous + 1 || (step == previous && row.contains(QStringLiteral("validation_generator_loss"))),
                     qPrintable(QStringLiteral("metrics row for step %1 after %2").arg(step).arg(previous)));
            previous = step;
        }
        QCOMPARE(previous, epochs * m_stepsPerEpoch);
    }

    void generatesSequencesThatAreNotRamps()
    {
        const QString runDir = path(QStringLiteral("run-one"));
        QVERIFY2(QFileInfo(runDir).isDir(), "trainsOneQuickEpoch ran first");
        const QString csv = path(QStringLiteral("synthetic.csv"));
        const ProcessResult r = run({QStringLiteral("gan"), QStringLiteral("generate"), QStringLiteral("--run"), runDir,
                                     QStringLiteral("--sequences"), QStringLiteral("16"), QStringLiteral("--out"), csv,
                                     QStringLiteral("--seed"), QStringLiteral("3"), QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        bool allJson = false;
        const QList<QJsonObject> lines = jsonLines(r.out, &allJson);
        QVERIFY(allJson);
        QCOMPARE(lines.last().value(QStringLiteral("sequences")).toInt(), 16);

        // The tutorial's columns, 16 × 24 rows, finite values, sequence and step in order.
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly | QIODevice::Text));
        const QList<QByteArray> rows = file.readAll().trimmed().split('\n');
        QCOMPARE(QString::fromUtf8(rows.first()).trimmed(),
                 QString(QStringLiteral("sequence_id,step,timestamp,") + kFeatures.join(QLatin1Char(','))));
        QCOMPARE(rows.size(), 1 + 16 * 24);
        QVector<QVector<double>> prices(16);
        for (int i = 1; i < rows.size(); ++i) {
            const QList<QByteArray> cells = rows.at(i).trimmed().split(',');
            QCOMPARE(cells.size(), 13);
            QCOMPARE(cells.at(0).toInt(), (i - 1) / 24);
            QCOMPARE(cells.at(1).toInt(), (i - 1) % 24);
            for (const QByteArray &cell : cells) {
                bool ok = false;
                QVERIFY2(std::isfinite(cell.toDouble(&ok)) && ok, cell.constData());
            }
            prices[(i - 1) / 24] << cells.at(3).toDouble();
        }
        // Prices are positive and move step to step, and not by one constant factor (a ramp).
        for (const QVector<double> &series : std::as_const(prices)) {
            QSet<double> ratios;
            int moves = 0;
            for (int t = 1; t < series.size(); ++t) {
                QVERIFY(series.at(t) > 0);
                moves += series.at(t) != series.at(t - 1);
                ratios << std::round(series.at(t) / series.at(t - 1) * 1e9) / 1e9;
            }
            QVERIFY2(moves >= 12, "the price moves at most steps");
            QVERIFY2(ratios.size() >= 6, "the steps are not one constant ratio (a ramp)");
        }
    }

    void validatesAgainstTheRealCsv()
    {
        const QString csv = path(QStringLiteral("synthetic.csv"));
        QVERIFY2(QFile::exists(csv), "generatesSequencesThatAreNotRamps ran first");
        const QString reportFile = path(QStringLiteral("report.txt"));
        const ProcessResult r = run({QStringLiteral("gan"), QStringLiteral("validate"), QStringLiteral("--real"), dataPath(),
                                     QStringLiteral("--synthetic"), csv, QStringLiteral("--report"), reportFile,
                                     QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        bool allJson = false;
        const QList<QJsonObject> lines = jsonLines(r.out, &allJson);
        QVERIFY(allJson);
        QCOMPARE(lines.size(), 1);
        const QJsonObject report = lines.first();
        QVERIFY2(kGrades.contains(report.value(QStringLiteral("overall_grade")).toString()), r.out.constData());
        QCOMPARE(report.value(QStringLiteral("synthetic_sequences")).toInt(), 16);
        // Sliding windows of the processed real swaps: one per row but the last 23.
        QVERIFY(report.value(QStringLiteral("real_sequences")).toInt() > 7900);
        QVERIFY(report.value(QStringLiteral("real_sequences")).toInt() <= 8000 - 23);
        QCOMPARE(report.value(QStringLiteral("steps")).toInt(), 24);
        const QJsonArray features = report.value(QStringLiteral("features")).toArray();
        QCOMPARE(features.size(), 10);
        for (int i = 0; i < features.size(); ++i) {
            const QJsonObject f = features.at(i).toObject();
            QCOMPARE(f.value(QStringLiteral("name")).toString(), kFeatures.at(i));
            QVERIFY(kGrades.contains(f.value(QStringLiteral("grade")).toString()));
            const double ks = f.value(QStringLiteral("ks")).toDouble(-1);
            QVERIFY(ks >= 0 && ks <= 1);
        }
        const QJsonArray autocorrelation = report.value(QStringLiteral("autocorrelation")).toArray();
        QCOMPARE(autocorrelation.size(), 10);
        for (const QJsonValue &a : autocorrelation) {
            QVERIFY(kGrades.contains(a.toObject().value(QStringLiteral("grade")).toString()));
            QCOMPARE(a.toObject().value(QStringLiteral("real")).toArray().size(), 10);
        }
        QVERIFY(QFileInfo(reportFile).size() > 0);

        // The synthetic file against itself: identical distributions, every KS 0, overall excellent.
        const ProcessResult self = run({QStringLiteral("gan"), QStringLiteral("validate"), QStringLiteral("--real"), csv,
                                        QStringLiteral("--synthetic"), csv, QStringLiteral("--json")});
        QVERIFY2(self.exitCode == 0, self.err.constData());
        const QJsonObject same = jsonLines(self.out, &allJson).first();
        QCOMPARE(same.value(QStringLiteral("overall_grade")).toString(), QStringLiteral("excellent"));
        QCOMPARE(same.value(QStringLiteral("average_ks")).toDouble(-1), 0.0);

        // Text mode prints the readable report with the grades.
        const ProcessResult text = run({QStringLiteral("gan"), QStringLiteral("validate"), QStringLiteral("--real"), dataPath(),
                                        QStringLiteral("--synthetic"), csv});
        QCOMPARE(text.exitCode, 0);
        QVERIFY2(text.out.contains("price"), text.out.constData());
    }

    void badOptionsAndFailuresAreOneLine()
    {
        struct Case
        {
            QStringList args;
            int exitCode;
            const char *says;
        };
        const QString data = dataPath();
        const QString fresh = path(QStringLiteral("never-created"));
        const QString existingRun = path(QStringLiteral("run-one"));
        const QString g = QStringLiteral("gan");
        const QString train = QStringLiteral("train");
        const QList<Case> cases{
            {{g}, 2, "subcommand"},
            {{g, QStringLiteral("frobnicate")}, 2, "unknown subcommand"},
            {{g, train, QStringLiteral("--preset"), QStringLiteral("quick"), QStringLiteral("--run"), fresh}, 2, "--data"},
            {{g, train, QStringLiteral("--data"), data, QStringLiteral("--db"), path(QStringLiteral("x.sqlite")),
              QStringLiteral("--preset"), QStringLiteral("quick"), QStringLiteral("--run"), fresh}, 2, "exactly one"},
            {{g, train, QStringLiteral("--data"), data, QStringLiteral("--preset"), QStringLiteral("medium"),
              QStringLiteral("--run"), fresh}, 2, "--preset"},
            {{g, train, QStringLiteral("--data"), data, QStringLiteral("--run"), fresh}, 2, "--preset"},
            {{g, train, QStringLiteral("--data"), data, QStringLiteral("--preset"), QStringLiteral("quick")}, 2, "--run"},
            {{g, train, QStringLiteral("--data"), data, QStringLiteral("--preset"), QStringLiteral("quick"),
              QStringLiteral("--run"), fresh, QStringLiteral("--epochs"), QStringLiteral("0")}, 2, "--epochs"},
            {{g, train, QStringLiteral("--data"), data, QStringLiteral("--preset"), QStringLiteral("quick"),
              QStringLiteral("--run"), fresh, QStringLiteral("--epochs"), QStringLiteral("many")}, 2, "--epochs"},
            {{g, train, QStringLiteral("--data"), data, QStringLiteral("--preset"), QStringLiteral("quick"),
              QStringLiteral("--run"), fresh, QStringLiteral("--seed"), QStringLiteral("-1")}, 2, "--seed"},
            {{g, train, QStringLiteral("--data"), data, QStringLiteral("--chain"), QStringLiteral("8453"),
              QStringLiteral("--preset"), QStringLiteral("quick"), QStringLiteral("--run"), fresh}, 2, "--db"},
            {{g, train, QStringLiteral("--data"), data, QStringLiteral("--preset"), QStringLiteral("quick"),
              QStringLiteral("--run"), fresh, QStringLiteral("--bogus")}, 2, "--bogus"},
            {{g, train, QStringLiteral("--data"), data, QStringLiteral("--preset"), QStringLiteral("quick"),
              QStringLiteral("--run"), fresh, QStringLiteral("stray")}, 2, "stray"},
            {{g, train, QStringLiteral("--data"), data, QStringLiteral("--preset"), QStringLiteral("quick"),
              QStringLiteral("--run"), fresh, QStringLiteral("--threads"), QStringLiteral("-2")}, 2, "--threads"},
            {{g, QStringLiteral("resume")}, 2, "--run"},
            {{g, QStringLiteral("generate"), QStringLiteral("--run"), existingRun, QStringLiteral("--out"),
              path(QStringLiteral("g.csv"))}, 2, "--sequences"},
            {{g, QStringLiteral("generate"), QStringLiteral("--run"), existingRun, QStringLiteral("--sequences"),
              QStringLiteral("0"), QStringLiteral("--out"), path(QStringLiteral("g.csv"))}, 2, "--sequences"},
            {{g, QStringLiteral("generate"), QStringLiteral("--run"), existingRun, QStringLiteral("--sequences"),
              QStringLiteral("4")}, 2, "--out"},
            {{g, QStringLiteral("validate"), QStringLiteral("--real"), data}, 2, "--synthetic"},
            // Failures: exit 1.
            {{g, train, QStringLiteral("--data"), path(QStringLiteral("absent.csv")), QStringLiteral("--preset"),
              QStringLiteral("quick"), QStringLiteral("--run"), fresh}, 1, "absent.csv"},
            {{g, train, QStringLiteral("--db"), path(QStringLiteral("absent.sqlite")), QStringLiteral("--preset"),
              QStringLiteral("quick"), QStringLiteral("--run"), fresh}, 1, "absent.sqlite"},
            {{g, QStringLiteral("resume"), QStringLiteral("--run"), fresh}, 1, "never-created"},
            {{g, QStringLiteral("generate"), QStringLiteral("--run"), fresh, QStringLiteral("--sequences"), QStringLiteral("4"),
              QStringLiteral("--out"), path(QStringLiteral("g.csv"))}, 1, "never-created"},
            {{g, QStringLiteral("validate"), QStringLiteral("--real"), path(QStringLiteral("absent.csv")),
              QStringLiteral("--synthetic"), data}, 1, "absent.csv"},
            // The raw swap CSV is not in the synthetic format.
            {{g, QStringLiteral("validate"), QStringLiteral("--real"), data, QStringLiteral("--synthetic"), data}, 1, "sequence_id"},
        };
        for (const Case &c : cases) {
            const ProcessResult r = run(c.args);
            const QString what = c.args.join(QLatin1Char(' ')) + QStringLiteral(" -> ") + QString::fromUtf8(r.err);
            QVERIFY2(r.exitCode == c.exitCode, qPrintable(what));
            QVERIFY2(oneLine(r.err), qPrintable(what));
            QVERIFY2(r.err.contains(c.says), qPrintable(what));
            QVERIFY2(r.out.isEmpty(), qPrintable(what));
        }
        QVERIFY2(!QFileInfo::exists(fresh), "no failed command created the run folder");
        QVERIFY(!QFileInfo::exists(path(QStringLiteral("g.csv"))));
    }
};

QTEST_GUILESS_MAIN(TestCliGan)
#include "test_cli_gan.moc"
