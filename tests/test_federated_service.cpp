// The federated service in the app, on its own thread with the real hedge-ratio model and a real SQLite
// database: a run announces itself, reports every round in order while the service thread still answers
// requests, ends with its record (rounds stored, one registry version per completed round); a second
// start while one runs, a bad configuration and a rollback during a run are refused in words and touch
// nothing; stop ends the run after the current batch and records it as stopped; a run left "running"
// by a killed process is marked interrupted when the service starts; shutdown mid-run ends in time.
#include "common/settings.h"
#include "core.h"
#include "federated/demovenues.h"
#include "federated/federatedservice.h"
#include "federated/roundstore.h"
#include "trainingservice.h"
#include "queuedspy.h"

#include <QElapsedTimer>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace apedesk;
using namespace apedesk::federated;

namespace {

// Simulated venues only (no files): small, quick rounds.
FederatedRunConfig quickConfig(int rounds)
{
    FederatedRunConfig config;
    Result<QList<VenueSpec>> venues = demoVenues({QStringLiteral("bybit"), QStringLiteral("sim-1"), QStringLiteral("sim-2")}, {});
    if (venues)
        config.venues = *venues;
    config.rounds = rounds;
    config.epochs = 1;
    config.earlyStopping = false;
    config.seed = 3;
    return config;
}

QList<FederatedRunState::Phase> phases(const QueuedSpy &spy)
{
    QList<FederatedRunState::Phase> list;
    for (const QVariantList &args : spy)
        list << args.at(0).value<FederatedRunState>().phase;
    return list;
}

} // namespace

