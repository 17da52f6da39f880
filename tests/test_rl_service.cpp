// The training service's DQN trader API, on its own thread, on a synthetic noisy-sine market written
// here in the GAN's synthetic CSV format: a training publishes its state (preparing, training,
// stopping, idle), metrics rows in step order with ε falling and a finite loss once learning starts,
// and progress with steps/s; a second start while one runs is refused in words and touches nothing;
// stop saves a checkpoint and answers rlFinished(Stopped); resume continues from the saved step;
// a short run trains to its end (final checkpoint); evaluateRl answers the three policies' figures
// and equity curves, exportRl the class-balance report with its files; a bad data path, a missing run
// and a training canceled or stopped before it ran all answer with a clear error and free the slot.

#include "common/settings.h"
#include "core.h"
#include "trainingservice.h"

#include "queuedspy.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <random>

using namespace apedesk;
using namespace apedesk::ml;

namespace {

// 16 sequences of 120 steps: a sine of period 24 steps with noise, so the windows have something to
// learn; volume and volatility move with it.
bool writeSineCsv(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        return false;
    std::mt19937_64 rng(11);
    std::normal_distribution<double> noise(0.0, 1.0);
    QByteArray out("sequence_id,step,timestamp,price,volume,volatility\n");
    for (int s = 0; s < 16; ++s) {
        double previous = 0;
        for (int t = 0; t < 120; ++t) {
            const double price = 3000 + 40 * std::sin(2 * M_PI * (t + 7 * s) / 24.0) + 2 * noise(rng);
            const double volume = 800 + 300 * std::abs(std::cos(2 * M_PI * t / 24.0)) + 20 * std::abs(noise(rng));
            const double volatility = t == 0 ? 0.001 : std::abs(price - previous) / previous;
            previous = price;
            out += QByteArray::number(s) + ',' + QByteArray::number(t) + ',' + QByteArray::number(1700000000 + 12 * (s * 120 + t))
                + ',' + QByteArray::number(price, 'f', 4) + ',' + QByteArray::number(volume, 'f', 3) + ','
                + QByteArray::number(volatility, 'g', 8) + '\n';
        }
    }
    return file.write(out) == out.size();
}

QList<RlTrainingState::Phase> phases(const QueuedSpy &spy)
{
    QList<RlTrainingState::Phase> list;
    for (const QVariantList &args : spy)
        list << args.at(0).value<RlTrainingState>().phase;
    return list;
}

bool waitForPhase(const QueuedSpy &spy, RlTrainingState::Phase phase, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (!phases(spy).contains(phase) && timer.elapsed() < timeoutMs)
        QTest::qWait(10);
    return phases(spy).contains(phase);
}

const QStringList kPolicyFields{QStringLiteral("total_return"), QStringLiteral("sharpe"), QStringLiteral("max_drawdown"),
                                QStringLiteral("trades"), QStringLiteral("fees")};

} // namespace

