// The training service's GAN API on the real swaps, on its own thread: a quick training publishes
// its state (preparing, training, paused, stopping, idle), metrics rows (the epoch-end validation
// row included) and progress; pause really holds the steps, resume continues, stop saves a checkpoint;
// a second start while one runs is refused in words; a start that cannot load its data, and one
// canceled before it ran, answer with ganFinished and free the slot; resumeGanTraining finishes the
// run; generateGan and validateGan answer with the synthetic file and the validation report.

#include "common/settings.h"
#include "core.h"
#include "trainingservice.h"

#include "queuedspy.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace apedesk;
using namespace apedesk::ml;

namespace {

QString dataPath() { return qEnvironmentVariable("APEDESK_SHARED_DIR") + QStringLiteral("/data/base_eth_usdc_swaps.csv"); }

GanTrainingConfig quickConfig(int epochs)
{
    GanTrainingConfig config;
    config.preset = QStringLiteral("quick");
    config.model = GanConfig::quick();
    config.model.epochs = epochs;
    config.logEverySteps = 1;
    config.dataKind = QStringLiteral("csv");
    config.dataSource = dataPath();
    config.dataLastRows = GanDatasetOptions::quick().lastRows;
    // One libtorch thread: every core spin-waits in OpenMP while other tests share the machine.
    config.threads = 1;
    return config;
}

QList<GanTrainingState::Phase> phases(const QueuedSpy &spy)
{
    QList<GanTrainingState::Phase> list;
    for (const QVariantList &args : spy)
        list << args.at(0).value<GanTrainingState>().phase;
    return list;
}

bool waitForPhase(const QueuedSpy &spy, GanTrainingState::Phase phase, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (!phases(spy).contains(phase) && timer.elapsed() < timeoutMs)
        QTest::qWait(10);
    return phases(spy).contains(phase);
}

} // namespace

