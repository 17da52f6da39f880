// Rolling pool metrics over a time window (unix seconds, (end − window, end]): hand-made cases with
// known answers (window edges, empty window, one swap, signed amounts, volatility of log returns),
// then the 8,000 real BASE swaps: computePoolMetrics against a naive recomputation, and the
// incremental RollingMetrics against computePoolMetrics at every swap's time and between them.

#include "market/poolmetrics.h"
#include "market/swapcsv.h"
#include "market/swapfeatures.h"

#include <QFile>
#include <QSet>
#include <QTest>

#include <cmath>

using namespace apedesk;
using namespace apedesk::market;

namespace {

SwapPoint point(qint64 t, double price, double eth, double usdc, quint64 block = 0, quint32 log = 0)
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

// Every field equal, to the bit.
QString difference(const PoolMetrics &a, const PoolMetrics &b)
{
    QStringList out;
    auto check = [&](const char *name, double x, double y) {
        if (!(x == y))
            out << QStringLiteral("%1 %2 != %3").arg(QLatin1String(name)).arg(x, 0, 'g', 17).arg(y, 0, 'g', 17);
    };
    if (a.valid != b.valid)
        out << QStringLiteral("valid");
    check("windowSeconds", a.windowSeconds, b.windowSeconds);
    check("windowEnd", a.windowEnd, b.windowEnd);
    check("lastPrice", a.lastPrice, b.lastPrice);
    check("firstPrice", a.firstPrice, b.firstPrice);
    check("priceChangePercent", a.priceChangePercent, b.priceChangePercent);
    check("volumeEth", a.volumeEth, b.volumeEth);
    check("volumeUsdc", a.volumeUsdc, b.volumeUsdc);
    check("swapCount", a.swapCount, b.swapCount);
    check("volatilityPercent", a.volatilityPercent, b.volatilityPercent);
    return out.join(QStringLiteral("; "));
}

// The definitions, written out plainly: filter by time, then sums and a textbook sample std.
PoolMetrics naive(const QVector<SwapPoint> &all, qint64 end, qint64 window)
{
    QVector<SwapPoint> in;
    for (const SwapPoint &p : all)
        if (p.timestamp > end - window && p.timestamp <= end)
            in << p;
    PoolMetrics m;
    m.windowEnd = end;
    m.windowSeconds = window;
    m.swapCount = in.size();
    m.valid = !in.isEmpty();
    if (in.isEmpty())
        return m;
    m.firstPrice = in.first().price;
    m.lastPrice = in.last().price;
    m.priceChangePercent = (m.lastPrice - m.firstPrice) / m.firstPrice * 100;
    QVector<long double> returns;
    for (int i = 0; i < in.size(); ++i) {
        m.volumeEth += std::fabs(in[i].ethAmount);
        m.volumeUsdc += std::fabs(in[i].usdcAmount);
        if (i > 0)
            returns << std::log(static_cast<long double>(in[i].price) / in[i - 1].price);
    }
    if (returns.size() >= 2) {
        long double mean = 0;
        for (long double r : returns)
            mean += r;
        mean /= returns.size();
        long double ss = 0;
        for (long double r : returns)
            ss += (r - mean) * (r - mean);
        m.volatilityPercent = static_cast<double>(std::sqrt(ss / (returns.size() - 1)) * 100);
    }
    return m;
}

bool close(double a, double b, double tolerance) { return std::abs(a - b) <= tolerance * std::max(1.0, std::abs(b)); }

} // namespace

