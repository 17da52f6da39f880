// The libtorch dependency is real: a matrix product on the BLAS libtorch loaded, checked against a
// float64 reference, and the training service giving libtorch every core and stopping when busy.

#include "common/settings.h"
#include "core.h"
#include "torchruntime.h"
#include "trainingservice.h"

#include <QElapsedTimer>
#include "queuedspy.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace apedesk;

class TestTorchRuntime : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void reportsVersionThreadsAndBlas()
    {
        QCOMPARE(ml::setThreads(0), QThread::idealThreadCount());
        const ml::RuntimeInfo info = ml::runtimeInfo();
        QVERIFY(info.torchVersion.startsWith(QLatin1String("1.13")));
        QCOMPARE(info.threads, QThread::idealThreadCount());
        QVERIFY2(!info.blasLibrary.isEmpty(), "libtorch loaded a BLAS library");
        qInfo() << "BLAS:" << info.blasLibrary << "optimized:" << info.blasIsOptimized;
        QVERIFY2(info.blasIsOptimized, "libopenblas0-pthread is installed by the bootstrap");
    }

    void matmulIsCorrectAndTimed()
    {
        const auto result = ml::measureMatmul(256, 0.2, {});
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().toString()));
        QVERIFY(result->repetitions >= 1);
        QVERIFY(result->gflops > 0);
        QVERIFY(result->maxAbsError < 0.05);
        qInfo() << "256x256 float32 matmul:" << result->gflops << "GFLOP/s";
    }

    void rejectsBadSizesAndHonoursCancel()
    {
        QVERIFY(!ml::measureMatmul(3, 0.1, {}).ok());
        const auto canceled = ml::measureMatmul(64, 10.0, [] { return true; });
        QVERIFY(!canceled.ok());
        QCOMPARE(canceled.error().kind, Error::Kind::Canceled);
    }

    void trainingServiceStopsWithinTwoSecondsWhileBusy()
    {
        QTemporaryDir dir;
        Settings settings(dir.filePath(QStringLiteral("s.ini")));
        Core core(&settings);
        auto *training = ml::addTrainingService(core);
        QTRY_VERIFY_WITH_TIMEOUT(training->runtime().has_value(), 10000);
        QCOMPARE(training->runtime()->threads, QThread::idealThreadCount());
        QVERIFY(core.threadOf(training) != QThread::currentThread());
        QueuedSpy started(training, &Service::taskStarted);
        training->checkThroughput(512, 60.0);   // a minute of work unless canceled
        QVERIFY(started.waitForCount(1, 5000));
        QElapsedTimer timer;
        timer.start();
        QVERIFY(core.shutdown(2000));
        QVERIFY2(timer.elapsed() < 2000, qPrintable(QString::number(timer.elapsed())));
    }
};

QTEST_GUILESS_MAIN(TestTorchRuntime)
#include "test_torch_runtime.moc"
