// The chart's pure functions on hand-made data: min/max decimation keeps every column's envelope and
// the series' first and last point with at most four points per column, copes with empty, single
// and same-timestamp input; candles have the right OHLC, volumes, buy/sell split and counts; the
// frame (what the three charts draw) agrees with them.

#include "widgets/charts/chartframe.h"
#include "widgets/charts/seriesdecimation.h"

#include <QRandomGenerator>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <limits>

using namespace apedesk;
using namespace apedesk::ui::charts;
using market::SwapPoint;

namespace {

SwapPoint point(qint64 t, double price, double eth = 0.1, double usdc = -300, quint64 block = 0, quint32 log = 0)
{
    SwapPoint p;
    p.timestamp = t;
    p.price = price;
    p.ethAmount = eth;
    p.usdcAmount = usdc;
    p.blockNumber = block ? block : quint64(t);
    p.logIndex = log;
    return p;
}

// A random walk with spikes, several swaps per second at times, sorted by time.
QVector<SwapPoint> walk(int n, qint64 start, quint32 seed)
{
    QRandomGenerator rng(seed);
    QVector<SwapPoint> out;
    out.reserve(n);
    double price = 3000;
    qint64 t = start;
    for (int i = 0; i < n; ++i) {
        t += rng.bounded(4);   // 0..3 s: equal timestamps happen
        price *= std::exp((rng.generateDouble() - 0.5) * 0.002);
        double shown = price;
        if (rng.bounded(200) == 0)
            shown *= rng.bounded(2) ? 1.05 : 0.95;   // a spike the envelope must keep
        const double eth = (rng.generateDouble() - 0.5) * 2;
        out.append(point(t, shown, eth, -eth * shown, quint64(t), quint32(i)));
    }
    return out;
}

int columnOf(double xMs, double fromMs, double toMs, int columns)
{
    // The same arithmetic as decimateMinMax, so a point on a column border lands in the same column.
    const double scale = 1.0 / ((toMs - fromMs) / columns);
    const double c = std::floor((xMs - fromMs) * scale);
    return std::clamp(int(c), 0, columns - 1);
}

} // namespace

