// apedesk-cli rl in a private HOME, on a synthetic noisy-sine market written here (GAN synthetic CSV
// format) and on the real BASE swaps through a swap store: a short training prints one JSON line per
// logged step and a summary, and leaves config, metrics, episodes and checkpoints in its run folder;
// `rl eval --json` is one object with policy, buy_and_hold and random (total_return, sharpe,
// max_drawdown, trades, fees each) and the text mode a table; `rl export` writes the dataset files
// whose line counts match the report's class counts; SIGTERM mid-training ends cleanly with a
// checkpoint and `rl resume` continues it to the planned end with every logged step once; bad options
// are one line with exit 2, failures one line with exit 1, touching no existing run.

#include "processrunner.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <csignal>
#include <cmath>
#include <random>

namespace {

QString swapsCsv() { return qEnvironmentVariable("APEDESK_SHARED_DIR") + QStringLiteral("/data/base_eth_usdc_swaps.csv"); }

// 16 sequences of 120 steps of a noisy sine (period 24 steps).
bool writeSineCsv(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        return false;
    std::mt19937_64 rng(3);
    std::normal_distribution<double> noise(0.0, 1.0);
    QByteArray out("sequence_id,step,timestamp,price,volume,volatility\n");
    for (int s = 0; s < 16; ++s) {
        double previous = 0;
        for (int t = 0; t < 120; ++t) {
            const double price = 3000 + 40 * std::sin(2 * M_PI * (t + 7 * s) / 24.0) + 2 * noise(rng);
            const double volume = 800 + 300 * std::abs(std::cos(2 * M_PI * t / 24.0));
            const double volatility = t == 0 ? 0.001 : std::abs(price - previous) / previous;
            previous = price;
            out += QByteArray::number(s) + ',' + QByteArray::number(t) + ',' + QByteArray::number(1700000000 + 12 * (s * 120 + t))
                + ',' + QByteArray::number(price, 'f', 4) + ',' + QByteArray::number(volume, 'f', 3) + ','
                + QByteArray::number(volatility, 'g', 8) + '\n';
        }
    }
    return file.write(out) == out.size();
}

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

int lineCount(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    return int(file.readAll().trimmed().split('\n').size());
}

} // namespace

