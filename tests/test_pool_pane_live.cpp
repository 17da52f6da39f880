// The Pool charts pane on a live sandbox market, end to end: ChainService starts the offline sandbox,
// MarketService follows its pool and runs the sandbox market, and the pane shows each simulated
// swap as it lands (charts and the recent-swaps table), without the GUI thread stalling. The
// screenshot goes to $APEDESK_BUILD_DIR/screenshots/pool-charts-live.png.
#include "chain/chainservice.h"
#include "common/settings.h"
#include "core.h"
#include "market/marketservice.h"
#include "pool/poolchartspane.h"
#include "pool/recentswapsmodel.h"
#include "widgets/charts/swapchartstack.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace apedesk;

class TestPoolPaneLive : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void showsLiveSwapsWhileTheSimulatorRuns()
    {
        QStandardPaths::setTestModeEnabled(true);
        QTemporaryDir data;
        Settings settings(data.filePath(QStringLiteral("settings.ini")));
        Core core(&settings);
        ChainConfig chainConfig;
        chainConfig.dataDirectory = data.filePath(QStringLiteral("chain"));
        chainConfig.keystoreDirectory = data.filePath(QStringLiteral("keystore"));
        MarketConfig marketConfig;
        marketConfig.databasePath = data.filePath(QStringLiteral("apedesk.sqlite"));
        marketConfig.simulator.swapsPerMinute = 300;
        marketConfig.monitorPollMs = 250;
        auto *chain = core.add(std::make_unique<ChainService>(chainConfig));
        auto *market = core.add(std::make_unique<MarketService>(marketConfig));
        connect(chain, &ChainService::stateChanged, market, &MarketService::followChain);

        ui::PoolChartsPane pane(market);
        QAbstractItemModelTester tester(pane.recentSwaps(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        pane.resize(1100, 760);
        pane.show();

        // Watch the GUI thread while everything runs: a 5 ms timer's longest gap.
        QElapsedTimer clock;
        clock.start();
        qint64 last = clock.elapsed(), longest = 0;
        QTimer beat;
        connect(&beat, &QTimer::timeout, this, [&] {
            const qint64 now = clock.elapsed();
            longest = std::max(longest, now - last);
            last = now;
        });

        QElapsedTimer timer;
        timer.start();
        while (!market->feed().live && timer.elapsed() < 120000)
            QTest::qWait(20);
        QVERIFY2(market->feed().live, qPrintable(chain->state().message));
        beat.start(5);
        last = clock.elapsed();
        int seenAt10 = -1;
        while (timer.elapsed() < 180000) {
            QTest::qWait(50);
            const int points = pane.charts()->pointCount();
            if (points >= 10 && seenAt10 < 0)
                seenAt10 = points;
            if (seenAt10 >= 0 && points >= seenAt10 + 5)
                break;   // and still growing: the pane follows the live market
        }
        beat.stop();
        QVERIFY2(seenAt10 >= 0, qPrintable(market->simulatorState().text));
        QVERIFY(pane.charts()->pointCount() >= seenAt10 + 5);
        QVERIFY(pane.recentSwaps()->rowCount() >= 10);
        QVERIFY(market->simulatorState().running);
        qInfo("longest GUI-thread gap while the sandbox, the monitor and the simulator ran: %lld ms", longest);
        QVERIFY2(longest < 500, "the GUI thread stalled");   // generous: a loaded 2-core CI machine

        QTest::qWait(600);   // the last frame is drawn
        const QString dir = qEnvironmentVariable("APEDESK_BUILD_DIR", QDir::currentPath()) + QStringLiteral("/screenshots");
        QDir().mkpath(dir);
        QVERIFY(pane.grab().save(dir + QStringLiteral("/pool-charts-live.png")));
        QVERIFY(core.shutdown(5000));
    }
};

QTEST_MAIN(TestPoolPaneLive)
#include "test_pool_pane_live.moc"