class TestChartDecimation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void envelopeFirstLastAndAtMostFourPerColumn_data()
    {
        QTest::addColumn<int>("n");
        QTest::addColumn<int>("columns");
        QTest::addColumn<quint32>("seed");
        QTest::newRow("dense") << 50'000 << 300 << 1u;
        QTest::newRow("sparse") << 200 << 1500 << 2u;
        QTest::newRow("one column") << 5'000 << 1 << 3u;
        QTest::newRow("as many as points") << 1'000 << 1'000 << 4u;
    }

    void envelopeFirstLastAndAtMostFourPerColumn()
    {
        QFETCH(int, n);
        QFETCH(int, columns);
        QFETCH(quint32, seed);
        const QVector<SwapPoint> points = walk(n, 1'737'646'995, seed);
        const double from = points.constFirst().timestamp * 1000.0;
        const double to = points.constLast().timestamp * 1000.0 + 1;
        const QVector<QPointF> out = decimateMinMax(points, {0, int(points.size())}, from, to, columns);

        QVERIFY(!out.isEmpty());
        QVERIFY(out.size() <= qsizetype(columns) * 4);
        QCOMPARE(out.constFirst(), QPointF(points.constFirst().timestamp * 1000.0, points.constFirst().price));
        QCOMPARE(out.constLast(), QPointF(points.constLast().timestamp * 1000.0, points.constLast().price));
        QVERIFY(std::is_sorted(out.cbegin(), out.cend(), [](const QPointF &a, const QPointF &b) { return a.x() < b.x(); }));

        const double inf = std::numeric_limits<double>::infinity();
        QVector<double> inMin(columns, inf), inMax(columns, -inf), outMin(columns, inf), outMax(columns, -inf);
        QVector<int> perColumn(columns, 0);
        for (const SwapPoint &p : points) {
            const int c = columnOf(p.timestamp * 1000.0, from, to, columns);
            inMin[c] = std::min(inMin[c], p.price);
            inMax[c] = std::max(inMax[c], p.price);
        }
        for (const QPointF &p : out) {
            const int c = columnOf(p.x(), from, to, columns);
            outMin[c] = std::min(outMin[c], p.y());
            outMax[c] = std::max(outMax[c], p.y());
            ++perColumn[c];
        }
        for (int c = 0; c < columns; ++c) {
            QVERIFY2(perColumn[c] <= 4, qPrintable(QStringLiteral("column %1 has %2").arg(c).arg(perColumn[c])));
            QCOMPARE(outMin[c], inMin[c]);   // the envelope: exactly the column's extremes
            QCOMPARE(outMax[c], inMax[c]);
        }
        // Every output point is an input point (nothing invented).
        int matched = 0;
        for (const QPointF &p : out) {
            const auto hit = std::find_if(points.cbegin(), points.cend(), [&](const SwapPoint &s) {
                return s.timestamp * 1000.0 == p.x() && s.price == p.y();
            });
            matched += hit != points.cend();
        }
        QCOMPARE(matched, int(out.size()));
    }

    void keepsTimeOrderWithinAColumn()
    {
        // One column: first 10, then the max 30, then the min 5, then last 20 → in that order.
        const QVector<SwapPoint> points{point(100, 10), point(101, 30), point(102, 15), point(103, 5), point(104, 20)};
        const QVector<QPointF> out = decimateMinMax(points, {0, int(points.size())}, 100'000, 105'000, 1);
        QCOMPARE(out, (QVector<QPointF>{{100'000, 10}, {101'000, 30}, {103'000, 5}, {104'000, 20}}));
    }

    void emptyOnePointAndEqualTimestamps()
    {
        const QVector<SwapPoint> none;
        QVERIFY(decimateMinMax(none, {0, int(none.size())}, 0, 1000, 10).isEmpty());
        QVERIFY(aggregateCandles(none, {0, int(none.size())}, 60).isEmpty());

        const QVector<SwapPoint> one{point(1000, 3000)};
        QCOMPARE(decimateMinMax(one, {0, int(one.size())}, 0, 2'000'000, 100), (QVector<QPointF>{{1'000'000, 3000}}));
        // A zero-width span (from == to) still gives one column.
        QCOMPARE(decimateMinMax(one, {0, int(one.size())}, 1'000'000, 1'000'000, 100).size(), 1);

        // Five hundred swaps in one block, one timestamp: first, min, max, last of them.
        QVector<SwapPoint> same;
        for (int i = 0; i < 500; ++i)
            same.append(point(5000, 3000 + std::sin(i) * 10 + (i == 250 ? 50 : 0), 0.1, -300, 42, quint32(i)));
        const QVector<QPointF> out = decimateMinMax(same, {0, int(same.size())}, 4'000'000, 6'000'000, 800);
        QVERIFY(out.size() <= 4);
        QCOMPARE(out.constFirst().y(), same.constFirst().price);
        QCOMPARE(out.constLast().y(), same.constLast().price);
        const auto [lo, hi] = std::minmax_element(same.cbegin(), same.cend(),
                                                  [](const SwapPoint &a, const SwapPoint &b) { return a.price < b.price; });
        double outLo = 1e99, outHi = -1e99;
        for (const QPointF &p : out) {
            outLo = std::min(outLo, p.y());
            outHi = std::max(outHi, p.y());
        }
        QCOMPARE(outLo, lo->price);
        QCOMPARE(outHi, hi->price);

        // Equal timestamps are one candle.
        const QVector<Candle> candles = aggregateCandles(same, {0, int(same.size())}, 60);
        QCOMPARE(candles.size(), 1);
        QCOMPARE(candles.constFirst().swaps, 500);
    }

    void pointsBetweenIsInclusiveBinarySearch()
    {
        const QVector<SwapPoint> points{point(10, 1), point(20, 2), point(20, 3), point(30, 4), point(40, 5)};
        auto r = pointsBetween(points, 20, 30);
        QCOMPARE(r.first, 1);
        QCOMPARE(r.last, 4);
        r = pointsBetween(points, 21, 29);
        QVERIFY(r.isEmpty());
        r = withNeighbours(points, r);
        QCOMPARE(r.first, 2);
        QCOMPARE(r.last, 4);
        QVERIFY(pointsBetween(points, 50, 40).isEmpty());
        r = pointsBetween(points, 0, 100);
        QCOMPARE(r.size(), 5);
        QCOMPARE(withNeighbours(points, r).size(), 5);
        QVERIFY(withNeighbours({}, {}).isEmpty());
    }

    void candlesOnHandMadeData()
    {
        // Two one-minute intervals starting at 1,737,000,000 (a multiple of 60), an empty one, then a third.
        const qint64 t0 = 1'737'000'000;
        QCOMPARE(t0 % 60, 0);
        const QVector<SwapPoint> points{
            point(t0 + 1, 3000.0, -1.0, 3000.0),    // sells 1 ETH: swapper paid ETH (amount0 < 0)
            point(t0 + 20, 3010.0, 0.5, -1505.0),   // buys 0.5 ETH
            point(t0 + 30, 2990.0, -0.2, 598.0),
            point(t0 + 59, 3005.0, 0.1, -300.5),
            point(t0 + 60, 3006.0, 2.0, -6012.0),   // next minute
            point(t0 + 180, 3100.0, -0.3, 930.0),   // minute 3; minute 2 had no swaps
        };
        const QVector<Candle> candles = aggregateCandles(points, {0, int(points.size())}, 60);
        QCOMPARE(candles.size(), 3);

        const Candle &a = candles.at(0);
        QCOMPARE(a.start, t0);
        QCOMPARE(a.open, 3000.0);
        QCOMPARE(a.high, 3010.0);
        QCOMPARE(a.low, 2990.0);
        QCOMPARE(a.close, 3005.0);
        QCOMPARE(a.swaps, 4);
        QCOMPARE(a.volumeEth, 1.0 + 0.5 + 0.2 + 0.1);
        QCOMPARE(a.volumeUsdc, 3000.0 + 1505.0 + 598.0 + 300.5);
        QCOMPARE(a.sellUsdc, 3000.0 + 598.0);
        QCOMPARE(a.buyUsdc, 1505.0 + 300.5);
        QCOMPARE(a.buyUsdc + a.sellUsdc, a.volumeUsdc);

        const Candle &b = candles.at(1);
        QCOMPARE(b.start, t0 + 60);
        QCOMPARE(b.open, 3006.0);
        QCOMPARE(b.close, 3006.0);
        QCOMPARE(b.high, 3006.0);
        QCOMPARE(b.low, 3006.0);
        QCOMPARE(b.swaps, 1);
        QCOMPARE(b.sellUsdc, 0.0);

        QCOMPARE(candles.at(2).start, t0 + 180);
        QCOMPARE(candles.at(2).sellUsdc, 930.0);

        // Five minutes: all in one candle, OHLC over all six.
        const QVector<Candle> five = aggregateCandles(points, {0, int(points.size())}, 300);
        QCOMPARE(five.size(), 1);
        QCOMPARE(five.constFirst().start, t0 - t0 % 300);
        QCOMPARE(five.constFirst().open, 3000.0);
        QCOMPARE(five.constFirst().high, 3100.0);
        QCOMPARE(five.constFirst().low, 2990.0);
        QCOMPARE(five.constFirst().close, 3100.0);
        QCOMPARE(five.constFirst().swaps, 6);
    }

    void candlesAgreeWithABruteForceCount()
    {
        const QVector<SwapPoint> points = walk(20'000, 1'737'646'995, 9);
        for (qint64 interval : candleIntervals()) {
            const QVector<Candle> candles = aggregateCandles(points, {0, int(points.size())}, interval);
            int swaps = 0;
            double volume = 0;
            for (const Candle &c : candles) {
                QCOMPARE(c.start % interval, 0);
                QVERIFY(c.low <= c.open && c.open <= c.high);
                QVERIFY(c.low <= c.close && c.close <= c.high);
                swaps += c.swaps;
                volume += c.volumeUsdc;
            }
            QCOMPARE(swaps, int(points.size()));
            double expected = 0;
            for (const SwapPoint &p : points)
                expected += std::abs(p.usdcAmount);
            QVERIFY(std::abs(volume - expected) < 1e-6 * expected);
            QVERIFY(std::is_sorted(candles.cbegin(), candles.cend(),
                                   [](const Candle &x, const Candle &y) { return x.start < y.start; }));
        }
    }

    void intervalsAndFloors()
    {
        QCOMPARE(candleIntervals(), (QVector<qint64>{60, 300, 900, 3600, 14400, 86400}));
        QCOMPARE(autoInterval(3600, 120), qint64(60));     // 60 one-minute candles fit
        QCOMPARE(autoInterval(3600, 30), qint64(300));     // 12 five-minute candles
        QCOMPARE(autoInterval(7 * 86400, 200), qint64(3600));
        QCOMPARE(autoInterval(3650 * 86400.0, 200), qint64(86400));   // none fits: the largest
        QCOMPARE(intervalStart(119, 60), qint64(60));
        QCOMPARE(intervalStart(-1, 60), qint64(-60));
        QCOMPARE(intervalStart(-60, 60), qint64(-60));
    }

    void frameMatchesItsParts()
    {
        const QVector<SwapPoint> points = walk(30'000, 1'737'646'995, 5);
        FrameRequest request;
        request.fromMs = points.at(10'000).timestamp * 1000.0;
        request.toMs = points.at(20'000).timestamp * 1000.0;
        request.columns = 600;
        const ChartFrame frame = computeFrame(points, request);
        QVERIFY(frame.intervalSeconds > 0);
        QVERIFY(frame.line.size() <= qsizetype(std::lround(600 * 2.0)) * 4 + 2);
        QVERIFY(frame.fromMs < request.fromMs && frame.toMs > request.toMs);   // overscan
        // The bars are the candles' volumes: the scale keeps the axis labels short.
        double volumeMax = 0;
        for (const Candle &c : frame.candles)
            if ((c.start + frame.intervalSeconds) * 1000.0 > request.fromMs && c.start * 1000.0 <= request.toMs)
                volumeMax = std::max(volumeMax, c.volumeUsdc);
        QCOMPARE(frame.volumeMax, volumeMax / frame.volumeScale);
        QVERIFY(frame.volumeMax < 1e4);
        // The y range is the visible points' range (the envelope keeps the extremes).
        const IndexRange visible = pointsBetween(points, qint64(request.fromMs / 1000), qint64(request.toMs / 1000));
        double lo = 1e99, hi = -1e99;
        for (int i = visible.first; i < visible.last; ++i) {
            lo = std::min(lo, points.at(i).price);
            hi = std::max(hi, points.at(i).price);
        }
        QCOMPARE(frame.pointsInView, visible.size());
        QCOMPARE(frame.priceMin, lo);
        QCOMPARE(frame.priceMax, hi);
        // Candles mode: no line, the candles' extremes are the y range.
        request.candles = true;
        const ChartFrame candles = computeFrame(points, request);
        QVERIFY(candles.line.isEmpty());
        QVERIFY(!candles.candles.isEmpty());
        QVERIFY(candles.priceMin <= lo && candles.priceMax >= hi);
        // A fixed interval that would give too many bars falls back to the automatic one.
        request.intervalSeconds = 60;
        request.fromMs = points.constFirst().timestamp * 1000.0;
        request.toMs = request.fromMs + 30 * 86400 * 1000.0;
        QVERIFY(effectiveInterval(request) > 60);
        request.toMs = request.fromMs + 3600 * 1000.0;
        QCOMPARE(effectiveInterval(request), qint64(60));
        // Empty input: an empty frame, no crash.
        QVERIFY(computeFrame({}, request).candles.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestChartDecimation)
#include "test_chart_decimation.moc"