class TestRlService : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<Core> m_core;
    TrainingService *m_training = nullptr;
    qint64 m_stoppedAt = 0;
    static constexpr int kLogEvery = 10;
    static constexpr qint64 kLongRun = 5000000;   // never reached: these runs are stopped

    QString path(const QString &name) const { return m_dir.filePath(name); }
    QString csv() const { return path(QStringLiteral("sine.csv")); }

    DqnTrainingConfig config(qint64 timesteps) const
    {
        DqnTrainingConfig c;
        c.dqn.timesteps = timesteps;
        c.dqn.learningStarts = 200;   // a loss within the first second
        c.dqn.seed = 5;
        c.logEverySteps = kLogEvery;
        c.checkpointEverySteps = 1000000;
        c.dataKind = QStringLiteral("csv");
        c.dataSource = csv();
        // One libtorch thread: every core spin-waits in OpenMP while other tests share the machine.
        c.threads = 1;
        return c;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(writeSineCsv(csv()));
        m_settings = std::make_unique<Settings>(path(QStringLiteral("settings.ini")));
        m_core = std::make_unique<Core>(m_settings.get());
        m_training = addTrainingService(*m_core);
        QTRY_VERIFY_WITH_TIMEOUT(m_training->runtime().has_value(), 10000);
    }

    void cleanupTestCase() { QVERIFY(m_core->shutdown(10000)); }

    void trainsRefusesASecondStartAndStops()
    {
        QueuedSpy states(m_training, &TrainingService::rlStateChanged);
        QueuedSpy metrics(m_training, &TrainingService::rlMetrics);
        QueuedSpy progress(m_training, &TrainingService::rlProgress);
        QueuedSpy finished(m_training, &TrainingService::rlFinished);
        const QString run = path(QStringLiteral("run"));
        QVERIFY(m_training->startRlTraining(config(kLongRun), run) != 0);

        // One training at a time: a second start is answered at once, in words, and touches nothing.
        const QString other = path(QStringLiteral("other"));
        QCOMPARE(m_training->startRlTraining(config(1000), other), quint64(0));
        QVERIFY(finished.waitForCount(1, 5000));
        QCOMPARE(finished.at(0).at(0).toString(), other);
        QCOMPARE(finished.at(0).at(1).toBool(), false);
        const QString refusal = finished.at(0).at(2).value<Error>().message;
        QVERIFY2(refusal.contains(QLatin1String("already running")) && refusal.contains(run), qPrintable(refusal));
        QVERIFY(!QFileInfo::exists(other));
        QCOMPARE(m_training->resumeRlTraining(run), quint64(0));   // a resume is refused the same way
        QVERIFY(finished.waitForCount(2, 5000));
        QCOMPARE(finished.at(1).at(1).toBool(), false);

        // Rows arrive (past the learning start, so with a loss) and progress with a speed.
        QVERIFY(waitForPhase(states, RlTrainingState::Phase::Training, 60000));
        QCOMPARE(phases(states).first(), RlTrainingState::Phase::Preparing);
        QTRY_VERIFY_WITH_TIMEOUT(!metrics.isEmpty() && metrics.last().at(0).value<DqnStepMetrics>().step > 600, 120000);
        QVERIFY(progress.waitForCount(1, 30000));
        const auto p = progress.last().at(0).value<DqnProgress>();
        QCOMPARE(p.totalSteps, kLongRun);
        QVERIFY(p.step > 0);
        QVERIFY(p.stepsPerSecond > 0);
        QVERIFY(p.etaSeconds > 0);
        QVERIFY(!p.text.isEmpty());
        QCOMPARE(m_training->rlState().phase, RlTrainingState::Phase::Training);
        QCOMPARE(QDir(m_training->rlState().runDirectory), QDir(run));

        // Stop: a checkpoint, then rlFinished with a good end.
        m_training->stopRlTraining();
        QVERIFY(finished.waitForCount(3, 60000));
        const QVariantList end = finished.at(2);
        QCOMPARE(end.at(0).toString(), run);
        QVERIFY2(end.at(1).toBool(), qPrintable(end.at(2).value<Error>().toString()));
        const auto result = end.at(3).value<DqnTrainingResult>();
        QCOMPARE(result.end, DqnTrainingResult::End::Stopped);
        QVERIFY(result.steps > 600);
        QVERIFY(QFileInfo::exists(run + QStringLiteral("/checkpoints/last.pt")));
        QVERIFY(waitForPhase(states, RlTrainingState::Phase::Stopping, 1000));
        QTRY_COMPARE(phases(states).last(), RlTrainingState::Phase::Idle);
        QCOMPARE(m_training->rlState().phase, RlTrainingState::Phase::Idle);
        // The last progress says where the run stopped, not where the trainer last reported.
        QCOMPARE(progress.last().at(0).value<DqnProgress>().step, result.steps);

        // Rows in step order on the log grid, ε falling from 1, a finite loss once learning started.
        qint64 previous = 0;
        double previousEpsilon = 1.0;
        bool lossSeen = false;
        for (const QVariantList &args : std::as_const(metrics)) {
            const auto m = args.at(0).value<DqnStepMetrics>();
            QVERIFY2(m.step > previous, qPrintable(QStringLiteral("step %1 after %2").arg(m.step).arg(previous)));
            QCOMPARE(m.step % kLogEvery, qint64(0));
            QVERIFY(m.epsilon <= previousEpsilon && m.epsilon >= 0.1 && m.epsilon <= 1.0);
            previous = m.step;
            previousEpsilon = m.epsilon;
            if (m.step > 200 + kLogEvery)
                lossSeen = lossSeen || std::isfinite(m.loss);
        }
        QVERIFY(lossSeen);
        QVERIFY(previous <= result.steps);
        m_stoppedAt = result.steps;
    }

    void resumeContinuesFromTheSavedStep()
    {
        QVERIFY2(m_stoppedAt > 0, "trainsRefusesASecondStartAndStops ran first");
        QueuedSpy metrics(m_training, &TrainingService::rlMetrics);
        QueuedSpy finished(m_training, &TrainingService::rlFinished);
        const QString run = path(QStringLiteral("run"));
        QVERIFY(m_training->resumeRlTraining(run) != 0);
        QVERIFY(metrics.waitForCount(3, 60000));
        const qint64 first = metrics.first().at(0).value<DqnStepMetrics>().step;
        QVERIFY2(first > m_stoppedAt && first <= m_stoppedAt + kLogEvery,
                 qPrintable(QStringLiteral("resumed at %1, stopped at %2").arg(first).arg(m_stoppedAt)));
        m_training->stopRlTraining();
        QVERIFY(finished.waitForCount(1, 60000));
        QVERIFY2(finished.at(0).at(1).toBool(), qPrintable(finished.at(0).at(2).value<Error>().toString()));
        QCOMPARE(finished.at(0).at(3).value<DqnTrainingResult>().end, DqnTrainingResult::End::Stopped);
    }

    void shortRunFinishesEvaluatesAndExports()
    {
        QueuedSpy finished(m_training, &TrainingService::rlFinished);
        QueuedSpy metrics(m_training, &TrainingService::rlMetrics);
        const QString run = path(QStringLiteral("short"));
        QVERIFY(m_training->startRlTraining(config(1500), run) != 0);
        QVERIFY(finished.waitForCount(1, 300000));
        QVERIFY2(finished.at(0).at(1).toBool(), qPrintable(finished.at(0).at(2).value<Error>().toString()));
        const auto result = finished.at(0).at(3).value<DqnTrainingResult>();
        QCOMPARE(result.end, DqnTrainingResult::End::Finished);
        QCOMPARE(result.steps, qint64(1500));
        // The last row is always sent, whatever the throttle dropped before it.
        QCOMPARE(metrics.last().at(0).value<DqnStepMetrics>().step, qint64(1500));
        QVERIFY(QFileInfo::exists(run + QStringLiteral("/checkpoints/final.pt")));

        // Evaluation: the three policies with their figures and equity curves from 1.
        QueuedSpy evaluated(m_training, &TrainingService::rlEvaluated);
        const quint64 id = m_training->evaluateRl(run);
        QVERIFY(evaluated.waitForCount(1, 120000));
        QCOMPARE(evaluated.at(0).at(0).toULongLong(), id);
        QVERIFY2(evaluated.at(0).at(1).toBool(), qPrintable(evaluated.at(0).at(2).value<Error>().toString()));
        const QJsonObject evaluation = evaluated.at(0).at(3).toJsonObject();
        const int steps = evaluation.value(QStringLiteral("steps")).toInt();
        QVERIFY(steps > 0);
        QVERIFY(evaluation.value(QStringLiteral("sequences")).toInt() >= 1);
        QVERIFY(!evaluation.value(QStringLiteral("description")).toString().isEmpty());
        for (const char *policy : {"policy", "buy_and_hold", "random"}) {
            const QJsonObject o = evaluation.value(QLatin1String(policy)).toObject();
            for (const QString &field : kPolicyFields)
                QVERIFY2(o.value(field).isDouble(), qPrintable(QString(QLatin1String(policy) + QLatin1Char('.') + field)));
            const QJsonArray equity = o.value(QStringLiteral("equity")).toArray();
            QVERIFY2(equity.size() >= steps, policy);
            QCOMPARE(equity.first().toDouble(), 1.0);
            QVERIFY(o.value(QStringLiteral("max_drawdown")).toDouble() >= 0);
        }
        // Buy-and-hold trades once per held-out sequence.
        QCOMPARE(evaluation.value(QStringLiteral("buy_and_hold")).toObject().value(QStringLiteral("trades")).toInt(),
                 evaluation.value(QStringLiteral("sequences")).toInt());
        QVERIFY(QFileInfo::exists(run + QStringLiteral("/evaluation.json")));

        // Export: 3 episodes of 20 steps, every example's label counted once.
        QueuedSpy exported(m_training, &TrainingService::rlExported);
        const QString out = path(QStringLiteral("export/dqn.jsonl"));
        QVERIFY(QDir().mkpath(path(QStringLiteral("export"))));
        const quint64 exportId = m_training->exportRl(run, out, 3, 20);
        QVERIFY(exported.waitForCount(1, 120000));
        QCOMPARE(exported.at(0).at(0).toULongLong(), exportId);
        QVERIFY2(exported.at(0).at(1).toBool(), qPrintable(exported.at(0).at(2).value<Error>().toString()));
        const QJsonObject report = exported.at(0).at(3).toJsonObject();
        QCOMPARE(report.value(QStringLiteral("episodes")).toInt(), 3);
        const int examples = report.value(QStringLiteral("examples")).toInt();
        QVERIFY(examples > 0 && examples <= 60);
        int counted = 0;
        const QJsonObject actions = report.value(QStringLiteral("actions")).toObject();
        for (const char *action : {"HOLD", "BUY", "SELL"}) {
            QVERIFY2(actions.contains(QLatin1String(action)), action);
            counted += actions.value(QLatin1String(action)).toObject().value(QStringLiteral("count")).toInt();
        }
        QCOMPARE(counted, examples);
        QVERIFY(QFileInfo(out).size() > 0);
        const QJsonObject files = report.value(QStringLiteral("files")).toObject();
        for (const char *file : {"jsonl", "chat", "states", "report"})
            QVERIFY2(QFileInfo::exists(files.value(QLatin1String(file)).toString()), file);

        // A missing run is an answer with the error, not silence, and writes nothing.
        m_training->evaluateRl(path(QStringLiteral("no-run")));
        QVERIFY(evaluated.waitForCount(2, 30000));
        QCOMPARE(evaluated.at(1).at(1).toBool(), false);
        QVERIFY(!evaluated.at(1).at(2).value<Error>().message.isEmpty());
        m_training->exportRl(path(QStringLiteral("no-run")), path(QStringLiteral("never.jsonl")));
        QVERIFY(exported.waitForCount(2, 30000));
        QCOMPARE(exported.at(1).at(1).toBool(), false);
        QVERIFY(!QFileInfo::exists(path(QStringLiteral("never.jsonl"))));
        m_training->exportRl(run, path(QStringLiteral("zero.jsonl")), 0, 20);
        QVERIFY(exported.waitForCount(3, 30000));
        QCOMPARE(exported.at(2).at(1).toBool(), false);
        QCOMPARE(exported.at(2).at(2).value<Error>().kind, Error::Kind::Usage);
    }

    void badDataAndCanceledStartsFreeTheSlot()
    {
        QueuedSpy finished(m_training, &TrainingService::rlFinished);
        // Data that cannot be read: the answer names it, nothing is created, the slot is free again.
        DqnTrainingConfig missing = config(1000);
        missing.dataSource = path(QStringLiteral("absent.csv"));
        const QString bad = path(QStringLiteral("bad-run"));
        QVERIFY(m_training->startRlTraining(missing, bad) != 0);
        QVERIFY(finished.waitForCount(1, 30000));
        QCOMPARE(finished.at(0).at(0).toString(), bad);
        QCOMPARE(finished.at(0).at(1).toBool(), false);
        QVERIFY2(finished.at(0).at(2).value<Error>().toString().contains(QLatin1String("absent.csv")),
                 qPrintable(finished.at(0).at(2).value<Error>().toString()));
        QVERIFY(!QFileInfo::exists(bad));
        QTRY_COMPARE(m_training->rlState().phase, RlTrainingState::Phase::Idle);
        // A resume of a folder that holds no run says so.
        QVERIFY(m_training->resumeRlTraining(path(QStringLiteral("no-run"))) != 0);
        QVERIFY(finished.waitForCount(2, 30000));
        QCOMPARE(finished.at(1).at(1).toBool(), false);
        QVERIFY(!finished.at(1).at(2).value<Error>().message.isEmpty());

        // A training queued behind other work and canceled before it ran also answers.
        QueuedSpy started(m_training, &Service::taskStarted);
        m_training->checkThroughput(256, 60.0);
        QVERIFY(started.waitForCount(1, 10000));
        const QString queued = path(QStringLiteral("queued-run"));
        QVERIFY(m_training->startRlTraining(config(1000), queued) != 0);
        QCOMPARE(m_training->rlState().phase, RlTrainingState::Phase::Preparing);
        m_training->cancelTasks();
        QVERIFY(finished.waitForCount(3, 30000));
        QCOMPARE(finished.at(2).at(0).toString(), queued);
        QCOMPARE(finished.at(2).at(1).toBool(), false);
        QCOMPARE(finished.at(2).at(2).value<Error>().kind, Error::Kind::Canceled);
        QVERIFY(!QFileInfo::exists(queued));
        QCOMPARE(m_training->rlState().phase, RlTrainingState::Phase::Idle);

        // Stopped while it waits: it ends without creating its run.
        started.clear();
        m_training->checkThroughput(256, 1.0);
        QVERIFY(started.waitForCount(1, 10000));
        const QString stopped = path(QStringLiteral("stopped-run"));
        QVERIFY(m_training->startRlTraining(config(1000), stopped) != 0);
        m_training->stopRlTraining();
        QVERIFY(finished.waitForCount(4, 30000));
        QCOMPARE(finished.at(3).at(0).toString(), stopped);
        QCOMPARE(finished.at(3).at(1).toBool(), false);
        QCOMPARE(finished.at(3).at(2).value<Error>().kind, Error::Kind::Canceled);
        QVERIFY(!QFileInfo::exists(stopped));

        // The slot is free: a new start is accepted (and stopped once it trains).
        QueuedSpy states(m_training, &TrainingService::rlStateChanged);
        const QString next = path(QStringLiteral("next-run"));
        QVERIFY(m_training->startRlTraining(config(kLongRun), next) != 0);
        QVERIFY(waitForPhase(states, RlTrainingState::Phase::Training, 60000));
        m_training->stopRlTraining();
        QVERIFY(finished.waitForCount(5, 60000));
        QCOMPARE(finished.at(4).at(0).toString(), next);
        QVERIFY2(finished.at(4).at(1).toBool(), qPrintable(finished.at(4).at(2).value<Error>().toString()));
        QCOMPARE(finished.at(4).at(3).value<DqnTrainingResult>().end, DqnTrainingResult::End::Stopped);
    }
};

QTEST_GUILESS_MAIN(TestRlService)
#include "test_rl_service.moc"
