// bench_market_gui: the GUI thread's longest stall and p99 frame gap while everything of the pool-data
// layer runs at once: the sandbox (ChainService), the live monitor and the sandbox market at full
// speed (MarketService), a history collector re-collecting the whole chain into a fresh store on a
// worker thread, and the Pool charts pane drawing live appends while it is zoomed and panned.
// A 5 ms heartbeat timer on the GUI thread measures the gaps. Usage: bench_market_gui [SECONDS=30]

#include "chain/chainservice.h"
#include "common/settings.h"
#include "core.h"
#include "market/marketservice.h"
#include "market/swapcollector.h"
#include "pool/poolchartspane.h"
#include "widgets/charts/swapchartstack.h"

#include <QApplication>
#include <QAtomicInt>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using namespace apedesk;
using namespace apedesk::market;

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("apedesk.*.info=false\napedesk.*.debug=false"));
    const int seconds = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 30;
    QStandardPaths::setTestModeEnabled(true);
    QTemporaryDir dir;
    Settings settings(dir.filePath(QStringLiteral("settings.ini")));
    Core core(&settings);
    ChainConfig chainConfig;
    chainConfig.dataDirectory = dir.filePath(QStringLiteral("chain"));
    chainConfig.keystoreDirectory = dir.filePath(QStringLiteral("keystore"));
    MarketConfig marketConfig;
    marketConfig.databasePath = dir.filePath(QStringLiteral("apedesk.sqlite"));
    marketConfig.simulator.swapsPerMinute = 0;   // as fast as the node takes them
    marketConfig.monitorPollMs = 250;
    auto *chain = core.add(std::make_unique<ChainService>(chainConfig));
    auto *market = core.add(std::make_unique<MarketService>(marketConfig));
    QObject::connect(chain, &ChainService::stateChanged, market, &MarketService::followChain);

    ui::PoolChartsPane pane(market);
    pane.resize(1400, 900);
    pane.show();
    QElapsedTimer wait;
    wait.start();
    while (!market->feed().live && wait.elapsed() < 120000)
        QApplication::processEvents(QEventLoop::AllEvents, 20);
    if (!market->feed().live) {
        std::fprintf(stderr, "sandbox did not start: %s\n", qPrintable(chain->state().message));
        return 1;
    }
    const ChainState state = chain->state();

    // The collector, over and over, on its own thread and store.
    QAtomicInt stop{0};
    QAtomicInt collections{0};
    QThread *collectorThread = QThread::create([&] {
        int round = 0;
        while (!stop.loadAcquire()) {
            auto store = SwapStore::open(dir.filePath(QStringLiteral("collect-%1.sqlite").arg(round++)));
            if (!store)
                return;
            CollectRequest request;
            request.rpcUrls = {state.connectUrl};
            request.poolManager = state.venue->poolManager;
            request.poolId = state.venue->poolId();
            request.batchBlocks = 7;
            SwapCollector collector(store->get(), request);
            SwapCollector::Hooks hooks;
            hooks.canceled = [&] { return stop.loadAcquire() != 0; };
            if (collector.run(hooks))
                collections.fetchAndAddRelease(1);
        }
    });
    collectorThread->start();

    // Zoom and pan the charts now and then, as a person would.
    int step = 0;
    QTimer interact;
    QObject::connect(&interact, &QTimer::timeout, [&] {
        auto *charts = pane.charts();
        const double mid = (charts->visibleFrom() + charts->visibleTo()) / 2.0;
        if (step % 4 == 0)
            charts->zoom(0.8, mid);
        else if (step % 4 == 2)
            charts->zoom(1.25, mid);
        else
            charts->pan((step % 8 < 4 ? 1 : -1) * (charts->visibleTo() - charts->visibleFrom()) * 0.1);
        ++step;
    });
    interact.start(200);

    QList<qint64> gaps;
    QElapsedTimer clock;
    clock.start();
    qint64 last = 0;
    QTimer beat;
    QObject::connect(&beat, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed() / 1000;
        if (last)
            gaps.append(now - last);
        last = now;
    });
    beat.start(5);
    QTimer::singleShot(seconds * 1000, &app, &QApplication::quit);
    app.exec();
    stop.storeRelease(1);
    collectorThread->wait();
    delete collectorThread;

    std::sort(gaps.begin(), gaps.end());
    const double longest = gaps.isEmpty() ? 0 : gaps.last() / 1000.0;
    const double p99 = gaps.isEmpty() ? 0 : gaps.at(std::min<qsizetype>(gaps.size() - 1, qsizetype(0.99 * gaps.size()))) / 1000.0;
    std::printf("%d s with the sandbox market at full speed, the live monitor, %d whole-chain collections "
                "(7-block batches) and the charts pane zoomed/panned every 200 ms\n",
                seconds, int(collections.loadAcquire()));
    std::printf("chart points at the end: %d, simulator swaps: %lld\n", pane.charts()->pointCount(),
                market->simulatorState().swapsDone);
    std::printf("GUI thread (5 ms heartbeat): longest gap %.1f ms, p99 %.1f ms (targets: no stall over 50 ms, p99 < 16 ms)\n",
                longest, p99);
    core.shutdown(5000);
    return 0;
}
