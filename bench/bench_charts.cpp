// Pool charts with a million swaps: decimation to a 1,500 px plot, candle aggregation, one whole frame
// (what a pool thread computes per view), drawing the three charts offscreen, and drag-pan steps
// (re-decimate on the pool thread + apply + redraw), with the GUI thread's longest stall while
// panning. Run on demand: `bench_charts [points] [steps]`; prints figures.

#include "widgets/charts/chartframe.h"
#include "widgets/charts/seriesdecimation.h"
#include "widgets/charts/swapchartstack.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QImage>
#include <QPainter>
#include <QRandomGenerator>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>

using namespace apedesk;
using namespace apedesk::ui::charts;

namespace {

QVector<SwapPoint> makePoints(int n, qint64 seconds)
{
    QRandomGenerator rng(42);
    QVector<SwapPoint> out;
    out.reserve(n);
    double price = 3200;
    const qint64 start = 1'737'646'995;
    for (int i = 0; i < n; ++i) {
        SwapPoint p;
        p.timestamp = start + qint64(double(i) * seconds / n);
        p.blockNumber = 25'000'000 + quint64((p.timestamp - start) / 2);
        p.logIndex = quint32(i % 8);
        price *= std::exp((rng.generateDouble() - 0.5) * 0.002);
        p.price = price;
        p.ethAmount = (rng.generateDouble() - 0.5) * 2;
        p.usdcAmount = -p.ethAmount * price;
        out.append(p);
    }
    return out;
}

struct Stats
{
    double median = 0, p99 = 0, max = 0;
};

Stats stats(QVector<double> samples)
{
    Stats s;
    if (samples.isEmpty())
        return s;
    std::sort(samples.begin(), samples.end());
    s.median = samples.at(samples.size() / 2);
    s.p99 = samples.at(std::min<qsizetype>(samples.size() - 1, qsizetype(std::ceil(samples.size() * 0.99)) - 1));
    s.max = samples.constLast();
    return s;
}

double timeMs(const std::function<void()> &work)
{
    QElapsedTimer timer;
    timer.start();
    work();
    return timer.nsecsElapsed() / 1e6;
}

Stats repeat(int times, const std::function<void()> &work)
{
    QVector<double> samples;
    for (int i = 0; i < times; ++i)
        samples.append(timeMs(work));
    return stats(samples);
}

void print(const char *what, const Stats &s)
{
    std::printf("  %-52s median %8.2f ms   p99 %8.2f ms   max %8.2f ms\n", what, s.median, s.p99, s.max);
}

// Waits (running the event loop) until the charts show a frame for their current view.
bool waitForFrame(SwapChartStack &charts, int timeoutMs = 30000)
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < timeoutMs) {
        if (charts.frameIsCurrent())
            return true;
        QEventLoop loop;
        QObject::connect(&charts, &SwapChartStack::frameApplied, &loop, &QEventLoop::quit);
        QTimer::singleShot(20, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return false;
}

QImage render(QWidget *widget)
{
    QImage image(widget->size(), QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    widget->render(&image);
    return image;
}

// Drag-pan steps at one zoom level: each step moves the view by 1/100 of its width, waits for the
// re-decimated frame and redraws. A 2 ms timer on the GUI thread measures its longest stall.
void panSteps(SwapChartStack &charts, int steps, const char *label)
{
    QVector<double> panCall, latency, compute, draw, step;
    qint64 longestStall = 0;
    QElapsedTimer tick;
    tick.start();
    qint64 lastTick = 0;
    QTimer watchdog;
    watchdog.setInterval(2);
    QObject::connect(&watchdog, &QTimer::timeout, [&] {
        const qint64 now = tick.elapsed();
        longestStall = std::max(longestStall, now - lastTick);
        lastTick = now;
    });
    const double delta = (charts.visibleTo() - charts.visibleFrom()) / 100;
    const int pointsInView = charts.frame().pointsInView;
    watchdog.start();
    lastTick = tick.elapsed();
    for (int i = 0; i < steps; ++i) {
        const double direction = (i / 50) % 2 ? 1 : -1;   // back and forth, inside the data
        QElapsedTimer timer;
        timer.start();
        charts.pan(direction * delta);
        panCall.append(timer.nsecsElapsed() / 1e6);
        if (!waitForFrame(charts)) {
            std::printf("  no frame after a pan step\n");
            return;
        }
        latency.append(timer.nsecsElapsed() / 1e6);
        compute.append(charts.frame().computeMs);
        draw.append(timeMs([&] { render(charts.chartsArea()); }));
        step.append(timer.nsecsElapsed() / 1e6);
    }
    watchdog.stop();
    std::printf("%s (%d swaps in view, %d steps):\n", label, pointsInView, steps);
    print("pan() call on the GUI thread", stats(panCall));
    print("re-decimation on the pool thread (computeFrame)", stats(compute));
    print("pan → frame on screen (queue + compute + apply)", stats(latency));
    print("redraw of the three charts (render to QImage)", stats(draw));
    print("whole step: re-decimate + apply + redraw", stats(step));
    std::printf("  %-52s %8lld ms\n", "longest GUI-thread stall while panning", longestStall);
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const int n = argc > 1 ? std::max(1000, QByteArray(argv[1]).toInt()) : 1'000'000;
    const int steps = argc > 2 ? std::max(10, QByteArray(argv[2]).toInt()) : 200;
    const int columns = 1500;
    const qint64 seconds = 30 * 86400;

    std::printf("bench_charts: %d swaps over 30 days, %d px plot, Qt %s, %d pool threads\n", n, columns, qVersion(),
                QThread::idealThreadCount());
    QVector<SwapPoint> points;
    std::printf("  generating: %.1f ms\n", timeMs([&] { points = makePoints(n, seconds); }));
    const double fromMs = points.constFirst().timestamp * 1000.0;
    const double toMs = points.constLast().timestamp * 1000.0;

    std::printf("pure functions, whole series in view:\n");
    int kept = 0;
    print("min/max decimation to 1,500 columns",
          repeat(15, [&] { kept = int(decimateMinMax(points, {0, int(points.size())}, fromMs, toMs, columns).size()); }));
    std::printf("  %-52s %d points\n", "  kept", kept);
    const qint64 interval = autoInterval((toMs - fromMs) / 1000, columns / 6);
    int candles = 0;
    print(qPrintable(QStringLiteral("candle aggregation, %1 interval").arg(SwapChartStack::intervalName(interval))),
          repeat(15, [&] { candles = int(aggregateCandles(points, {0, int(points.size())}, interval).size()); }));
    std::printf("  %-52s %d candles\n", "  made", candles);
    print("candle aggregation, 1 min interval",
          repeat(15, [&] { candles = int(aggregateCandles(points, {0, int(points.size())}, 60).size()); }));
    FrameRequest request;
    request.fromMs = fromMs;
    request.toMs = toMs;
    request.columns = columns;
    print("whole frame (line + bars, with overscan)", repeat(15, [&] { computeFrame(points, request); }));
    request.candles = true;
    print("whole frame (candles + bars, with overscan)", repeat(15, [&] { computeFrame(points, request); }));

    // The widget: a plot 1,500 px wide.
    SwapChartStack charts;
    charts.resize(columns + 110, 760);
    charts.show();
    QCoreApplication::processEvents();
    QElapsedTimer handOver;
    handOver.start();
    charts.setPoints(points);
    std::printf("widget:\n  %-52s %8.2f ms\n", "setPoints(1,000,000) on the GUI thread", handOver.nsecsElapsed() / 1e6);
    if (!waitForFrame(charts)) {
        std::printf("no first frame\n");
        return 1;
    }
    std::printf("  %-52s %8.2f ms\n", "first frame on screen", handOver.nsecsElapsed() / 1e6);
    // Exactly 1,500 px of plot: the margins are the font's.
    charts.resize(charts.width() + columns - charts.plotColumns(), charts.height());
    QCoreApplication::processEvents();
    if (!waitForFrame(charts) || charts.plotColumns() != columns) {
        std::printf("the plot is %d px wide, not %d\n", charts.plotColumns(), columns);
        return 1;
    }
    std::printf("  %-52s %d px, %d line points, %d bars\n", "plot width / series", charts.frame().request.columns,
                charts.linePointCount(), charts.volumeBarCount());
    render(charts.chartsArea());
    print("draw, all in view, line (render to QImage)", repeat(15, [&] { render(charts.chartsArea()); }));
    charts.setMode(SwapChartStack::Mode::Candles);
    waitForFrame(charts);
    std::printf("  %-52s %d candles\n", "candles on screen", charts.candleCount());
    print("draw, all in view, candles (render to QImage)", repeat(15, [&] { render(charts.chartsArea()); }));
    charts.setMode(SwapChartStack::Mode::Line);
    waitForFrame(charts);

    charts.showRange(SwapChartStack::Range::Week);
    waitForFrame(charts);
    panSteps(charts, steps, "pan, 1 w view, line");
    charts.setMode(SwapChartStack::Mode::Candles);
    waitForFrame(charts);
    panSteps(charts, steps / 2, "pan, 1 w view, candles");
    charts.setMode(SwapChartStack::Mode::Line);
    charts.showRange(SwapChartStack::Range::Day);
    waitForFrame(charts);
    panSteps(charts, steps / 2, "pan, 1 d view, line");
    return 0;
}