class TestFederatedService : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<Core> m_core;
    FederatedService *m_service = nullptr;

    QString database() const { return m_dir.filePath(QStringLiteral("apedesk.sqlite")); }

    // Waits for the run to end and returns runFinished's arguments.
    QVariantList waitFinished(QueuedSpy &finished, int count = 1)
    {
        if (!finished.waitForCount(count, 300000))
            return {};
        return finished.at(count - 1);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QStandardPaths::setTestModeEnabled(true);
        // A run left "running" by a process that was killed: the service marks it when it starts.
        {
            RoundStore store;
            QVERIFY(store.open(database()));
            QVERIFY(store.beginRun(quickConfig(2), 2));
        }
        {
            // …as a process that has ended would: its owner no longer names a live process.
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("killed"));
            db.setDatabaseName(database());
            QVERIFY(db.open());
            QSqlQuery killed(db);
            QVERIFY(killed.exec(QStringLiteral("UPDATE fed_runs SET owner = '0:999999999:1:fed'")));
            QCOMPARE(killed.numRowsAffected(), 1);
        }
        QSqlDatabase::removeDatabase(QStringLiteral("killed"));
        m_settings = std::make_unique<Settings>(m_dir.filePath(QStringLiteral("settings.ini")));
        m_core = std::make_unique<Core>(m_settings.get());
        ml::addTrainingService(*m_core, 1);   // registers the hedge-ratio model
        m_service = m_core->add(std::make_unique<FederatedService>(database()));
        QTRY_VERIFY_WITH_TIMEOUT(m_service->status().state == ServiceStatus::State::Idle, 10000);
    }

    void cleanupTestCase()
    {
        if (m_core)
            QVERIFY(m_core->shutdown(10000));
    }

    void marksARunLeftRunningAsInterrupted()
    {
        QueuedSpy listed(m_service, &FederatedService::runsListed);
        m_service->requestRuns();
        QVERIFY(listed.waitForCount(1, 10000));
        const auto runs = listed.at(0).at(0).value<QList<FederatedRunRecord>>();
        QCOMPARE(runs.size(), 1);
        QCOMPARE(runs.at(0).state, FederatedRunRecord::State::Interrupted);
        QVERIFY(!runs.at(0).reason.isEmpty());
    }

    void runsReportsEveryRoundAndStoresIt()
    {
        QueuedSpy states(m_service, &FederatedService::stateChanged);
        QueuedSpy started(m_service, &FederatedService::runStarted);
        QueuedSpy rounds(m_service, &FederatedService::roundFinished);
        QueuedSpy finished(m_service, &FederatedService::runFinished);
        m_service->startRun(quickConfig(3));

        // A second start while this one runs is refused at once, in words.
        m_service->startRun(quickConfig(3));
        QVERIFY(finished.waitForCount(1, 10000));
        QCOMPARE(finished.at(0).at(0).toLongLong(), qint64(0));
        QCOMPARE(finished.at(0).at(1).toBool(), false);
        const QString refusal = finished.at(0).at(2).value<Error>().message;
        QVERIFY2(refusal.contains(QLatin1String("already")), qPrintable(refusal));

        QVERIFY(started.waitForCount(1, 120000));
        const auto run = started.at(0).at(0).value<FederatedRunRecord>();
        QVERIFY(run.runId > 0);
        QCOMPARE(run.venues, (QStringList{QStringLiteral("bybit"), QStringLiteral("sim-1"), QStringLiteral("sim-2")}));

        const QVariantList end = waitFinished(finished, 2);
        QVERIFY(!end.isEmpty());
        QCOMPARE(end.at(0).toLongLong(), run.runId);
        QVERIFY2(end.at(1).toBool(), qPrintable(end.at(2).value<Error>().toString()));
        const auto record = end.at(3).value<FederatedRunRecord>();
        QCOMPARE(record.state, FederatedRunRecord::State::Finished);
        QCOMPARE(record.rounds.size(), 3);

        QCOMPARE(rounds.size(), 3);
        for (int i = 0; i < 3; ++i) {
            const auto round = rounds.at(i).at(0).value<FederatedRoundRecord>();
            QCOMPARE(round.round, i);
            QCOMPARE(round.runId, run.runId);
            QCOMPARE(round.state, FederatedRoundRecord::State::Completed);
            QCOMPARE(round.venues.size(), 3);
            QVERIFY(round.globalRmse > 0 && round.globalRmse < 1);
            QVERIFY(round.modelVersion > 0);
            QCOMPARE(record.rounds.at(i).globalRmse, round.globalRmse);   // what the store kept
        }
        const QList<FederatedRunState::Phase> seen = phases(states);
        QVERIFY(seen.contains(FederatedRunState::Phase::Preparing));
        QVERIFY(seen.contains(FederatedRunState::Phase::Running));
        QCOMPARE(seen.last(), FederatedRunState::Phase::Idle);
        QCOMPARE(m_service->state().phase, FederatedRunState::Phase::Idle);

        // Reopening: the stored run with its rounds.
        QueuedSpy loaded(m_service, &FederatedService::runLoaded);
        m_service->requestRun(run.runId);
        QVERIFY(loaded.waitForCount(1, 10000));
        const auto reopened = loaded.at(0).at(0).value<FederatedRunRecord>();
        QCOMPARE(reopened.rounds.size(), 3);
        QCOMPARE(reopened.rounds.at(2).weights(), rounds.at(2).at(0).value<FederatedRoundRecord>().weights());
    }

    void versionsAndRollback()
    {
        QueuedSpy versions(m_service, &FederatedService::versionsListed);
        QueuedSpy rolled(m_service, &FederatedService::rolledBack);
        m_service->requestVersions();
        QVERIFY(versions.waitForCount(1, 10000));
        const auto list = versions.at(0).at(0).value<QList<ModelVersion>>();
        QCOMPARE(list.size(), 3);   // one per completed round
        const qint64 oldest = list.last().version;
        m_service->rollbackTo(oldest);
        QVERIFY(rolled.waitForCount(1, 10000));
        QVERIFY2(rolled.at(0).at(0).toBool(), qPrintable(rolled.at(0).at(1).value<Error>().toString()));
        const auto added = rolled.at(0).at(2).value<ModelVersion>();
        QCOMPARE(added.rolledBackFrom, oldest);
        QVERIFY(versions.waitForCount(2, 10000));
        const auto after = versions.at(1).at(0).value<QList<ModelVersion>>();
        QCOMPARE(after.size(), 4);
        QCOMPARE(after.first().version, added.version);

        // An unknown version: a clear error, nothing added.
        m_service->rollbackTo(999999);
        QVERIFY(rolled.waitForCount(2, 10000));
        QCOMPARE(rolled.at(1).at(0).toBool(), false);
        QVERIFY(!rolled.at(1).at(1).value<Error>().message.isEmpty());
    }

    void refusesABadConfiguration()
    {
        QueuedSpy finished(m_service, &FederatedService::runFinished);
        FederatedRunConfig bad = quickConfig(3);
        bad.rounds = 0;
        m_service->startRun(bad);
        QVERIFY(finished.waitForCount(1, 10000));
        QCOMPARE(finished.at(0).at(0).toLongLong(), qint64(0));
        QCOMPARE(finished.at(0).at(1).toBool(), false);
        QCOMPARE(finished.at(0).at(2).value<Error>().kind, Error::Kind::Usage);
        QCOMPARE(m_service->state().phase, FederatedRunState::Phase::Idle);
    }

    void stopEndsTheRunAndRollbackWaits()
    {
        QueuedSpy rounds(m_service, &FederatedService::roundFinished);
        QueuedSpy finished(m_service, &FederatedService::runFinished);
        QueuedSpy rolled(m_service, &FederatedService::rolledBack);
        m_service->startRun(quickConfig(50));
        QVERIFY(rounds.waitForCount(1, 120000));
        const qint64 runId = rounds.at(0).at(0).value<FederatedRoundRecord>().runId;

        // The service thread answers while the run goes on (the run has a thread of its own).
        QueuedSpy listed(m_service, &FederatedService::runsListed);
        m_service->requestRuns();
        QVERIFY(listed.waitForCount(1, 20000));
        const auto runsMidway = listed.at(0).at(0).value<QList<FederatedRunRecord>>();
        QVERIFY(!runsMidway.isEmpty());
        QCOMPARE(runsMidway.at(0).runId, runId);
        QCOMPARE(runsMidway.at(0).state, FederatedRunRecord::State::Running);

        // No rollback while a run writes versions.
        m_service->rollbackTo(1);
        QVERIFY(rolled.waitForCount(1, 10000));
        QCOMPARE(rolled.at(0).at(0).toBool(), false);
        QVERIFY(rolled.at(0).at(1).value<Error>().message.contains(QLatin1String("Stop")));

        m_service->stopRun();
        const QVariantList end = waitFinished(finished);
        QVERIFY(!end.isEmpty());
        QVERIFY2(end.at(1).toBool(), qPrintable(end.at(2).value<Error>().toString()));
        const auto record = end.at(3).value<FederatedRunRecord>();
        QCOMPARE(record.state, FederatedRunRecord::State::Stopped);
        QVERIFY(record.rounds.size() < 50);
        QCOMPARE(m_service->state().phase, FederatedRunState::Phase::Idle);
    }

    void shutdownMidRunEndsInTime()
    {
        QueuedSpy rounds(m_service, &FederatedService::roundFinished);
        m_service->startRun(quickConfig(50));
        QVERIFY(rounds.waitForCount(1, 120000));
        QElapsedTimer clock;
        clock.start();
        QVERIFY(m_core->shutdown(10000));
        qInfo("shutdown mid-run took %lld ms", clock.elapsed());
        m_core.reset();
        RoundStore store;
        QVERIFY(store.open(database()));
        Result<std::optional<FederatedRunRecord>> latest = store.latestRun();
        QVERIFY(latest && latest->has_value());
        QCOMPARE((*latest)->state, FederatedRunRecord::State::Stopped);
    }
};

QTEST_MAIN(TestFederatedService)
#include "test_federated_service.moc"
