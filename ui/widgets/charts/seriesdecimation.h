#pragma once
// Pure functions that turn a time-sorted swap series into what a chart a few hundred pixels wide can
// show: a min/max envelope per pixel column for the price line, and OHLC candles with buy/sell volume
// per time interval. They run on pool threads (QtConcurrent) and touch no widget, so they are tested
// on hand-made data and stay when the drawing moves from Qt Charts to Qt Graphs.

#include "market/pooltypes.h"

#include <QPointF>
#include <QVector>

namespace apedesk::ui::charts {

using market::SwapPoint;

// Half-open index range [first, last) into a series.
struct IndexRange
{
    int first = 0;
    int last = 0;
    int size() const { return last - first; }
    bool isEmpty() const { return last <= first; }
};

// The points with fromSeconds <= timestamp <= toSeconds, by binary search (the series is sorted by
// timestamp, as the store and the live feed give it).
IndexRange pointsBetween(const QVector<SwapPoint> &points, qint64 fromSeconds, qint64 toSeconds);
// Widened by one point on each side where there is one, so a line runs on to the plot's edges.
IndexRange withNeighbours(const QVector<SwapPoint> &points, IndexRange range);

// Min/max decimation of the price for a chart `columns` pixels wide showing [fromMs, toMs]: per pixel
// column the first, lowest, highest and last point, in time order, each once (at most 4 per column),
// so every spike stays visible and the line keeps its shape. Points outside the span count to the
// edge columns. x of the result is milliseconds since the epoch (what QDateTimeAxis plots).
QVector<QPointF> decimateMinMax(const SwapPoint *begin, const SwapPoint *end, double fromMs, double toMs,
                                int columns);
QVector<QPointF> decimateMinMax(const QVector<SwapPoint> &points, IndexRange range, double fromMs, double toMs,
                                int columns);

// One time interval of swaps. Prices are USDC per ETH after each swap; open is the interval's first
// swap, close its last, as exchanges count trades.
struct Candle
{
    qint64 start = 0;          // unix seconds, a multiple of the interval (UTC)
    double open = 0;
    double high = 0;
    double low = 0;
    double close = 0;
    double volumeUsdc = 0;     // Σ|usdcAmount|
    double volumeEth = 0;      // Σ|ethAmount|
    double buyUsdc = 0;        // of volumeUsdc: swaps that bought ETH (amount0 ≥ 0: the swapper got ETH)
    double sellUsdc = 0;       // swaps that sold ETH (amount0 < 0: the swapper paid ETH into the pool)
    int swaps = 0;
};

// Candles of the swaps in [begin, end), one per interval that has swaps (empty intervals are left out).
QVector<Candle> aggregateCandles(const SwapPoint *begin, const SwapPoint *end, qint64 intervalSeconds);
QVector<Candle> aggregateCandles(const QVector<SwapPoint> &points, IndexRange range, qint64 intervalSeconds);

// The intervals the pane offers: 1 m, 5 m, 15 m, 1 h, 4 h, 1 d (in seconds).
const QVector<qint64> &candleIntervals();
// The smallest offered interval that cuts `spanSeconds` into at most `maxCandles` candles; the largest
// when none does.
qint64 autoInterval(double spanSeconds, int maxCandles);
// Floor of `seconds` to a multiple of the interval, also for times before 1970.
qint64 intervalStart(qint64 seconds, qint64 intervalSeconds);

} // namespace apedesk::ui::charts
