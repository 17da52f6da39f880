#include "chartframe.h"

#include <QElapsedTimer>

#include <algorithm>
#include <cmath>
#include <limits>

namespace apedesk::ui::charts {

namespace {
const int kChartFrameMetaType = qRegisterMetaType<ChartFrame>();

} // namespace

qint64 effectiveInterval(const FrameRequest &request)
{
    const double spanSeconds = std::max(1.0, (request.toMs - request.fromMs) / 1000.0);
    const int columns = std::max(request.columns, 1);
    const int minPixels = std::max(request.minPixelsPerCandle, 1);
    if (request.intervalSeconds > 0 && spanSeconds / double(request.intervalSeconds) <= columns * 2.0 / minPixels)
        return request.intervalSeconds;
    return autoInterval(spanSeconds, std::max(1, columns / minPixels));
}

ChartFrame computeFrame(const QVector<SwapPoint> &points, const FrameRequest &request)
{
    QElapsedTimer timer;
    timer.start();
    ChartFrame frame;
    frame.request = request;
    double span = request.toMs - request.fromMs;
    if (!(span > 0))
        span = 60'000;
    const double overscan = std::max(0.0, request.overscan);
    frame.fromMs = request.fromMs - overscan * span;
    frame.toMs = request.fromMs + span + overscan * span;
    frame.intervalSeconds = effectiveInterval(request);
    const int columns = std::max(1, int(std::lround(std::max(request.columns, 1) * (1 + 2 * overscan))));
    if (points.isEmpty()) {
        frame.computeMs = timer.nsecsElapsed() / 1e6;
        return frame;
    }

    const qint64 coveredFrom = qint64(std::floor(frame.fromMs / 1000.0));
    const qint64 coveredTo = qint64(std::ceil(frame.toMs / 1000.0));
    const qint64 viewFrom = qint64(std::floor(request.fromMs / 1000.0));
    const qint64 viewTo = qint64(std::ceil((request.fromMs + span) / 1000.0));
    const SwapPoint *data = points.constData();

    // Candles over every interval that touches the covered span.
    const IndexRange candleRange =
        pointsBetween(points, intervalStart(coveredFrom, frame.intervalSeconds), coveredTo);
    frame.candles = aggregateCandles(data + candleRange.first, data + candleRange.last, frame.intervalSeconds);

    double low = std::numeric_limits<double>::infinity();
    double high = -low;
    const IndexRange visible = pointsBetween(points, viewFrom, viewTo);
    frame.pointsInView = visible.size();
    if (!request.candles) {
        const IndexRange lineRange = withNeighbours(points, pointsBetween(points, coveredFrom, coveredTo));
        frame.line = decimateMinMax(data + lineRange.first, data + lineRange.last, frame.fromMs, frame.toMs, columns);
        // The y range of exactly the visible swaps (a pass over them costs about what the envelope does).
        for (const SwapPoint *p = data + visible.first; p < data + visible.last; ++p) {
            low = std::min(low, p->price);
            high = std::max(high, p->price);
        }
    }

    const double viewStartInterval = double(intervalStart(viewFrom, frame.intervalSeconds));
    double volumeMax = 0;
    for (const Candle &c : std::as_const(frame.candles)) {
        if (double(c.start) < viewStartInterval || c.start > viewTo)
            continue;
        if (request.candles) {
            low = std::min(low, c.low);
            high = std::max(high, c.high);
        }
        volumeMax = std::max(volumeMax, c.volumeUsdc);
        frame.countMax = std::max(frame.countMax, c.swaps);
    }
    if (!std::isfinite(low)) {
        // Nothing in view: centre the axis on the price next to the view.
        const IndexRange near = withNeighbours(points, visible);
        const double price = points.at(std::clamp(near.first, 0, int(points.size()) - 1)).price;
        low = high = price;
    }
    frame.priceMin = low;
    frame.priceMax = high;

    frame.volumeScale = volumeMax >= 1e6 ? 1e6 : volumeMax >= 1e4 ? 1e3 : 1;
    frame.volumeMax = volumeMax / frame.volumeScale;
    frame.computeMs = timer.nsecsElapsed() / 1e6;
    return frame;
}

} // namespace apedesk::ui::charts
