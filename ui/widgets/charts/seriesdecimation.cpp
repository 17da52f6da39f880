#include "seriesdecimation.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace apedesk::ui::charts {

IndexRange pointsBetween(const QVector<SwapPoint> &points, qint64 fromSeconds, qint64 toSeconds)
{
    if (toSeconds < fromSeconds)
        return {};
    const auto begin = points.cbegin();
    const auto first = std::lower_bound(begin, points.cend(), fromSeconds,
                                        [](const SwapPoint &p, qint64 t) { return p.timestamp < t; });
    const auto last = std::upper_bound(first, points.cend(), toSeconds,
                                       [](qint64 t, const SwapPoint &p) { return t < p.timestamp; });
    return {int(first - begin), int(last - begin)};
}

IndexRange withNeighbours(const QVector<SwapPoint> &points, IndexRange range)
{
    if (points.isEmpty())
        return {};
    range.first = std::max(0, range.first - 1);
    range.last = std::min(int(points.size()), range.last + 1);
    return range;
}

QVector<QPointF> decimateMinMax(const SwapPoint *begin, const SwapPoint *end, double fromMs, double toMs,
                                int columns)
{
    QVector<QPointF> out;
    if (begin >= end)
        return out;
    columns = std::max(columns, 1);
    const double width = (toMs - fromMs) / columns;
    const double scale = width > 0 ? 1.0 / width : 0;
    const auto columnOf = [&](const SwapPoint *p) {
        const double c = std::floor((double(p->timestamp) * 1000.0 - fromMs) * scale);
        return c < 0 ? 0 : c >= columns ? columns - 1 : int(c);
    };
    out.reserve(std::min<qsizetype>(end - begin, qsizetype(columns) * 4));

    const SwapPoint *first = begin, *low = begin, *high = begin, *last = begin;
    int column = columnOf(begin);
    const auto flush = [&] {
        // Up to four distinct points, in the series' (time) order.
        std::array<const SwapPoint *, 4> keep{first, low, high, last};
        std::sort(keep.begin(), keep.end());
        const SwapPoint *previous = nullptr;
        for (const SwapPoint *p : keep) {
            if (p == previous)
                continue;
            out.append(QPointF(double(p->timestamp) * 1000.0, p->price));
            previous = p;
        }
    };
    for (const SwapPoint *p = begin + 1; p < end; ++p) {
        const int c = columnOf(p);
        if (c != column) {
            flush();
            column = c;
            first = low = high = last = p;
            continue;
        }
        if (p->price < low->price)
            low = p;
        if (p->price > high->price)
            high = p;
        last = p;
    }
    flush();
    return out;
}

QVector<QPointF> decimateMinMax(const QVector<SwapPoint> &points, IndexRange range, double fromMs, double toMs,
                                int columns)
{
    range.first = std::clamp(range.first, 0, int(points.size()));
    range.last = std::clamp(range.last, range.first, int(points.size()));
    return decimateMinMax(points.constData() + range.first, points.constData() + range.last, fromMs, toMs, columns);
}

qint64 intervalStart(qint64 seconds, qint64 intervalSeconds)
{
    if (intervalSeconds <= 0)
        return seconds;
    qint64 q = seconds / intervalSeconds;
    if (seconds % intervalSeconds < 0)
        --q;
    return q * intervalSeconds;
}

QVector<Candle> aggregateCandles(const SwapPoint *begin, const SwapPoint *end, qint64 intervalSeconds)
{
    QVector<Candle> out;
    if (begin >= end || intervalSeconds <= 0)
        return out;
    Candle current;
    bool open = false;
    for (const SwapPoint *p = begin; p < end; ++p) {
        const qint64 start = intervalStart(p->timestamp, intervalSeconds);
        if (!open || start != current.start) {
            if (open)
                out.append(current);
            current = Candle();
            current.start = start;
            current.open = current.high = current.low = p->price;
            open = true;
        }
        current.high = std::max(current.high, p->price);
        current.low = std::min(current.low, p->price);
        current.close = p->price;
        const double usdc = std::abs(p->usdcAmount);
        current.volumeUsdc += usdc;
        current.volumeEth += std::abs(p->ethAmount);
        if (p->ethAmount < 0)
            current.sellUsdc += usdc;
        else
            current.buyUsdc += usdc;
        ++current.swaps;
    }
    out.append(current);
    return out;
}

QVector<Candle> aggregateCandles(const QVector<SwapPoint> &points, IndexRange range, qint64 intervalSeconds)
{
    range.first = std::clamp(range.first, 0, int(points.size()));
    range.last = std::clamp(range.last, range.first, int(points.size()));
    return aggregateCandles(points.constData() + range.first, points.constData() + range.last, intervalSeconds);
}

const QVector<qint64> &candleIntervals()
{
    static const QVector<qint64> intervals{60, 5 * 60, 15 * 60, 3600, 4 * 3600, 86400};
    return intervals;
}

qint64 autoInterval(double spanSeconds, int maxCandles)
{
    maxCandles = std::max(maxCandles, 1);
    for (qint64 interval : candleIntervals())
        if (spanSeconds / double(interval) <= maxCandles)
            return interval;
    return candleIntervals().constLast();
}

} // namespace apedesk::ui::charts