class TestPoolMetrics : public QObject
{
    Q_OBJECT
private:
    QVector<SwapPoint> m_real;

private Q_SLOTS:
    void initTestCase()
    {
        QFile file(qEnvironmentVariable("APEDESK_SHARED_DIR") + QStringLiteral("/data/base_eth_usdc_swaps.csv"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        auto imported = readRawSwapCsv(file, QStringLiteral("8453"));
        QVERIFY(imported.ok());
        for (const ProcessedSwap &row : processSwaps(imported->swaps))
            m_real << toSwapPoint(row.swap);
        QVERIFY(m_real.size() > 7900);
    }

    void knownAnswers()
    {
        const QVector<SwapPoint> points{point(100, 100, -1.0, 100), point(110, 110, 0.5, -55), point(120, 99, -2, 198),
                                        point(200, 3000, 1, -3000)};
        // (90, 120]: the first three.
        const PoolMetrics m = computePoolMetrics(points, 120, 30);
        QVERIFY(m.valid);
        QCOMPARE(m.swapCount, 3);
        QCOMPARE(m.windowEnd, qint64(120));
        QCOMPARE(m.windowSeconds, qint64(30));
        QCOMPARE(m.firstPrice, 100.0);
        QCOMPARE(m.lastPrice, 99.0);
        QVERIFY(close(m.priceChangePercent, -1.0, 1e-13));
        QVERIFY(close(m.volumeEth, 3.5, 1e-15));     // |−1| + |0.5| + |−2|
        QVERIFY(close(m.volumeUsdc, 353, 1e-15));   // 100 + 55 + 198
        // Two log returns r1 = ln 1.1, r2 = ln 0.9: sample std = |r1 − r2| / √2.
        const double expected = std::abs(std::log(1.1) - std::log(0.9)) / std::sqrt(2.0) * 100;
        QVERIFY2(close(m.volatilityPercent, expected, 1e-13), qPrintable(QString::number(m.volatilityPercent, 'g', 17)));

        // The lower edge is open, the upper one closed: (100, 120] leaves out t = 100.
        const PoolMetrics edge = computePoolMetrics(points, 120, 20);
        QCOMPARE(edge.swapCount, 2);
        QCOMPARE(edge.firstPrice, 110.0);
        QVERIFY(close(edge.priceChangePercent, (99.0 - 110.0) / 110.0 * 100, 1e-13));
        QCOMPARE(edge.volatilityPercent, 0.0);   // one return: no sample std
        // (99, 119]: t = 120 is after the end.
        QCOMPARE(computePoolMetrics(points, 119, 20).swapCount, 2);
        QCOMPARE(computePoolMetrics(points, 119, 20).lastPrice, 110.0);
        // A window that reaches everything.
        QCOMPARE(computePoolMetrics(points, 1000, 100000).swapCount, 4);
    }

    void emptyWindowAndOneSwap()
    {
        const QVector<SwapPoint> points{point(100, 2500, -0.25, 625)};
        const PoolMetrics empty = computePoolMetrics(points, 1000, 600);
        QVERIFY(!empty.valid);
        QCOMPARE(empty.swapCount, 0);
        QCOMPARE(empty.windowEnd, qint64(1000));
        QCOMPARE(empty.windowSeconds, qint64(600));
        QCOMPARE(empty.lastPrice, 0.0);
        QCOMPARE(empty.volumeEth, 0.0);
        QCOMPARE(empty.volatilityPercent, 0.0);
        QVERIFY(!computePoolMetrics({}, 1000, 600).valid);
        QVERIFY(!RollingMetrics(600).at(1000).valid);

        const PoolMetrics one = computePoolMetrics(points, 100, 600);
        QVERIFY(one.valid);
        QCOMPARE(one.swapCount, 1);
        QCOMPARE(one.firstPrice, 2500.0);
        QCOMPARE(one.lastPrice, 2500.0);
        QCOMPARE(one.priceChangePercent, 0.0);
        QCOMPARE(one.volumeEth, 0.25);
        QCOMPARE(one.volumeUsdc, 625.0);
        QCOMPARE(one.volatilityPercent, 0.0);
    }

    void realDataMatchesTheDefinitions()
    {
        int checked = 0;
        for (const qint64 window : {60, 600, 3600, 86400}) {
            for (int i = 0; i < m_real.size(); i += 37) {
                const qint64 end = m_real[i].timestamp;
                const PoolMetrics m = computePoolMetrics(m_real, end, window);
                const PoolMetrics n = naive(m_real, end, window);
                QCOMPARE(m.swapCount, n.swapCount);
                QVERIFY(m.valid && n.valid);
                QCOMPARE(m.firstPrice, n.firstPrice);
                QCOMPARE(m.lastPrice, n.lastPrice);
                QVERIFY(close(m.priceChangePercent, n.priceChangePercent, 1e-12));
                QVERIFY(close(m.volumeEth, n.volumeEth, 1e-12));
                QVERIFY(close(m.volumeUsdc, n.volumeUsdc, 1e-12));
                QVERIFY2(close(m.volatilityPercent, n.volatilityPercent, 1e-9),
                         qPrintable(QStringLiteral("%1 vs %2").arg(m.volatilityPercent).arg(n.volatilityPercent)));
                ++checked;
            }
        }
        // A 10-minute window is ten minutes of block time, whatever the number of blocks in it.
        const PoolMetrics tenMinutes = computePoolMetrics(m_real, m_real.last().timestamp, 600);
        QVERIFY(tenMinutes.valid);
        QVERIFY(checked > 800);
    }

    void rollingEqualsBatchOnRealData()
    {
        int compared = 0;
        for (const qint64 window : {60, 600, 3600, 86400}) {
            RollingMetrics rolling(window);
            QCOMPARE(rolling.windowSeconds(), window);
            QVector<SwapPoint> seen;   // what the rolling form has been given so far
            for (int i = 0; i < m_real.size(); ++i) {
                rolling.append(m_real[i]);
                seen.append(m_real[i]);
                if (i + 1 < m_real.size() && m_real[i + 1].timestamp == m_real[i].timestamp)
                    continue;   // the rest of this block's swaps first
                const qint64 t = m_real[i].timestamp;
                QCOMPARE(rolling.newestTimestamp(), t);
                for (const qint64 end : {t, t + window / 2, t + window - 1, t + window}) {
                    const QString diff = difference(rolling.at(end), computePoolMetrics(seen, end, window));
                    QVERIFY2(diff.isEmpty(), qPrintable(QStringLiteral("window %1 end %2: %3").arg(window).arg(end).arg(diff)));
                    ++compared;
                }
                // It holds the window's points only.
                QCOMPARE(rolling.size(), computePoolMetrics(m_real, t, window).swapCount);
            }
        }
        QSet<qint64> times;
        for (const SwapPoint &p : std::as_const(m_real))
            times.insert(p.timestamp);
        QCOMPARE(compared, 4 * 4 * int(times.size()));
        QVERIFY(times.size() > 5000);
    }

    void rollingWindowChangesAndBatches()
    {
        RollingMetrics rolling(86400);
        rolling.append(m_real);
        const qint64 last = m_real.last().timestamp;
        QVERIFY(difference(rolling.at(last), computePoolMetrics(m_real, last, 86400)).isEmpty());
        rolling.setWindow(600);   // shrinking drops points at once
        QCOMPARE(rolling.size(), computePoolMetrics(m_real, last, 600).swapCount);
        QVERIFY(difference(rolling.at(last), computePoolMetrics(m_real, last, 600)).isEmpty());
        QVERIFY(difference(rolling.at(last + 300), computePoolMetrics(m_real, last + 300, 600)).isEmpty());
        // Long after the last swap the window is empty.
        QVERIFY(!rolling.at(last + 601).valid);
        rolling.clear();
        QCOMPARE(rolling.size(), 0);
        QCOMPARE(rolling.newestTimestamp(), qint64(0));
        QVERIFY(!rolling.at(last).valid);
    }
};

QTEST_GUILESS_MAIN(TestPoolMetrics)
#include "test_pool_metrics.moc"