// The trainings run on one libtorch thread: the figures here are about behaviour, not speed
// (bench_rl measures that), and other tests share the machine.
class TestCliRl : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_home;
    QString m_cli = qEnvironmentVariable("APEDESK_CLI");
    static constexpr int kLogEvery = 100;

    ProcessResult run(const QStringList &args, int timeoutMs = 120000)
    {
        return runProcess(m_cli, args, isolatedEnvironment(m_home), timeoutMs);
    }
    QString path(const QString &name) const { return m_home.filePath(name); }
    QString sineCsv() const { return path(QStringLiteral("sine.csv")); }

    QStringList trainArgs(const QString &runDir, qint64 timesteps) const
    {
        return {QStringLiteral("rl"), QStringLiteral("train"), QStringLiteral("--data"), sineCsv(), QStringLiteral("--timesteps"),
                QString::number(timesteps), QStringLiteral("--seed"), QStringLiteral("3"), QStringLiteral("--threads"),
                QStringLiteral("1"), QStringLiteral("--log-every"), QString::number(kLogEvery), QStringLiteral("--run"), runDir,
                QStringLiteral("--json")};
    }

    // Step lines: on the log grid, ascending, ε in [0.1, 1].
    static void verifySteps(const QList<QJsonObject> &steps)
    {
        QVERIFY(!steps.isEmpty());
        qint64 previous = 0;
        for (const QJsonObject &s : steps) {
            const qint64 step = s.value(QStringLiteral("step")).toInteger(-1);
            QVERIFY2(step > previous, qPrintable(QStringLiteral("step %1 after %2").arg(step).arg(previous)));
            QCOMPARE(step % kLogEvery, qint64(0));
            previous = step;
            const double epsilon = s.value(QStringLiteral("epsilon")).toDouble(-1);
            QVERIFY(epsilon >= 0.1 && epsilon <= 1.0);
            QVERIFY(s.value(QStringLiteral("episodes")).isDouble());
            for (const char *key : {"loss", "episode_reward", "mean_episode_reward", "mean_q"}) {
                const QJsonValue v = s.value(QLatin1String(key));
                QVERIFY2(v.isNull() || (v.isDouble() && std::isfinite(v.toDouble())), key);
            }
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(m_cli), "APEDESK_CLI points at the built apedesk-cli");
        QVERIFY(m_home.isValid());
        QVERIFY(writeSineCsv(sineCsv()));
    }

    void trainsAShortRun()
    {
        const QString runDir = path(QStringLiteral("run-one"));
        const ProcessResult r = run(trainArgs(runDir, 3000), 300000);
        QVERIFY2(r.finished, "the training ended in time");
        QVERIFY2(r.exitCode == 0, r.err.constData());
        bool allJson = false;
        const QList<QJsonObject> lines = jsonLines(r.out, &allJson);
        QVERIFY2(allJson, r.out.constData());
        const QList<QJsonObject> steps = events(lines, QStringLiteral("step"));
        verifySteps(steps);
        QCOMPARE(steps.size(), 3000 / kLogEvery);
        // Past the learning start (1,000 steps) the rows carry a loss.
        QVERIFY(steps.last().value(QStringLiteral("loss")).isDouble());
        QCOMPARE(steps.last().value(QStringLiteral("epsilon")).toDouble(), 0.1);

        const QJsonObject summary = lines.last();
        QCOMPARE(summary.value(QStringLiteral("event")).toString(), QStringLiteral("summary"));
        QCOMPARE(summary.value(QStringLiteral("end")).toString(), QStringLiteral("finished"));
        QCOMPARE(summary.value(QStringLiteral("interrupted")).toBool(), false);
        QCOMPARE(summary.value(QStringLiteral("step")).toInteger(), qint64(3000));
        QCOMPARE(summary.value(QStringLiteral("steps")).toInteger(), qint64(3000));
        QCOMPARE(summary.value(QStringLiteral("timesteps")).toInteger(), qint64(3000));
        QVERIFY(summary.value(QStringLiteral("episodes")).toInt() > 0);

        // The run folder: config, metrics rows, episodes and both checkpoints.
        QDir dir(runDir);
        for (const char *file : {"config.json", "metrics.csv", "metrics.jsonl", "episodes.csv", "checkpoints/last.pt",
                                 "checkpoints/final.pt"})
            QVERIFY2(dir.exists(QLatin1String(file)), file);
        QCOMPARE(lineCount(dir.filePath(QStringLiteral("metrics.jsonl"))), 3000 / kLogEvery);

        // Text mode with --progress prints readable lines, not JSON.
        const ProcessResult text = run({QStringLiteral("rl"), QStringLiteral("train"), QStringLiteral("--data"), sineCsv(),
                                        QStringLiteral("--timesteps"), QStringLiteral("300"), QStringLiteral("--threads"),
                                        QStringLiteral("1"), QStringLiteral("--run"), path(QStringLiteral("run-text")),
                                        QStringLiteral("--progress")},
                                       120000);
        QVERIFY2(text.exitCode == 0, text.err.constData());
        QVERIFY2(text.out.contains("step 300") && text.out.contains("end: finished"), text.out.constData());
    }

    void evaluatesAgainstTheBaselines()
    {
        const QString runDir = path(QStringLiteral("run-one"));
        QVERIFY2(QFileInfo(runDir).isDir(), "trainsAShortRun ran first");
        const ProcessResult r = run({QStringLiteral("rl"), QStringLiteral("eval"), QStringLiteral("--run"), runDir, QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        bool allJson = false;
        const QList<QJsonObject> lines = jsonLines(r.out, &allJson);
        QVERIFY2(allJson, r.out.constData());
        QCOMPARE(lines.size(), 1);
        const QJsonObject evaluation = lines.first();
        for (const char *policy : {"policy", "buy_and_hold", "random"}) {
            const QJsonObject o = evaluation.value(QLatin1String(policy)).toObject();
            for (const char *field : {"total_return", "sharpe", "max_drawdown", "trades", "fees"})
                QVERIFY2(o.value(QLatin1String(field)).isDouble(), qPrintable(QStringLiteral("%1.%2").arg(policy, field)));
            QVERIFY(o.value(QStringLiteral("max_drawdown")).toDouble() >= 0);
            QVERIFY(o.value(QStringLiteral("fees")).toDouble() >= 0);
            QVERIFY(!o.contains(QStringLiteral("equity")));   // one line, not the curves
        }
        // The held-out range: the last 3 of 16 sequences (trainFraction 0.8).
        QCOMPARE(evaluation.value(QStringLiteral("sequences")).toInt(), 3);
        QVERIFY(evaluation.value(QStringLiteral("steps")).toInt() > 0);
        QVERIFY(!evaluation.value(QStringLiteral("description")).toString().isEmpty());
        // Buy-and-hold buys once per sequence and pays a fee for it.
        const QJsonObject hold = evaluation.value(QStringLiteral("buy_and_hold")).toObject();
        QCOMPARE(hold.value(QStringLiteral("trades")).toInt(), 3);
        QVERIFY(hold.value(QStringLiteral("fees")).toDouble() > 0);
        QVERIFY(QFileInfo::exists(QDir(runDir).filePath(QStringLiteral("evaluation.json"))));

        // Text mode: a small table, one row per policy.
        const ProcessResult text = run({QStringLiteral("rl"), QStringLiteral("eval"), QStringLiteral("--run"), runDir});
        QVERIFY2(text.exitCode == 0, text.err.constData());
        for (const char *row : {"DQN policy", "buy and hold", "random", "total return", "max drawdown"})
            QVERIFY2(text.out.contains(row), text.out.constData());

        // Other data than the run trained on: the same file named explicitly gives the same figures.
        const ProcessResult other = run({QStringLiteral("rl"), QStringLiteral("eval"), QStringLiteral("--run"), runDir,
                                         QStringLiteral("--data"), sineCsv(), QStringLiteral("--json")});
        QVERIFY2(other.exitCode == 0, other.err.constData());
        QCOMPARE(jsonLines(other.out, &allJson).first().value(QStringLiteral("policy")), evaluation.value(QStringLiteral("policy")));
    }

    void exportsTheDistillationDataset()
    {
        const QString runDir = path(QStringLiteral("run-one"));
        QVERIFY2(QFileInfo(runDir).isDir(), "trainsAShortRun ran first");
        QVERIFY(QDir().mkpath(path(QStringLiteral("out"))));
        const QString out = path(QStringLiteral("out/dqn.jsonl"));
        const ProcessResult r = run({QStringLiteral("rl"), QStringLiteral("export"), QStringLiteral("--run"), runDir,
                                     QStringLiteral("--out"), out, QStringLiteral("--episodes"), QStringLiteral("5"),
                                     QStringLiteral("--steps"), QStringLiteral("12"), QStringLiteral("--seed"), QStringLiteral("9"),
                                     QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        bool allJson = false;
        const QList<QJsonObject> lines = jsonLines(r.out, &allJson);
        QVERIFY2(allJson && lines.size() == 1, r.out.constData());
        const QJsonObject report = lines.first();
        QCOMPARE(report.value(QStringLiteral("episodes")).toInt(), 5);
        const int examples = report.value(QStringLiteral("examples")).toInt();
        QVERIFY(examples > 0 && examples <= 60);
        int counted = 0;
        double shares = 0;
        const QJsonObject actions = report.value(QStringLiteral("actions")).toObject();
        for (const char *action : {"HOLD", "BUY", "SELL"}) {
            const QJsonObject a = actions.value(QLatin1String(action)).toObject();
            counted += a.value(QStringLiteral("count")).toInt();
            shares += a.value(QStringLiteral("share")).toDouble();
        }
        QCOMPARE(counted, examples);
        QVERIFY(std::abs(shares - 1.0) < 1e-9);
        // One line per example in the dataset, its chat twin and its states.
        const QJsonObject files = report.value(QStringLiteral("files")).toObject();
        QCOMPARE(files.value(QStringLiteral("jsonl")).toString(), out);
        for (const char *file : {"jsonl", "chat", "states"})
            QCOMPARE(lineCount(files.value(QLatin1String(file)).toString()), examples);
        QVERIFY(QFileInfo::exists(files.value(QStringLiteral("report")).toString()));
        QFile jsonl(out);
        QVERIFY(jsonl.open(QIODevice::ReadOnly));
        const QJsonObject first = QJsonDocument::fromJson(jsonl.readLine()).object();
        QVERIFY(!first.value(QStringLiteral("prompt")).toString().isEmpty());
        QVERIFY2(first.value(QStringLiteral("completion")).toString().contains(QLatin1String("RECOMMENDATION: APE ")),
                 qPrintable(first.value(QStringLiteral("completion")).toString()));

        // Text mode prints the class balance.
        const ProcessResult text = run({QStringLiteral("rl"), QStringLiteral("export"), QStringLiteral("--run"), runDir,
                                        QStringLiteral("--out"), path(QStringLiteral("out/text.jsonl")), QStringLiteral("--episodes"),
                                        QStringLiteral("2"), QStringLiteral("--steps"), QStringLiteral("5")});
        QVERIFY2(text.exitCode == 0, text.err.constData());
        for (const char *word : {"HOLD", "BUY", "SELL", "examples"})
            QVERIFY2(text.out.contains(word), text.out.constData());
    }

    void trainsFromASwapStore()
    {
        QVERIFY2(QFile::exists(swapsCsv()), qPrintable(swapsCsv()));
        const QString db = path(QStringLiteral("swaps.sqlite"));
        const ProcessResult imported = run({QStringLiteral("data"), QStringLiteral("import-csv"), swapsCsv(), QStringLiteral("--db"), db});
        QVERIFY2(imported.exitCode == 0, imported.err.constData());
        const QString runDir = path(QStringLiteral("run-store"));
        const ProcessResult r = run({QStringLiteral("rl"), QStringLiteral("train"), QStringLiteral("--db"), db, QStringLiteral("--chain"),
                                     QStringLiteral("8453"), QStringLiteral("--timesteps"), QStringLiteral("500"),
                                     QStringLiteral("--threads"), QStringLiteral("1"), QStringLiteral("--run"), runDir,
                                     QStringLiteral("--json")},
                                    300000);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        bool allJson = false;
        const QList<QJsonObject> lines = jsonLines(r.out, &allJson);
        QVERIFY(allJson);
        QCOMPARE(lines.last().value(QStringLiteral("end")).toString(), QStringLiteral("finished"));
        QCOMPARE(lines.last().value(QStringLiteral("step")).toInteger(), qint64(500));
        QFile configFile(QDir(runDir).filePath(QStringLiteral("config.json")));
        QVERIFY(configFile.open(QIODevice::ReadOnly));
        const QByteArray config = configFile.readAll();
        QVERIFY2(config.contains("\"store\"") && config.contains("8453") && config.contains(QFileInfo(db).absoluteFilePath().toUtf8()),
                 config.constData());
        // Evaluation rebuilds the series from the store the run names.
        const ProcessResult evaluated = run({QStringLiteral("rl"), QStringLiteral("eval"), QStringLiteral("--run"), runDir,
                                             QStringLiteral("--json")});
        QVERIFY2(evaluated.exitCode == 0, evaluated.err.constData());
        QCOMPARE(jsonLines(evaluated.out, &allJson).first().value(QStringLiteral("sequences")).toInt(), 1);

        // A pool the store does not hold is a usage error that lists what it does hold.
        const ProcessResult none = run({QStringLiteral("rl"), QStringLiteral("train"), QStringLiteral("--db"), db, QStringLiteral("--chain"),
                                        QStringLiteral("1"), QStringLiteral("--timesteps"), QStringLiteral("100"), QStringLiteral("--run"),
                                        path(QStringLiteral("never-created"))});
        QCOMPARE(none.exitCode, 2);
        QVERIFY2(oneLine(none.err) && none.err.contains("--chain 8453 --pool-id 0x"), none.err.constData());
        QVERIFY(!QFileInfo::exists(path(QStringLiteral("never-created"))));
    }

    void sigtermLeavesAResumableCheckpoint()
    {
        const qint64 timesteps = 20000;
        const QString runDir = path(QStringLiteral("run-stopped"));
        QProcess process;
        QProcessEnvironment env = isolatedEnvironment(m_home);
        env.remove(QStringLiteral("OMP_WAIT_POLICY"));   // the trainer sets it for itself (app/openmpwait.h)
        process.setProcessEnvironment(env);
        process.start(m_cli, trainArgs(runDir, timesteps));
        QVERIFY(process.waitForStarted(10000));
        // Wait for the first logged step, then terminate like a service manager would.
        QByteArray out;
        QElapsedTimer clock;
        clock.start();
        while (!out.contains("\"event\":\"step\"") && clock.elapsed() < 120000 && process.state() == QProcess::Running) {
            process.waitForReadyRead(1000);
            out += process.readAllStandardOutput();
        }
        QVERIFY2(out.contains("\"event\":\"step\""), process.readAllStandardError().constData());
        // The training restarted itself (same pid, same name) with OpenMP's waiting threads asleep.
        QFile environ(QStringLiteral("/proc/%1/environ").arg(process.processId()));
        QVERIFY(environ.open(QIODevice::ReadOnly));
        QVERIFY2(environ.readAll().split('\0').contains("OMP_WAIT_POLICY=PASSIVE"), "OMP_WAIT_POLICY=PASSIVE");
        QFile comm(QStringLiteral("/proc/%1/comm").arg(process.processId()));
        QVERIFY(comm.open(QIODevice::ReadOnly));
        QCOMPARE(comm.readAll().trimmed(), QByteArray("apedesk-cli"));
        QCOMPARE(::kill(pid_t(process.processId()), SIGTERM), 0);
        QVERIFY(process.waitForFinished(120000));
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
        QVERIFY(stoppedAt > 0);
        QVERIFY2(stoppedAt < timesteps, "the signal came before the end");
        const qint64 lastLogged = events(before, QStringLiteral("step")).last().value(QStringLiteral("step")).toInteger();
        QVERIFY(QFileInfo::exists(QDir(runDir).filePath(QStringLiteral("checkpoints/last.pt"))));
        QVERIFY(!QFileInfo::exists(QDir(runDir).filePath(QStringLiteral("checkpoints/final.pt"))));

        // A second start into the same folder is refused and leaves the run as it was.
        QFile config(QDir(runDir).filePath(QStringLiteral("config.json")));
        QVERIFY(config.open(QIODevice::ReadOnly));
        const QByteArray configBytes = config.readAll();
        config.close();
        const ProcessResult again = run(trainArgs(runDir, timesteps));
        QVERIFY2(again.exitCode == 1 || again.exitCode == 2, again.err.constData());
        QVERIFY2(oneLine(again.err), again.err.constData());
        QVERIFY(config.open(QIODevice::ReadOnly));
        QCOMPARE(config.readAll(), configBytes);
        config.close();

        // Resume: continues after the last step done and runs to the planned end.
        const ProcessResult resumed = run({QStringLiteral("rl"), QStringLiteral("resume"), QStringLiteral("--run"), runDir,
                                           QStringLiteral("--json")},
                                          600000);
        QVERIFY2(resumed.finished, "the resumed training ended in time");
        QVERIFY2(resumed.exitCode == 0, resumed.err.constData());
        const QList<QJsonObject> after = jsonLines(resumed.out, &allJson);
        QVERIFY2(allJson, resumed.out.constData());
        const QList<QJsonObject> resumedSteps = events(after, QStringLiteral("step"));
        verifySteps(resumedSteps);
        const qint64 firstResumed = resumedSteps.first().value(QStringLiteral("step")).toInteger();
        QVERIFY2(firstResumed > lastLogged && firstResumed <= stoppedAt + kLogEvery,
                 qPrintable(QStringLiteral("resumed at %1, stopped at %2, last logged %3").arg(firstResumed).arg(stoppedAt).arg(lastLogged)));
        const QJsonObject finished = after.last();
        QCOMPARE(finished.value(QStringLiteral("end")).toString(), QStringLiteral("finished"));
        QCOMPARE(finished.value(QStringLiteral("step")).toInteger(), timesteps);
        QCOMPARE(finished.value(QStringLiteral("steps")).toInteger(), timesteps - stoppedAt);
        QVERIFY(QFileInfo::exists(QDir(runDir).filePath(QStringLiteral("checkpoints/final.pt"))));
        // The metrics file holds each logged step once: the rows of both sessions, none repeated.
        QFile metrics(QDir(runDir).filePath(QStringLiteral("metrics.jsonl")));
        QVERIFY(metrics.open(QIODevice::ReadOnly));
        qint64 previous = 0;
        for (const QByteArray &line : metrics.readAll().trimmed().split('\n')) {
            const qint64 step = QJsonDocument::fromJson(line).object().value(QStringLiteral("step")).toInteger();
            QVERIFY2(step == previous + kLogEvery, qPrintable(QStringLiteral("metrics row for step %1 after %2").arg(step).arg(previous)));
            previous = step;
        }
        QCOMPARE(previous, timesteps);
    }

    void badOptionsAndFailuresAreOneLine()
    {
        struct Case
        {
            QStringList args;
            int exitCode;
            const char *says;
        };
        const QString data = sineCsv();
        const QString fresh = path(QStringLiteral("never-created"));
        const QString existingRun = path(QStringLiteral("run-one"));
        const QString out = path(QStringLiteral("never.jsonl"));
        const QString rl = QStringLiteral("rl");
        const QString train = QStringLiteral("train");
        const QString steps = QStringLiteral("--timesteps");
        const QString runOption = QStringLiteral("--run");
        const QList<Case> cases{
            {{rl}, 2, "subcommand"},
            {{rl, QStringLiteral("frobnicate")}, 2, "unknown subcommand"},
            {{rl, train, steps, QStringLiteral("100"), runOption, fresh}, 2, "--data"},
            {{rl, train, QStringLiteral("--data"), data, QStringLiteral("--db"), path(QStringLiteral("x.sqlite")), steps,
              QStringLiteral("100"), runOption, fresh}, 2, "exactly one"},
            {{rl, train, QStringLiteral("--data"), data, runOption, fresh}, 2, "--timesteps"},
            {{rl, train, QStringLiteral("--data"), data, steps, QStringLiteral("100")}, 2, "--run"},
            {{rl, train, QStringLiteral("--data"), data, steps, QStringLiteral("0"), runOption, fresh}, 2, "--timesteps"},
            {{rl, train, QStringLiteral("--data"), data, steps, QStringLiteral("many"), runOption, fresh}, 2, "--timesteps"},
            {{rl, train, QStringLiteral("--data"), data, steps, QStringLiteral("100"), runOption, fresh, QStringLiteral("--seed"),
              QStringLiteral("-1")}, 2, "--seed"},
            {{rl, train, QStringLiteral("--data"), data, QStringLiteral("--chain"), QStringLiteral("8453"), steps,
              QStringLiteral("100"), runOption, fresh}, 2, "--db"},
            {{rl, train, QStringLiteral("--data"), data, steps, QStringLiteral("100"), runOption, fresh, QStringLiteral("--bogus")},
             2, "--bogus"},
            {{rl, train, QStringLiteral("--data"), data, steps, QStringLiteral("100"), runOption, fresh, QStringLiteral("stray")},
             2, "stray"},
            {{rl, train, QStringLiteral("--data"), data, steps, QStringLiteral("100"), runOption, fresh, QStringLiteral("--threads"),
              QStringLiteral("-2")}, 2, "--threads"},
            {{rl, train, QStringLiteral("--data"), data, steps, QStringLiteral("100"), runOption, fresh,
              QStringLiteral("--log-every"), QStringLiteral("0")}, 2, "--log-every"},
            {{rl, QStringLiteral("resume")}, 2, "--run"},
            {{rl, QStringLiteral("eval")}, 2, "--run"},
            {{rl, QStringLiteral("eval"), runOption, existingRun, QStringLiteral("--chain"), QStringLiteral("8453")}, 2, "--db"},
            {{rl, QStringLiteral("export"), runOption, existingRun}, 2, "--out"},
            {{rl, QStringLiteral("export"), QStringLiteral("--out"), out}, 2, "--run"},
            {{rl, QStringLiteral("export"), runOption, existingRun, QStringLiteral("--out"), out, QStringLiteral("--episodes"),
              QStringLiteral("0")}, 2, "--episodes"},
            // Failures: exit 1.
            {{rl, train, QStringLiteral("--data"), path(QStringLiteral("absent.csv")), steps, QStringLiteral("100"), runOption, fresh},
             1, "absent.csv"},
            {{rl, train, QStringLiteral("--db"), path(QStringLiteral("absent.sqlite")), steps, QStringLiteral("100"), runOption, fresh},
             1, "absent.sqlite"},
            {{rl, QStringLiteral("resume"), runOption, fresh}, 1, "never-created"},
            {{rl, QStringLiteral("eval"), runOption, fresh}, 1, "never-created"},
            {{rl, QStringLiteral("export"), runOption, fresh, QStringLiteral("--out"), out}, 1, "never-created"},
            // A folder that is not a trader run.
            {{rl, QStringLiteral("eval"), runOption, path(QStringLiteral("out"))}, 1, "config.json"},
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
        QVERIFY(!QFileInfo::exists(out));
    }
};

QTEST_GUILESS_MAIN(TestCliRl)
#include "test_cli_rl.moc"