class TestGanService : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<Core> m_core;
    TrainingService *m_training = nullptr;
    qint64 m_stoppedAt = 0;

    QString path(const QString &name) const { return m_dir.filePath(name); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(QFileInfo::exists(dataPath()));
        m_settings = std::make_unique<Settings>(path(QStringLiteral("settings.ini")));
        m_core = std::make_unique<Core>(m_settings.get());
        m_training = addTrainingService(*m_core);
        QTRY_VERIFY_WITH_TIMEOUT(m_training->runtime().has_value(), 10000);
    }

    void cleanupTestCase()
    {
        QVERIFY(m_core->shutdown(10000));
    }

    void trainsPausesResumesAndStops()
    {
        QueuedSpy states(m_training, &TrainingService::ganStateChanged);
        QueuedSpy metrics(m_training, &TrainingService::ganMetrics);
        QueuedSpy progress(m_training, &TrainingService::ganProgress);
        QueuedSpy finished(m_training, &TrainingService::ganFinished);
        const QString run = path(QStringLiteral("run"));
        const quint64 id = m_training->startGanTraining(quickConfig(3), run);
        QVERIFY(id != 0);

        // One training at a time: a second start is answered at once, in words, and touches nothing.
        const QString other = path(QStringLiteral("other"));
        QCOMPARE(m_training->startGanTraining(quickConfig(1), other), quint64(0));
        QVERIFY(finished.waitForCount(1, 5000));
        QCOMPARE(finished.at(0).at(0).toString(), other);
        QCOMPARE(finished.at(0).at(1).toBool(), false);
        QVERIFY2(finished.at(0).at(2).value<Error>().message.contains(QLatin1String("already running")),
                 qPrintable(finished.at(0).at(2).value<Error>().message));
        QVERIFY(!QFileInfo::exists(other));

        // Steps arrive; pause holds them.
        QVERIFY(metrics.waitForCount(1, 120000));
        QVERIFY(waitForPhase(states, GanTrainingState::Phase::Training, 1000));
        m_training->pauseGanTraining();
        QVERIFY(waitForPhase(states, GanTrainingState::Phase::Paused, 30000));
        QCOMPARE(m_training->ganState().phase, GanTrainingState::Phase::Paused);
        const int whilePaused = int(metrics.size());
        QTest::qWait(2000);
        QCOMPARE(int(metrics.size()), whilePaused);

        // Resume: more steps, up to the epoch end's validation row.
        const int trainingStates = int(phases(states).count(GanTrainingState::Phase::Training));
        m_training->resumePausedGanTraining();
        QTRY_VERIFY_WITH_TIMEOUT(phases(states).count(GanTrainingState::Phase::Training) > trainingStates, 5000);
        const auto hasValidationRow = [&metrics] {
            for (const QVariantList &args : metrics)
                if (args.at(0).value<GanStepMetrics>().validationGeneratorLoss)
                    return true;
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(hasValidationRow(), 120000);
        QVERIFY(metrics.size() > whilePaused);

        // Stop: a checkpoint, then ganFinished with a good end.
        m_training->stopGanTraining();
        QVERIFY(finished.waitForCount(2, 60000));
        const QVariantList end = finished.at(1);
        QCOMPARE(end.at(0).toString(), run);
        QVERIFY2(end.at(1).toBool(), qPrintable(end.at(2).value<Error>().toString()));
        const auto result = end.at(3).value<GanTrainingResult>();
        QCOMPARE(result.end, GanTrainingResult::End::Stopped);
        QVERIFY(QFileInfo::exists(run + QStringLiteral("/checkpoints/last.pt")));
        QVERIFY(waitForPhase(states, GanTrainingState::Phase::Stopping, 1000));
        QTRY_COMPARE(phases(states).last(), GanTrainingState::Phase::Idle);
        QCOMPARE(m_training->ganState().phase, GanTrainingState::Phase::Idle);
        QCOMPARE(phases(states).first(), GanTrainingState::Phase::Preparing);

        // Metrics rows in step order; progress with the planned total.
        qint64 previous = 0;
        for (const QVariantList &args : std::as_const(metrics)) {
            const auto m = args.at(0).value<GanStepMetrics>();
            QVERIFY(m.step > previous || (m.step == previous && m.validationGeneratorLoss));
            previous = m.step;
        }
        m_stoppedAt = previous;
        QVERIFY(!progress.isEmpty());
        const auto last = progress.last().at(0).value<GanProgress>();
        QCOMPARE(last.epochs, 3);
        QVERIFY(last.totalSteps > last.step);
    }

    void resumeFinishesTheRun()
    {
        QVERIFY(m_stoppedAt > 0);
        QueuedSpy metrics(m_training, &TrainingService::ganMetrics);
        QueuedSpy finished(m_training, &TrainingService::ganFinished);
        const QString run = path(QStringLiteral("run"));
        QVERIFY(m_training->resumeGanTraining(run) != 0);
        QVERIFY(finished.waitForCount(1, 300000));
        QVERIFY2(finished.at(0).at(1).toBool(), qPrintable(finished.at(0).at(2).value<Error>().toString()));
        const auto result = finished.at(0).at(3).value<GanTrainingResult>();
        QCOMPARE(result.end, GanTrainingResult::End::Finished);
        QCOMPARE(result.epochs, 3);
        QVERIFY(!metrics.isEmpty());
        QCOMPARE(metrics.first().at(0).value<GanStepMetrics>().step, m_stoppedAt + 1);
        // The last row sent is the final epoch's validation row (never dropped by the throttle).
        QVERIFY(metrics.last().at(0).value<GanStepMetrics>().validationGeneratorLoss.has_value());
    }

    void generatesAndValidates()
    {
        const QString run = path(QStringLiteral("run"));
        const QString out = path(QStringLiteral("synthetic.csv"));
        QueuedSpy generated(m_training, &TrainingService::ganGenerated);
        const quint64 id = m_training->generateGan(run, 8, out, 5);
        QVERIFY(generated.waitForCount(1, 60000));
        QCOMPARE(generated.at(0).at(0).toULongLong(), id);
        QVERIFY2(generated.at(0).at(1).toBool(), qPrintable(generated.at(0).at(2).value<Error>().toString()));
        QCOMPARE(generated.at(0).at(4).toInt(), 8);
        QVERIFY(QFileInfo(out).size() > 0);

        QueuedSpy validated(m_training, &TrainingService::ganValidated);
        const QString report = path(QStringLiteral("report.txt"));
        const quint64 validation = m_training->validateGan(dataPath(), out, report);
        QVERIFY(validated.waitForCount(1, 60000));
        QCOMPARE(validated.at(0).at(0).toULongLong(), validation);
        QVERIFY2(validated.at(0).at(1).toBool(), qPrintable(validated.at(0).at(2).value<Error>().toString()));
        const QJsonObject json = validated.at(0).at(3).toJsonObject();
        QCOMPARE(json.value(QStringLiteral("synthetic_sequences")).toInt(), 8);
        QCOMPARE(json.value(QStringLiteral("features")).toArray().size(), 10);
        QVERIFY(!json.value(QStringLiteral("overall_grade")).toString().isEmpty());
        QVERIFY(QFileInfo(report).size() > 0);

        // A missing file is an answer with the error, not silence.
        m_training->validateGan(path(QStringLiteral("absent.csv")), out);
        QVERIFY(validated.waitForCount(2, 30000));
        QCOMPARE(validated.at(1).at(1).toBool(), false);
        QVERIFY(validated.at(1).at(2).value<Error>().toString().contains(QLatin1String("absent.csv")));
        m_training->generateGan(path(QStringLiteral("no-run")), 4, path(QStringLiteral("never.csv")));
        QVERIFY(generated.waitForCount(2, 30000));
        QCOMPARE(generated.at(1).at(1).toBool(), false);
        QVERIFY(!QFileInfo::exists(path(QStringLiteral("never.csv"))));
    }

    void failedAndCanceledStartsFreeTheSlot()
    {
        QueuedSpy finished(m_training, &TrainingService::ganFinished);
        // Data that cannot be read: the answer names it, nothing is created, the slot is free again.
        GanTrainingConfig missing = quickConfig(1);
        missing.dataSource = path(QStringLiteral("absent.csv"));
        const QString bad = path(QStringLiteral("bad-run"));
        QVERIFY(m_training->startGanTraining(missing, bad) != 0);
        QVERIFY(finished.waitForCount(1, 30000));
        QCOMPARE(finished.at(0).at(1).toBool(), false);
        QVERIFY(finished.at(0).at(2).value<Error>().toString().contains(QLatin1String("absent.csv")));
        QVERIFY(!QFileInfo::exists(bad));
        QTRY_COMPARE(m_training->ganState().phase, GanTrainingState::Phase::Idle);

        // A training queued behind other work and canceled before it ran also answers.
        QueuedSpy started(m_training, &Service::taskStarted);
        m_training->checkThroughput(256, 60.0);
        QVERIFY(started.waitForCount(1, 10000));
        const QString queued = path(QStringLiteral("queued-run"));
        QVERIFY(m_training->startGanTraining(quickConfig(1), queued) != 0);
        m_training->cancelTasks();
        QVERIFY(finished.waitForCount(2, 30000));
        QCOMPARE(finished.at(1).at(0).toString(), queued);
        QCOMPARE(finished.at(1).at(1).toBool(), false);
        QCOMPARE(finished.at(1).at(2).value<Error>().kind, Error::Kind::Canceled);
        QVERIFY(!QFileInfo::exists(queued));
        QCOMPARE(m_training->ganState().phase, GanTrainingState::Phase::Idle);

        // The slot is free: a new start is accepted (and stopped at once).
        const QString next = path(QStringLiteral("next-run"));
        QVERIFY(m_training->startGanTraining(quickConfig(1), next) != 0);
        m_training->stopGanTraining();
        QVERIFY(finished.waitForCount(3, 120000));
        QCOMPARE(finished.at(2).at(0).toString(), next);
        QVERIFY2(finished.at(2).at(1).toBool(), qPrintable(finished.at(2).at(2).value<Error>().toString()));
        QCOMPARE(finished.at(2).at(3).value<GanTrainingResult>().end, GanTrainingResult::End::Stopped);
    }
};

QTEST_GUILESS_MAIN(TestGanService)
#include "test_gan_service.moc"
