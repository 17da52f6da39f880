// Each service lives on a thread of its own, never the GUI thread; quitting while every service is
// busy ends in under 2 s. Run under ASan/LSan in CI (APEDESK_SANITIZE), which also checks for leaks.

#include "common/settings.h"
#include "chain/chainservice.h"
#include "core.h"

#include <QElapsedTimer>
#include <QSet>
#include "queuedspy.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace apedesk;

class TestCoreThreads : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void everyServiceRunsOnItsOwnThread()
    {
        QTemporaryDir dir;
        Settings settings(dir.filePath(QStringLiteral("s.ini")));
        settings.setValue(Settings::Key::ChainConnectOnStart, false);   // no sandbox for these tests
        Core core(&settings);
        addCoreServices(core);
        const QList<Service *> services = core.services();
        QCOMPARE(services.size(), 5);

        QSet<QThread *> seen;
        for (Service *service : services) {
            QThread *ranOn = nullptr;
            QueuedSpy finished(service, &Service::taskFinished);
            service->runTask(QStringLiteral("where am I"), [&ranOn](const TaskContext &) -> Status {
                ranOn = QThread::currentThread();
                return {};
            });
            QVERIFY(finished.waitForCount(1, 5000));
            QVERIFY(finished.first().at(2).toBool());
            QVERIFY2(ranOn != QThread::currentThread(), qPrintable(service->name() + " ran on the GUI thread"));
            QCOMPARE(ranOn, core.threadOf(service));
            QCOMPARE(service->thread(), core.threadOf(service));
            seen.insert(ranOn);
        }
        QCOMPARE(seen.size(), services.size());
        QVERIFY(core.shutdown(2000));
    }

    void statusArrivesAsQueuedSignal()
    {
        QTemporaryDir dir;
        Settings settings(dir.filePath(QStringLiteral("s.ini")));
        settings.setValue(Settings::Key::ChainConnectOnStart, false);   // no sandbox for these tests
        Core core(&settings);
        addCoreServices(core);
        auto *chain = core.service<ChainService>();
        QVERIFY(chain);
        QTRY_COMPARE_WITH_TIMEOUT(chain->status().state, ServiceStatus::State::Idle, 5000);
        QCOMPARE(chain->status().text, QStringLiteral("Chain: not connected"));
        QVERIFY(!chain->state().connected());
    }

    void progressAndCancellationOfOneTask()
    {
        QTemporaryDir dir;
        Settings settings(dir.filePath(QStringLiteral("s.ini")));
        settings.setValue(Settings::Key::ChainConnectOnStart, false);   // no sandbox for these tests
        Core core(&settings);
        addCoreServices(core);
        Service *market = core.services().at(1);
        QueuedSpy progress(market, &Service::taskProgress);
        QueuedSpy finished(market, &Service::taskFinished);
        QueuedSpy started(market, &Service::taskStarted);
        market->runTask(QStringLiteral("count"), [](const TaskContext &context) -> Status {
            for (qint64 i = 0;; ++i) {
                if (context.canceled())
                    return Error::canceled();
                context.progress(i, -1);
                QThread::msleep(5);
            }
        });
        QVERIFY(started.waitForCount(1, 5000));
        QTRY_VERIFY_WITH_TIMEOUT(progress.count() >= 3, 5000);
        QCOMPARE(market->status().state, ServiceStatus::State::Busy);
        market->cancelTasks();
        QVERIFY(finished.waitForCount(1, 2000));
        QCOMPARE(finished.first().at(2).toBool(), false);
        QCOMPARE(finished.first().at(3).value<Error>().kind, Error::Kind::Canceled);
        QTRY_COMPARE_WITH_TIMEOUT(market->status().state, ServiceStatus::State::Idle, 2000);
    }

    void quittingWhileEveryServiceIsBusyEndsWithinTwoSeconds()
    {
        QTemporaryDir dir;
        Settings settings(dir.filePath(QStringLiteral("s.ini")));
        settings.setValue(Settings::Key::ChainConnectOnStart, false);   // no sandbox for these tests
        auto core = std::make_unique<Core>(&settings);
        addCoreServices(*core);
        int startedCount = 0;
        for (Service *service : core->services()) {
            connect(service, &Service::taskStarted, this, [&startedCount] { ++startedCount; });
            // CPU-bound work that looks at its cancellation flag between small steps, like training does.
            service->runTask(QStringLiteral("busy"), [](const TaskContext &context) -> Status {
                volatile double sink = 0;
                QElapsedTimer limit;
                limit.start();
                while (!context.canceled() && limit.elapsed() < 60000)
                    for (int i = 0; i < 10000; ++i)
                        sink = sink + i * 0.5;
                return {};
            });
            // Queued behind the busy task: must be dropped, not run, at shutdown.
            service->runTask(QStringLiteral("queued"), [](const TaskContext &) -> Status {
                QThread::sleep(30);
                return {};
            });
        }
        QTRY_COMPARE_WITH_TIMEOUT(startedCount, 5, 5000);
        QElapsedTimer timer;
        timer.start();
        QVERIFY(core->shutdown(2000));
        const qint64 elapsed = timer.elapsed();
        core.reset();
        qInfo() << "shutdown of 5 busy services took" << elapsed << "ms";
        QVERIFY2(elapsed < 2000, qPrintable(QStringLiteral("shutdown took %1 ms").arg(elapsed)));
    }
};

QTEST_GUILESS_MAIN(TestCoreThreads)
#include "test_core_threads.moc"
