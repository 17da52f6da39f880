// The "Pool charts" pane driven the way MarketService drives it: ~20,000 swaps over four days as its
// history, live swaps through swapsAppended, metrics, feed, simulator and collection signals. Checks
// the three charts' series and their shared time axis, the range buttons, candles, wheel zoom and
// drag pan, the crosshair's tooltip, live appends that follow the head, the recent-swaps table
// (QAbstractItemModelTester), PNG and CSV export (the CSV read back), a million points panned without
// stalling the GUI thread, and screenshots in $APEDESK_BUILD_DIR/screenshots/pool-charts-*.png.
// The service is not started: its signals are emitted here, on the GUI thread.

#include "market/marketservice.h"
#include "pool/chartcontrols.h"
#include "pool/collectdialog.h"
#include "pool/pooldatapage.h"
#include "pool/poolchartspane.h"
#include "pool/recentswapsmodel.h"
#include "widgets/charts/swapchartstack.h"

#include <QAbstractItemModelTester>
#include <QAbstractScrollArea>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStyleFactory>
#include <QScrollBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>
#include <memory>

using namespace apedesk;
using market::PoolSwap;
using market::SwapPoint;
using ui::charts::Candle;
using ui::charts::SwapChartStack;

namespace {

constexpr qint64 kStart = 1'737'646'995;   // 2025-01-23, like the shared CSV

QString screenshotPath(const QString &name)
{
    const QString dir = qEnvironmentVariable("APEDESK_BUILD_DIR", QDir::currentPath()) + QStringLiteral("/screenshots");
    QDir().mkpath(dir);
    return dir + QLatin1Char('/') + name;
}

// A price walk with realistic sizes: `n` swaps from kStart over `seconds`, blocks 2 s apart, several
// swaps per block at times.
QVector<SwapPoint> history(int n, qint64 seconds, quint32 seed)
{
    QRandomGenerator rng(seed);
    QVector<SwapPoint> out;
    out.reserve(n);
    double price = 3200;
    const double step = double(seconds) / n;
    quint64 lastBlock = 0;
    quint32 log = 0;
    for (int i = 0; i < n; ++i) {
        SwapPoint p;
        p.timestamp = kStart + qint64(i * step);
        p.blockNumber = 25'428'824 + quint64((p.timestamp - kStart) / 2);
        log = p.blockNumber == lastBlock ? log + 1 : 0;
        lastBlock = p.blockNumber;
        p.logIndex = log;
        price *= std::exp((rng.generateDouble() - 0.5) * 0.003);
        p.price = price;
        const double eth = std::exp((rng.generateDouble() - 0.5) * 4) * 0.3 * (rng.bounded(2) ? 1 : -1);
        p.ethAmount = eth;
        p.usdcAmount = -eth * price;
        out.append(p);
    }
    return out;
}

eth::Hash32 hashOf(quint64 n)
{
    QByteArray bytes(32, '\0');
    for (int i = 0; i < 8; ++i)
        bytes[31 - i] = char((n >> (8 * i)) & 0xff);
    bytes[0] = '\xab';
    return *eth::Hash32::fromBytes(bytes);
}

// A stored swap at `price` (sqrtPriceX96 built from it), selling ETH when `eth` < 0.
PoolSwap swapAt(quint64 block, quint64 log, qint64 timestamp, double price, double eth)
{
    PoolSwap swap;
    swap.chain = QStringLiteral("8453-local");
    swap.blockNumber = block;
    swap.logIndex = log;
    swap.timestamp = timestamp;
    swap.txHash = hashOf(block * 1000 + log);
    // sqrt(price · 10^-12) · 2^96 = (sqrt(price · 10^-12) · 2^64) · 2^32
    const double scaled = std::sqrt(price * 1e-12) * 18446744073709551616.0;
    swap.sqrtPriceX96 = eth::u256(static_cast<unsigned long long>(scaled)) << 32;
    swap.amount0 = eth::i256(std::llround(eth * 1e9)) * eth::i256(1'000'000'000);
    swap.amount1 = eth::i256(std::llround(-eth * price * 1e6));
    swap.fee = 500;
    return swap;
}

QList<PoolSwap> liveSwaps(const SwapPoint &after, int count, qint64 secondsApart, double price)
{
    QList<PoolSwap> out;
    for (int i = 0; i < count; ++i)
        out.append(swapAt(after.blockNumber + 1 + i, 0, after.timestamp + (i + 1) * secondsApart,
                          price + i, i % 2 ? -0.25 : 0.4));
    return out;
}

void sendWheel(QWidget *viewport, QPoint pos, int angle)
{
    QWheelEvent event(pos, viewport->mapToGlobal(pos), QPoint(), QPoint(0, angle), Qt::NoButton, Qt::NoModifier,
                      Qt::NoScrollPhase, false);
    QApplication::sendEvent(viewport, &event);
}

void sendMouse(QWidget *viewport, QEvent::Type type, QPoint pos, Qt::MouseButton button, Qt::MouseButtons buttons)
{
    QMouseEvent event(type, pos, viewport->mapToGlobal(pos), button, buttons, Qt::NoModifier);
    QApplication::sendEvent(viewport, &event);
}

bool sameRanges(const QVector<QPair<double, double>> &ranges)
{
    for (const auto &range : ranges)
        if (std::abs(range.first - ranges.first().first) > 0.5 || std::abs(range.second - ranges.first().second) > 0.5)
            return false;
    return true;
}

} // namespace

class TestPoolChartsPane : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<MarketService> m_service;
    std::unique_ptr<ui::PoolChartsPane> m_pane;
    QVector<SwapPoint> m_history;

    SwapChartStack *charts() const { return m_pane->charts(); }

    template <typename T>
    T *child(const char *name) const
    {
        auto *widget = m_pane->findChild<T *>(QLatin1String(name));
        if (!widget)
            qWarning("no child named %s", name);
        return widget;
    }

