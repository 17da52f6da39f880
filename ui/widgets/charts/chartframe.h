#pragma once
// Everything the three stacked charts draw for one view of the series, computed in one pass off the
// GUI thread: the decimated price line (line mode) and the candles, whose volume and swap counts are
// also the bars of the two lower charts. The GUI thread only hands the vectors to the plot items.

#include "seriesdecimation.h"

#include <QMetaType>

namespace apedesk::ui::charts {

struct FrameRequest
{
    double fromMs = 0;           // the visible span, ms since the epoch
    double toMs = 0;
    int columns = 800;           // the plot's width in pixels
    qint64 intervalSeconds = 0;  // candle/bar interval; 0 = chosen from the span
    bool candles = false;        // OHLC candles instead of the line
    // Extra span computed on each side, as a share of the visible span, so a pan shows data at once
    // and the next frame only sharpens it.
    double overscan = 0.5;
    int minPixelsPerCandle = 6;  // the automatic interval keeps candles and bars at least this wide
};

struct ChartFrame
{
    quint64 generation = 0;      // set by the scheduler: which request this answers
    quint64 dataVersion = 0;     // which state of the series it was computed from
    FrameRequest request;
    double fromMs = 0;           // the span covered, overscan included
    double toMs = 0;
    qint64 intervalSeconds = 0;  // the interval used
    QVector<QPointF> line;       // decimated price (line mode only)
    QVector<Candle> candles;     // per interval over the covered span (both modes: also the bars)
    double volumeScale = 1;      // the volume axis is in USDC / volumeScale (1, 1e3 or 1e6)
    // Value ranges over the visible span only (not the overscan), for the y axes.
    double priceMin = 0;
    double priceMax = 0;
    double volumeMax = 0;        // scaled like the bars
    int countMax = 0;
    int pointsInView = 0;        // swaps in the visible span
    double computeMs = 0;        // how long the frame took (for the log and the benchmark)
};

// The interval the request uses: its own when it leaves at least minPixelsPerCandle/2 per candle,
// else the automatic one (a one-minute interval over a year would be half a million bars).
qint64 effectiveInterval(const FrameRequest &request);

// Computes the frame for `points` (sorted by timestamp). Pure; safe on any thread.
ChartFrame computeFrame(const QVector<SwapPoint> &points, const FrameRequest &request);

} // namespace apedesk::ui::charts

Q_DECLARE_METATYPE(apedesk::ui::charts::ChartFrame)