    QWidget *viewport(const char *chart) const
    {
        return qobject_cast<QAbstractScrollArea *>(child<QWidget>(chart))->viewport();
    }

    // Waits until no frame is being computed and the newest one is on screen.
    bool settle(int timeoutMs = 10000)
    {
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < timeoutMs) {
            QTest::qWait(20);
            if (charts()->frameIsCurrent()) {
                QTest::qWait(30);   // no request queued behind it
                if (charts()->frameIsCurrent())
                    return true;
            }
        }
        qWarning() << "charts did not settle";
        return false;
    }

    void saveScreenshot(QWidget *widget, const QString &name)
    {
        QCoreApplication::processEvents();
        const QString path = screenshotPath(name);
        QVERIFY(widget->grab().save(path));
        qInfo() << "screenshot:" << path;
    }

    static bool waitForLoad(QSignalSpy &loaded, QSignalSpy &failed)
    {
        QElapsedTimer timer;
        timer.start();
        while (loaded.isEmpty() && failed.isEmpty() && timer.elapsed() < 10000)
            QTest::qWait(10);
        return !loaded.isEmpty() || !failed.isEmpty();
    }

    void feedHistory()
    {
        QSignalSpy loaded(m_pane.get(), &ui::PoolChartsPane::historyLoaded);
        m_pane->setPoints(m_history);
        QCOMPARE(loaded.size(), 1);
        QCOMPARE(loaded.first().first().toInt(), int(m_history.size()));
        QVERIFY(settle());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QLocale::setDefault(QLocale::c());   // tooltips and CSV checked digit by digit
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        MarketConfig config;
        config.databasePath = m_dir.filePath(QStringLiteral("apedesk.sqlite"));
        m_service = std::make_unique<MarketService>(config);
        m_history = history(20'000, 4 * 86400, 7);
        m_pane = std::make_unique<ui::PoolChartsPane>(m_service.get());
        m_pane->resize(1100, 760);
        m_pane->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_pane.get()));
    }

    void cleanupTestCase()
    {
        m_pane.reset();
        m_service.reset();
    }

    void emptyStateSaysWhatToDo()
    {
        // The service's (empty) history answer comes back through the event loop.
        QTRY_VERIFY(child<QLabel>("chartsEmptyLabel")->isVisible());
        QTRY_COMPARE(child<QLabel>("chartsEmptyLabel")->text(),
                     QStringLiteral("No swaps yet — connect a chain or import a CSV."));
        QVERIFY(!child<QWidget>("chartsArea")->isVisible());
        QCOMPARE(child<QLabel>("metricLastPriceValue")->text(), QStringLiteral("—"));
        QVERIFY(!child<QToolButton>("range1hButton")->isEnabled());
        // Export with nothing shown: refused in words, no file.
        QSignalSpy exported(m_pane.get(), &ui::PoolChartsPane::fileExported);
        m_pane->exportChartsPng(m_dir.filePath(QStringLiteral("empty.png")));
        QCOMPARE(exported.size(), 1);
        QCOMPARE(exported.first().at(1).toBool(), false);
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("empty.png"))));
        saveScreenshot(m_pane.get(), QStringLiteral("pool-charts-empty.png"));
    }

    void everyWidgetHasAnObjectName()
    {
        // What the pane made (not Qt's inner parts of a tab bar, a scroll area or a table).
        int checked = 0;
        for (QWidget *w : m_pane->findChildren<QWidget *>()) {
            const bool ours = qobject_cast<QLabel *>(w) || qobject_cast<QAbstractButton *>(w)
                || qobject_cast<QComboBox *>(w) || qobject_cast<QProgressBar *>(w)
                || qobject_cast<QAbstractItemView *>(w) || qobject_cast<QAbstractScrollArea *>(w)
                || qobject_cast<QTabWidget *>(w);
            bool inner = false;
            for (QWidget *p = w->parentWidget(); p && p != m_pane.get(); p = p->parentWidget())
                inner |= qobject_cast<QAbstractItemView *>(p) || qobject_cast<QTabBar *>(p) || qobject_cast<QComboBox *>(p);
            inner |= qobject_cast<QTabBar *>(w) || qobject_cast<QScrollBar *>(w)
                || w->objectName().startsWith(QStringLiteral("qt_"));
            if (!ours || inner)
                continue;
            ++checked;
            QVERIFY2(!w->objectName().isEmpty(), w->metaObject()->className());
        }
        QVERIFY(checked > 40);
    }

    void sandboxToggleFollowsTheFeedAndSimulator()
    {
        auto *toggle = child<QCheckBox>("sandboxMarketToggle");
        QVERIFY(!toggle->isEnabled());   // no sandbox followed
        market::MarketFeed feed = m_service->feed();   // same pool: the charts keep their history
        feed.sandbox = true;
        feed.live = true;
        feed.text = QStringLiteral("Following the sandbox pool.");
        Q_EMIT m_service->feedChanged(feed);
        QVERIFY(toggle->isEnabled());
        QCOMPARE(child<QLabel>("poolFeedLabel")->text(), QStringLiteral("Following the sandbox pool."));
        market::SimulatorState state;
        state.running = true;
        state.swapsDone = 12;
        state.targetPrice = 3012.5;
        state.poolPrice = 3010.25;
        Q_EMIT m_service->simulatorChanged(state);
        QVERIFY(toggle->isChecked());
        QCOMPARE(child<QLabel>("sandboxMarketState")->text(),
                 QStringLiteral("Running: 12 swaps, target 3012.50 USDC per ETH, pool 3010.25."));
        state = {};
        state.text = QStringLiteral("Stopped after 12 swaps.");
        Q_EMIT m_service->simulatorChanged(state);
        QVERIFY(!toggle->isChecked());
        QCOMPARE(child<QLabel>("sandboxMarketState")->text(), QStringLiteral("Stopped after 12 swaps."));
    }

    void historyFillsAllThreeChartsOnOneAxis()
    {
        feedHistory();
        QVERIFY(child<QWidget>("chartsArea")->isVisible());
        QCOMPARE(charts()->pointCount(), 20'000);
        QCOMPARE(charts()->range(), SwapChartStack::Range::All);
        QVERIFY(child<QToolButton>("rangeAllButton")->isChecked());
        // All: from just before the first swap to just after the newest.
        QVERIFY(charts()->visibleFrom() <= m_history.constFirst().timestamp * 1000.0);
        QVERIFY(charts()->visibleTo() >= m_history.constLast().timestamp * 1000.0);
        QVERIFY(sameRanges(charts()->axisRanges()));
        QCOMPARE(charts()->axisRanges().first().first, charts()->visibleFrom());
        // Line: decimated to ≤ 4 points per pixel column of the decimated span (view + overscan).
        const int lines = charts()->linePointCount();
        const int columns = charts()->frame().request.columns;
        QVERIFY2(columns > 900, qPrintable(QString::number(columns)));   // the plot's width in pixels
        QVERIFY2(lines > columns / 2 && lines <= columns * 2 * 4 + 2, qPrintable(QString::number(lines)));
        QCOMPARE(charts()->candleCount(), 0);
        // Bars: one per interval with swaps, the same intervals in volume and count.
        const qint64 interval = charts()->shownInterval();
        QVERIFY(interval > 0);
        QCOMPARE(charts()->volumeBarCount(), int(charts()->frame().candles.size()));
        QCOMPARE(charts()->countBarCount(), charts()->volumeBarCount());
        const auto all = ui::charts::aggregateCandles(m_history, {0, int(m_history.size())}, interval);
        QCOMPARE(charts()->volumeBarCount(), int(all.size()));   // the whole history is in view
        int swaps = 0;
        for (const Candle &c : charts()->frame().candles)
            swaps += c.swaps;
        QCOMPARE(swaps, 20'000);
        QVERIFY(charts()->chartTitle(1).startsWith(QStringLiteral("Volume per ")));
        QCOMPARE(child<QComboBox>("chartIntervalPicker")->itemText(0),
                 QStringLiteral("Auto (%1)").arg(SwapChartStack::intervalName(interval)));
        saveScreenshot(m_pane.get(), QStringLiteral("pool-charts-line.png"));
    }

    void rangeButtonsSetTheTimeAxis()
    {
        const double newest = m_history.constLast().timestamp * 1000.0;
        const struct
        {
            const char *button;
            double span;
            SwapChartStack::Range range;
        } cases[] = {{"range1hButton", 3'600'000.0, SwapChartStack::Range::Hour},
                     {"range1dButton", 86'400'000.0, SwapChartStack::Range::Day},
                     {"range1wButton", 7 * 86'400'000.0, SwapChartStack::Range::Week}};
        for (const auto &c : cases) {
            QTest::mouseClick(child<QToolButton>(c.button), Qt::LeftButton);
            QCOMPARE(charts()->range(), c.range);
            QVERIFY(child<QToolButton>(c.button)->isChecked());
            QVERIFY(!child<QToolButton>("rangeAllButton")->isChecked());
            QCOMPARE(charts()->visibleFrom(), newest - c.span);   // relative to the newest swap
            QVERIFY(charts()->visibleTo() > newest);
            QVERIFY(sameRanges(charts()->axisRanges()));
            QVERIFY(settle());
            QCOMPARE(charts()->frame().request.fromMs, newest - c.span);
        }
        // An hour shows minute bars, a day coarser ones.
        QTest::mouseClick(child<QToolButton>("range1hButton"), Qt::LeftButton);
        QVERIFY(settle());
        const qint64 hourInterval = charts()->shownInterval();
        QTest::mouseClick(child<QToolButton>("range1dButton"), Qt::LeftButton);
        QVERIFY(settle());
        QVERIFY(charts()->shownInterval() > hourInterval);
        QTest::mouseClick(child<QToolButton>("rangeAllButton"), Qt::LeftButton);
        QVERIFY(settle());
        QCOMPARE(charts()->range(), SwapChartStack::Range::All);
    }

    void candlesByInterval()
    {
        QTest::mouseClick(child<QToolButton>("range1dButton"), Qt::LeftButton);
        auto *mode = child<QComboBox>("chartModePicker");
        mode->setCurrentIndex(mode->findData(int(SwapChartStack::Mode::Candles)));
        auto *interval = child<QComboBox>("chartIntervalPicker");
        interval->setCurrentIndex(interval->findData(qint64(3600)));
        QVERIFY(settle());
        QCOMPARE(charts()->shownInterval(), qint64(3600));
        QCOMPARE(charts()->linePointCount(), 0);
        // One candle per hour with swaps in the day shown plus half a day each side (the overscan).
        const auto &frame = charts()->frame();
        const auto range = ui::charts::pointsBetween(
            m_history, ui::charts::intervalStart(qint64(std::floor(frame.fromMs / 1000)), 3600),
            qint64(std::ceil(frame.toMs / 1000)));
        const auto expected = ui::charts::aggregateCandles(m_history, range, 3600);
        QCOMPARE(charts()->candleCount(), int(expected.size()));
        QVERIFY(charts()->candleCount() >= 24);
        QCOMPARE(frame.candles.constFirst().open, expected.constFirst().open);
        QCOMPARE(frame.candles.constLast().close, expected.constLast().close);
        QVERIFY(charts()->chartTitle(0).contains(QStringLiteral("1 h candles")));
        // The y axis spans the shown candles' lows and highs.
        saveScreenshot(m_pane.get(), QStringLiteral("pool-charts-candles.png"));

        // Back to an automatic 5-minute-or-so interval for the hour.
        interval->setCurrentIndex(0);
        QTest::mouseClick(child<QToolButton>("range1hButton"), Qt::LeftButton);
        QVERIFY(settle());
        QVERIFY(charts()->shownInterval() < 3600);
        QVERIFY(charts()->candleCount() >= 6);
        saveScreenshot(m_pane.get(), QStringLiteral("pool-charts-candles-1h.png"));
        mode->setCurrentIndex(mode->findData(int(SwapChartStack::Mode::Line)));
        QVERIFY(settle());
        QCOMPARE(charts()->candleCount(), 0);
        QVERIFY(charts()->linePointCount() > 0);
    }

    void wheelZoomAndDragPanKeepTheChartsInSync()
    {
        QTest::mouseClick(child<QToolButton>("range1dButton"), Qt::LeftButton);
        QVERIFY(settle());
        QWidget *price = viewport("priceChartView");
        const QPoint centre(price->width() / 2, price->height() / 2);
        const double span = charts()->visibleTo() - charts()->visibleFrom();
        QSignalSpy ranges(charts(), &SwapChartStack::rangeChanged);
        sendWheel(price, centre, 120);   // one notch in
        QCOMPARE(charts()->range(), SwapChartStack::Range::Custom);
        QCOMPARE(ranges.size(), 1);
        QVERIFY(!child<QToolButton>("range1dButton")->isChecked());
        const double zoomed = charts()->visibleTo() - charts()->visibleFrom();
        QVERIFY2(std::abs(zoomed - span * 0.8) < 1, qPrintable(QString::number(zoomed / span)));
        QVERIFY(sameRanges(charts()->axisRanges()));
        sendWheel(price, centre, 240);   // two more
        QVERIFY(std::abs((charts()->visibleTo() - charts()->visibleFrom()) - span * 0.8 * 0.64) < 1);
        QVERIFY(sameRanges(charts()->axisRanges()));
        QVERIFY(settle());
        QCOMPARE(charts()->frame().request.fromMs, charts()->visibleFrom());

        // Drag on the volume chart 200 px to the right: the view moves back in time by 200 px worth.
        QWidget *volume = viewport("volumeChartView");
        const double before = charts()->visibleFrom();
        const double width = charts()->visibleTo() - before;
        const QPoint start(volume->width() / 2, volume->height() / 2);
        sendMouse(volume, QEvent::MouseButtonPress, start, Qt::LeftButton, Qt::LeftButton);
        for (int dx = 20; dx <= 200; dx += 20)
            sendMouse(volume, QEvent::MouseMove, start + QPoint(dx, 0), Qt::NoButton, Qt::LeftButton);
        sendMouse(volume, QEvent::MouseButtonRelease, start + QPoint(200, 0), Qt::LeftButton, Qt::NoButton);
        const double moved = before - charts()->visibleFrom();
        // The plot spans the view less its margins (the same for the three charts).
        QVERIFY2(moved > width * 200 / volume->width() && moved < width * 200 / (volume->width() - 150.0),
                 qPrintable(QString::number(moved / width)));
        QCOMPARE(charts()->visibleTo() - charts()->visibleFrom(), width);
        QVERIFY(sameRanges(charts()->axisRanges()));
        QVERIFY(settle());
        QCOMPARE(charts()->frame().request.fromMs, charts()->visibleFrom());
        QVERIFY(sameRanges(charts()->axisRanges()));

        // Dragging far past the oldest swap stops with part of the data still in view.
        charts()->pan(-1e12);
        QVERIFY(charts()->visibleTo() > m_history.constFirst().timestamp * 1000.0);
        charts()->pan(1e12);
        QVERIFY(charts()->visibleFrom() < m_history.constLast().timestamp * 1000.0);
        QVERIFY(settle());
    }

    void crosshairTooltipAtAPosition()
    {
        QTest::mouseClick(child<QToolButton>("range1dButton"), Qt::LeftButton);
        QVERIFY(settle());
        // A time inside the day: the tooltip names its interval, the price of the last swap at or
        // before it, and the interval's volume and count.
        const SwapPoint &probe = m_history.at(m_history.size() - 3000);
        const double t = probe.timestamp * 1000.0 + 500;
        charts()->showCrosshairAt(t);
        const QString text = charts()->tooltipText();
        const qint64 interval = charts()->shownInterval();
        const qint64 start = ui::charts::intervalStart(probe.timestamp, interval);
        const auto range = ui::charts::pointsBetween(m_history, start, start + interval - 1);
        const auto candle = ui::charts::aggregateCandles(m_history, range, interval);
        QCOMPARE(candle.size(), 1);
        const auto upTo = ui::charts::pointsBetween(m_history, 0, probe.timestamp);
        const double price = m_history.at(upTo.last - 1).price;
        const QStringList lines = text.split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 5);
        const QDateTime from = QDateTime::fromSecsSinceEpoch(start);
        const QDateTime to = QDateTime::fromSecsSinceEpoch(start + interval);
        QCOMPARE(lines.at(0), QStringLiteral("%1 – %2").arg(
                                  from.toString(QStringLiteral("yyyy-MM-dd HH:mm")),
                                  to.toString(from.date() == to.date() ? QStringLiteral("HH:mm")
                                                                       : QStringLiteral("yyyy-MM-dd HH:mm"))));
        QCOMPARE(lines.at(1), QStringLiteral("Price: %1 USDC per ETH").arg(QString::number(price, 'f', 2)));
        QCOMPARE(lines.at(2), QStringLiteral("Volume: %1 USDC · %2 ETH")
                                  .arg(QString::number(candle.first().volumeUsdc, 'f', 2),
                                       QString::number(candle.first().volumeEth, 'f', 4)));
        QCOMPARE(lines.at(4), QStringLiteral("Swaps: %1").arg(candle.first().swaps));
        QVERIFY(child<QLabel>("chartTooltip")->isVisible());

        // The mouse over the count chart shows it too, and leaving hides it.
        QWidget *count = viewport("swapCountChartView");
        sendMouse(count, QEvent::MouseMove, QPoint(count->width() / 2, count->height() / 3), Qt::NoButton, Qt::NoButton);
        QVERIFY(charts()->tooltipText().contains(QStringLiteral("Swaps")));
        saveScreenshot(m_pane.get(), QStringLiteral("pool-charts-crosshair.png"));
        QEvent leave(QEvent::Leave);
        QApplication::sendEvent(child<QWidget>("swapCountChartView"), &leave);
        QVERIFY(charts()->tooltipText().isEmpty());
        QVERIFY(!child<QLabel>("chartTooltip")->isVisible());

        // Candle mode: OHLC.
        charts()->setMode(SwapChartStack::Mode::Candles);
        QVERIFY(settle());
        charts()->showCrosshairAt(t);
        const QStringList ohlc = charts()->tooltipText().split(QLatin1Char('\n'));
        const Candle &c = candle.first();
        QCOMPARE(ohlc.at(1), QStringLiteral("Open %1 · High %2 · Low %3 · Close %4")
                                 .arg(QString::number(c.open, 'f', 2), QString::number(c.high, 'f', 2),
                                      QString::number(c.low, 'f', 2), QString::number(c.close, 'f', 2)));
        charts()->hideCrosshair();
        charts()->setMode(SwapChartStack::Mode::Line);
        QVERIFY(settle());
    }

    void liveSwapsExtendTheSeriesAndFollowTheHead()
    {
        QTest::mouseClick(child<QToolButton>("range1hButton"), Qt::LeftButton);
        QVERIFY(settle());
        const int before = charts()->pointCount();
        const QList<PoolSwap> live = liveSwaps(m_history.constLast(), 30, 60, 3300);
        Q_EMIT m_service->swapsAppended(live.mid(0, 20));
        QTRY_COMPARE(charts()->pointCount(), before + 20);
        const double newest = live.at(19).timestamp * 1000.0;
        QCOMPARE(charts()->points().constLast().timestamp, live.at(19).timestamp);
        QCOMPARE(charts()->points().constLast().price, market::toSwapPoint(live.at(19)).price);
        QCOMPARE(charts()->visibleFrom(), newest - 3'600'000);   // the preset moves with the head
        QVERIFY(settle());
        QCOMPARE(charts()->frame().line.constLast().x(), newest);

        // The same swaps again (an overlap of history and live feed) change nothing.
        Q_EMIT m_service->swapsAppended(live.mid(10, 10));
        QTest::qWait(50);
        QCOMPARE(charts()->pointCount(), before + 20);

        // A zoomed view that shows the head follows it with its width...
        charts()->zoom(0.5, charts()->visibleTo());
        const double width = charts()->visibleTo() - charts()->visibleFrom();
        QVERIFY(charts()->visibleTo() >= newest);
        Q_EMIT m_service->swapsAppended(live.mid(20, 5));
        QTRY_COMPARE(charts()->pointCount(), before + 25);
        QVERIFY(charts()->visibleTo() >= live.at(24).timestamp * 1000.0);
        QCOMPARE(charts()->visibleTo() - charts()->visibleFrom(), width);
        QCOMPARE(charts()->range(), SwapChartStack::Range::Custom);
        // ...one looking at the past stays where it is.
        charts()->setVisibleRange(m_history.at(1000).timestamp * 1000.0, m_history.at(2000).timestamp * 1000.0);
        const double from = charts()->visibleFrom();
        Q_EMIT m_service->swapsAppended(live.mid(25, 5));
        QTRY_COMPARE(charts()->pointCount(), before + 30);
        QCOMPARE(charts()->visibleFrom(), from);
        QVERIFY(settle());

        // The table got them too, newest first.
        auto *model = m_pane->recentSwaps();
        QCOMPARE(model->rowCount(), 30);
        QCOMPARE(model->index(0, ui::RecentSwapsModel::BlockColumn).data().toString(),
                 QString::number(live.last().blockNumber));
        m_history = charts()->points();
    }

    void recentSwapsTable()
    {
        auto *model = m_pane->recentSwaps();
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model->columnCount(), 7);
        QCOMPARE(model->headerData(ui::RecentSwapsModel::TxHashColumn, Qt::Horizontal).toString(),
                 QStringLiteral("Tx hash"));
        // 600 more in batches: capped at 500, newest first, oldest dropped.
        SwapPoint last = m_history.constLast();
        for (int batch = 0; batch < 6; ++batch) {
            const QList<PoolSwap> swaps = liveSwaps(last, 100, 2, 3300 + batch);
            Q_EMIT m_service->swapsAppended(swaps);
            last = market::toSwapPoint(swaps.last());
        }
        QCOMPARE(model->rowCount(), 500);
        QTRY_COMPARE(charts()->points().constLast().blockNumber, last.blockNumber);
        QVERIFY(settle());
        QCOMPARE(model->index(0, ui::RecentSwapsModel::BlockColumn).data().toString(), QString::number(last.blockNumber));
        for (int row = 1; row < model->rowCount(); ++row)
            QVERIFY(model->index(row - 1, ui::RecentSwapsModel::BlockColumn).data().toULongLong()
                    > model->index(row, ui::RecentSwapsModel::BlockColumn).data().toULongLong());
        // Row 0 is the last swap of the last batch: i = 99, odd, a sell of 0.25 ETH.
        QCOMPARE(model->index(0, ui::RecentSwapsModel::DirectionColumn).data().toString(), QStringLiteral("Sell ETH"));
        QCOMPARE(model->index(0, ui::RecentSwapsModel::EthColumn).data().toString(), QStringLiteral("0.250000"));
        QCOMPARE(model->index(1, ui::RecentSwapsModel::DirectionColumn).data().toString(), QStringLiteral("Buy ETH"));
        QCOMPARE(model->index(0, ui::RecentSwapsModel::PriceColumn).data().toString(),
                 QString::number(last.price, 'f', 2));
        const QString hash = model->index(0, 0).data(ui::RecentSwapsModel::TxHashRole).toString();
        QCOMPARE(hash.size(), 66);
        QCOMPARE(model->index(0, ui::RecentSwapsModel::TxHashColumn).data().toString(),
                 QString(hash.left(6) + QStringLiteral("…") + hash.right(4)));
        QVERIFY(model->index(0, ui::RecentSwapsModel::TimeColumn).data(Qt::ToolTipRole).toString().contains(
            QString::number(QDateTime::fromSecsSinceEpoch(last.timestamp).date().year())));
        // Replace with the service's list (a new feed does this): the tester checks the reset.
        model->setSwaps(liveSwaps(m_history.constLast(), 3, 2, 3000));
        QCOMPARE(model->rowCount(), 3);
        model->clear();
        QCOMPARE(model->rowCount(), 0);
        m_history = charts()->points();
        m_pane->tabs()->setCurrentIndex(1);
        model->setSwaps(liveSwaps(m_history.at(m_history.size() - 40), 40, 2, 3280));
        saveScreenshot(m_pane.get(), QStringLiteral("pool-charts-swaps-tab.png"));
        m_pane->tabs()->setCurrentIndex(0);
    }

    void metricsStrip()
    {
        market::PoolMetrics metrics;
        metrics.valid = true;
        metrics.windowSeconds = 600;
        metrics.lastPrice = 3012.5;
        metrics.firstPrice = 2975.3;
        metrics.priceChangePercent = 1.25;
        metrics.volumeEth = 12.3456;
        metrics.volumeUsdc = 37190.2;
        metrics.swapCount = 42;
        metrics.volatilityPercent = 0.0834;
        Q_EMIT m_service->metricsChanged(metrics);
        QCOMPARE(child<QLabel>("metricWindowValue")->text(), QStringLiteral("10 min"));
        QCOMPARE(child<QLabel>("metricLastPriceValue")->text(), QStringLiteral("3012.50"));
        QCOMPARE(child<QLabel>("metricChangeValue")->text(), QStringLiteral("+1.25 %"));
        QCOMPARE(child<QLabel>("metricVolumeEthValue")->text(), QStringLiteral("12.3456"));
        QCOMPARE(child<QLabel>("metricVolumeUsdcValue")->text(), QStringLiteral("37190.20"));
        QCOMPARE(child<QLabel>("metricSwapCountValue")->text(), QStringLiteral("42"));
        QCOMPARE(child<QLabel>("metricVolatilityValue")->text(), QStringLiteral("0.083 %"));
        metrics.priceChangePercent = -0.5;
        Q_EMIT m_service->metricsChanged(metrics);
        QCOMPARE(child<QLabel>("metricChangeValue")->text(), QStringLiteral("-0.50 %"));
        Q_EMIT m_service->metricsChanged(market::PoolMetrics{});
        QCOMPARE(child<QLabel>("metricSwapCountValue")->text(), QStringLiteral("—"));
        Q_EMIT m_service->metricsChanged(metrics);
    }

    void exportPngAndCandlesCsv()
    {
        QTest::mouseClick(child<QToolButton>("range1dButton"), Qt::LeftButton);
        charts()->setInterval(900);
        QVERIFY(settle());
        QSignalSpy exported(m_pane.get(), &ui::PoolChartsPane::fileExported);

        const QString png = m_dir.filePath(QStringLiteral("charts.png"));
        const QSize grabbed = charts()->chartsArea()->size() * charts()->chartsArea()->devicePixelRatioF();
        m_pane->exportChartsPng(png);
        QVERIFY(exported.wait(10000));
        QCOMPARE(exported.last().at(1).toBool(), true);
        const QImage image(png);
        QCOMPARE(image.size(), grabbed);   // the charts area as it was (the message below it came after)
        QVERIFY(child<QLabel>("poolChartsMessage")->text().contains(QStringLiteral("charts.png")));

        const QString csv = m_dir.filePath(QStringLiteral("candles.csv"));
        const QVector<Candle> shown = charts()->visibleCandles();
        QVERIFY(shown.size() >= 90);   // a day of 15-minute candles
        m_pane->exportCandlesCsv(csv);
        QVERIFY(exported.wait(10000));
        QCOMPARE(exported.last().at(1).toBool(), true);
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
        QCOMPARE(lines.first(), QByteArray("time,open,high,low,close,volume_usdc,volume_eth,swaps"));
        QCOMPARE(lines.size() - 1, shown.size());
        int swaps = 0;
        for (int i = 1; i < lines.size(); ++i) {
            const QList<QByteArray> f = lines.at(i).split(',');
            QCOMPARE(f.size(), 8);
            const QDateTime time = QDateTime::fromString(QString::fromLatin1(f.at(0)), Qt::ISODate);
            QVERIFY(time.isValid());
            const Candle &c = shown.at(i - 1);
            QCOMPARE(time.toSecsSinceEpoch(), c.start);
            QCOMPARE(c.start % 900, 0);
            QVERIFY(std::abs(f.at(1).toDouble() - c.open) < 1e-6);
            QVERIFY(std::abs(f.at(2).toDouble() - c.high) < 1e-6);
            QVERIFY(std::abs(f.at(3).toDouble() - c.low) < 1e-6);
            QVERIFY(std::abs(f.at(4).toDouble() - c.close) < 1e-6);
            QVERIFY(f.at(3).toDouble() <= f.at(1).toDouble() && f.at(1).toDouble() <= f.at(2).toDouble());
            QVERIFY(std::abs(f.at(5).toDouble() - c.volumeUsdc) < 1e-5);
            QVERIFY(std::abs(f.at(6).toDouble() - c.volumeEth) < 1e-8);
            QCOMPARE(f.at(7).toInt(), c.swaps);
            swaps += f.at(7).toInt();
        }
        // The file's swaps are exactly the history's swaps in those intervals.
        const auto range = ui::charts::pointsBetween(m_history, shown.constFirst().start, shown.constLast().start + 899);
        QCOMPARE(swaps, range.size());

        // A folder that does not exist: an error in words.
        m_pane->exportCandlesCsv(m_dir.filePath(QStringLiteral("missing/dir/candles.csv")));
        QVERIFY(exported.wait(10000));
        QCOMPARE(exported.last().at(1).toBool(), false);
        QVERIFY(exported.last().at(2).toString().startsWith(QStringLiteral("Could not write")));
        charts()->setInterval(0);
        QVERIFY(settle());
    }

    void collectDialogAndProgress()
    {
        ui::CollectDialog dialog(m_service->feed());
        auto *urls = dialog.findChild<QPlainTextEdit *>(QStringLiteral("collectRpcUrlsEdit"));
        auto *from = dialog.findChild<QLineEdit *>(QStringLiteral("collectFromBlockEdit"));
        auto *to = dialog.findChild<QLineEdit *>(QStringLiteral("collectToBlockEdit"));
        QVERIFY(urls && from && to);
        QCOMPARE(dialog.request().error().message, QStringLiteral("Enter at least one RPC URL."));
        urls->setPlainText(QStringLiteral("ftp://nope"));
        QVERIFY(dialog.request().error().message.contains(QStringLiteral("is not an http(s) or ws(s) URL")));
        urls->setPlainText(QStringLiteral("https://mainnet.base.org\n\n http://127.0.0.1:8545 \n"));
        QCOMPARE(dialog.request().error().message, QStringLiteral("Enter the first block to collect."));
        QTest::keyClicks(from, QStringLiteral("25428824x"));   // the validator takes digits only
        QTest::keyClicks(to, QStringLiteral("25428000"));
        QCOMPARE(dialog.request().error().message, QStringLiteral("The last block comes before the first."));
        to->clear();
        auto request = dialog.request();
        QVERIFY(request.ok());
        QCOMPARE(request->rpcUrls, (QList<QString>{QStringLiteral("https://mainnet.base.org"),
                                                   QStringLiteral("http://127.0.0.1:8545")}));
        QCOMPARE(request->fromBlock, quint64(25'428'824));
        QVERIFY(!request->toBlock.has_value());
        QCOMPARE(request->batchBlocks, 200);
        QCOMPARE(request->confirmations, 3);
        QVERIFY(!request->poolManager.isZero());
        QVERIFY(!request->poolId.isZero());
        // Accepting a form with a mistake keeps the dialog open and says what to fix.
        from->clear();
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("collectStartButton")), Qt::LeftButton);
        QVERIFY(dialog.isVisible());
        QCOMPARE(dialog.findChild<QLabel *>(QStringLiteral("collectErrorLabel"))->text(),
                 QStringLiteral("Enter the first block to collect."));
        saveScreenshot(&dialog, QStringLiteral("pool-charts-collect-dialog.png"));
        QTest::keyClicks(from, QStringLiteral("25428824"));
        QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("collectStartButton")), Qt::LeftButton);
        QVERIFY(!dialog.isVisible());
        QCOMPARE(dialog.result(), int(QDialog::Accepted));

        // Progress from the service: the row shows blocks, events, rate and ETA, with Cancel.
        m_pane->tabs()->setCurrentIndex(2);
        market::CollectProgress progress;
        progress.fromBlock = 100;
        progress.toBlock = 299;
        progress.blocksDone = 50;
        progress.blocksTotal = 200;
        progress.eventsStored = 1234;
        progress.blocksPerSecond = 25;
        progress.etaSeconds = 6;
        Q_EMIT m_service->collectProgressChanged(progress);
        QVERIFY(child<QWidget>("collectProgressRow")->isVisible());
        QCOMPARE(child<QProgressBar>("collectProgressBar")->value(), 250);
        QCOMPARE(child<QLabel>("collectProgressLabel")->text(),
                 QStringLiteral("50 of 200 blocks · 1234 new swaps · 25.0 blocks/s · 6 s left"));
        QVERIFY(!child<QPushButton>("collectHistoryButton")->isEnabled());
        QVERIFY(child<QPushButton>("cancelCollectButton")->isEnabled());
        saveScreenshot(m_pane.get(), QStringLiteral("pool-charts-data-tab.png"));
        QTest::mouseClick(child<QPushButton>("cancelCollectButton"), Qt::LeftButton);
        QCOMPARE(child<QLabel>("collectProgressLabel")->text(), QStringLiteral("Stopping…"));

        QSignalSpy loaded(m_pane.get(), &ui::PoolChartsPane::historyLoaded);
        QSignalSpy failed(m_pane.get(), &ui::PoolChartsPane::historyLoadFailed);
        market::CollectResult result;
        result.fromBlock = 100;
        result.toBlock = 149;
        result.eventsStored = 1234;
        result.eventsSeen = 1300;
        Q_EMIT m_service->collectFinished(7, false, Error::canceled(), result);
        QVERIFY(!child<QWidget>("collectProgressRow")->isVisible());
        QCOMPARE(child<QLabel>("poolDataMessage")->text(),
                 QStringLiteral("Collection stopped after 1234 new swaps; the next one resumes there."));
        QVERIFY(child<QPushButton>("collectHistoryButton")->isEnabled());
        // New rows were stored: the pane asked the service for the history again (the service of this
        // test has no stored swaps: an empty history or an error); the test's history goes back in below.
        QVERIFY(waitForLoad(loaded, failed));
        m_pane->tabs()->setCurrentIndex(0);
        feedHistory();
    }

    void importAndExportMessages()
    {
        QSignalSpy loaded(m_pane.get(), &ui::PoolChartsPane::historyLoaded);
        QSignalSpy failed(m_pane.get(), &ui::PoolChartsPane::historyLoadFailed);
        Q_EMIT m_service->importFinished(3, true, Error{}, 8000, 7990);
        QCOMPARE(child<QLabel>("poolDataMessage")->text(), QStringLiteral("Imported 8000 swaps, 7990 of them new."));
        Q_EMIT m_service->importFinished(4, false, Error::make(Error::Kind::Format, QStringLiteral("Row 3 has 12 columns, not 13.")), 0, 0);
        QCOMPARE(child<QLabel>("poolDataMessage")->text(), QStringLiteral("Row 3 has 12 columns, not 13."));
        QCOMPARE(child<QLabel>("poolDataMessage")->property("error").toBool(), true);
        QVERIFY(waitForLoad(loaded, failed));   // the successful import asked for the history again
        feedHistory();
    }

    void smallDockAndDarkPalette()
    {
        m_pane->resize(420, 380);   // about the dock's size in a 1280×800 window
        QCoreApplication::processEvents();
        QVERIFY(settle());
        QVERIFY(m_pane->width() >= m_pane->minimumSizeHint().width());
        QVERIFY(m_pane->height() >= m_pane->minimumSizeHint().height());
        for (QLabel *label : m_pane->findChildren<QLabel *>()) {
            if (!label->isVisible() || label->text().isEmpty() || label->wordWrap())
                continue;
            QVERIFY2(label->width() >= label->sizeHint().width(), qPrintable(label->objectName()));
        }
        saveScreenshot(m_pane.get(), QStringLiteral("pool-charts-small.png"));

        QPalette dark;
        dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
        dark.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
        dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
        dark.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x26));
        dark.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
        dark.setColor(QPalette::Button, QColor(0x35, 0x35, 0x35));
        dark.setColor(QPalette::ButtonText, QColor(0xe6, 0xe6, 0xe6));
        dark.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9a, 0x9a));
        dark.setColor(QPalette::ToolTipBase, QColor(0x3c, 0x3c, 0x3c));
        dark.setColor(QPalette::ToolTipText, QColor(0xf0, 0xf0, 0xf0));
        const QPalette light = QApplication::palette();
        QApplication::setPalette(dark);
        m_pane->resize(1100, 760);
        charts()->setMode(SwapChartStack::Mode::Candles);
        QCOMPARE(child<QComboBox>("chartModePicker")->currentText(), QStringLiteral("Candles"));   // mirrored
        QVERIFY(settle());
        charts()->showCrosshairAt(m_history.at(m_history.size() - 4000).timestamp * 1000.0);
        saveScreenshot(m_pane.get(), QStringLiteral("pool-charts-dark.png"));
        charts()->hideCrosshair();
        charts()->setMode(SwapChartStack::Mode::Line);
        QApplication::setPalette(light);
        QVERIFY(settle());
    }

    void aMillionPointsPanWithoutStallingTheGuiThread()
    {
        QVector<SwapPoint> big = history(1'000'000, 30 * 86400, 11);
        QElapsedTimer timer;
        timer.start();
        m_pane->setPoints(std::move(big));
        const qint64 handOver = timer.elapsed();
        QVERIFY2(handOver < 200, qPrintable(QString::number(handOver)));   // a check of order, no copy
        QVERIFY(settle(30000));
        QCOMPARE(charts()->pointCount(), 1'000'000);
        QVERIFY(charts()->linePointCount() <= charts()->frame().request.columns * 2 * 4 + 2);
        QTest::mouseClick(child<QToolButton>("range1wButton"), Qt::LeftButton);
        QVERIFY(settle(30000));

        // Thirty drag steps: each pan returns at once (the decimation is elsewhere), frames keep coming.
        QSignalSpy applied(charts(), &SwapChartStack::frameApplied);
        qint64 longest = 0;
        const double step = (charts()->visibleTo() - charts()->visibleFrom()) / 60;
        for (int i = 0; i < 30; ++i) {
            timer.restart();
            charts()->pan(-step);
            longest = std::max(longest, timer.elapsed());
            QTest::qWait(16);
        }
        QVERIFY(settle(30000));
        qInfo() << "longest pan call with 1,000,000 points:" << longest << "ms;" << applied.size() << "frames applied";
        QVERIFY2(longest < 100, qPrintable(QString::number(longest)));
        QVERIFY(applied.size() >= 3);
        QCOMPARE(charts()->frame().request.fromMs, charts()->visibleFrom());
        saveScreenshot(m_pane.get(), QStringLiteral("pool-charts-million.png"));
        m_history = charts()->points();
    }

    void anotherPoolReplacesTheHistory()
    {
        QSignalSpy loaded(m_pane.get(), &ui::PoolChartsPane::historyLoaded);
        QSignalSpy failed(m_pane.get(), &ui::PoolChartsPane::historyLoadFailed);
        market::MarketFeed feed;
        feed.chain = QStringLiteral("8453");
        feed.poolId = hashOf(99);
        feed.text = QStringLiteral("Following BASE.");
        Q_EMIT m_service->feedChanged(feed);
        QCOMPARE(charts()->pointCount(), 0);   // at once: no old pool's swaps under the new name
        QCOMPARE(m_pane->recentSwaps()->rowCount(), int(m_service->recentSwaps().size()));
        QVERIFY(waitForLoad(loaded, failed));
        QCOMPARE(failed.size(), 0);
        QVERIFY(child<QLabel>("chartsEmptyLabel")->isVisible());
        QCOMPARE(child<QLabel>("chartsEmptyLabel")->text(),
                 QStringLiteral("No swaps yet — connect a chain or import a CSV."));
        QVERIFY(!child<QCheckBox>("sandboxMarketToggle")->isEnabled());
    }
};

QTEST_MAIN(TestPoolChartsPane)
#include "test_pool_charts_pane.moc"
