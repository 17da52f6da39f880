#include "plotitems.h"

#include <QPainter>

#include <algorithm>
#include <cmath>

namespace apedesk::ui::charts {

namespace {
// The candles (sorted by start) that reach into [fromMs, toMs].
std::pair<int, int> candlesInView(const QVector<Candle> &candles, qint64 interval, double fromMs, double toMs)
{
    const auto first = std::lower_bound(candles.cbegin(), candles.cend(), fromMs, [interval](const Candle &c, double t) {
        return (c.start + interval) * 1000.0 < t;
    });
    const auto last = std::upper_bound(first, candles.cend(), toMs,
                                       [](double t, const Candle &c) { return t < c.start * 1000.0; });
    return {int(first - candles.cbegin()), int(last - candles.cbegin())};
}
} // namespace

PlotItem::PlotItem(QGraphicsItem *parent) : QGraphicsItem(parent)
{
    setFlag(QGraphicsItem::ItemClipsToShape, false);
    setAcceptedMouseButtons(Qt::NoButton);
}

void PlotItem::setPlot(const QRectF &plot)
{
    if (plot == m_plot)
        return;
    prepareGeometryChange();
    m_plot = plot;
    rescale();
}

void PlotItem::setTimeRange(double fromMs, double toMs)
{
    m_fromMs = fromMs;
    m_toMs = toMs > fromMs ? toMs : fromMs + 1;
    rescale();
}

void PlotItem::setValueRange(double min, double max)
{
    m_min = min;
    m_max = max > min ? max : min + 1;
    rescale();
}

void PlotItem::rescale()
{
    m_scaleX = m_plot.width() / (m_toMs - m_fromMs);
    m_scaleY = m_plot.height() / (m_max - m_min);
    update();
}

// ---- line ---------------------------------------------------------------------------------------

void LineItem::setPoints(QVector<QPointF> points)
{
    m_points = std::move(points);
    update();
}

void LineItem::setPen(const QPen &pen)
{
    m_pen = pen;
    update();
}

void LineItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    if (m_points.size() < 1)
        return;
    // The points in view and one on each side, so the line runs on to the edges.
    auto first = std::lower_bound(m_points.cbegin(), m_points.cend(), fromMs(),
                                  [](const QPointF &p, double t) { return p.x() < t; });
    auto last = std::upper_bound(first, m_points.cend(), toMs(), [](double t, const QPointF &p) { return t < p.x(); });
    if (first != m_points.cbegin())
        --first;
    if (last != m_points.cend())
        ++last;
    const qsizetype n = last - first;
    if (n <= 0)
        return;
    m_mapped.resize(n);
    QPointF *out = m_mapped.data();
    for (auto it = first; it != last; ++it)
        *out++ = QPointF(mapX(it->x()), mapY(it->y()));

    painter->save();
    painter->setClipRect(plot());
    // A dense envelope (several points per pixel) is drawn thin and without antialiasing: it is
    // just as legible and several times faster.
    const bool dense = n > plot().width();
    QPen pen = m_pen;
    if (dense)
        pen.setWidthF(1);
    pen.setCosmetic(true);
    painter->setRenderHint(QPainter::Antialiasing, !dense);
    painter->setPen(pen);
    if (n == 1)
        painter->drawPoint(m_mapped.constFirst());
    else
        painter->drawPolyline(m_mapped.constData(), int(n));
    painter->restore();
}

// ---- candles ------------------------------------------------------------------------------------

void CandleItem::setCandles(QVector<Candle> candles, qint64 intervalSeconds)
{
    m_candles = std::move(candles);
    m_interval = std::max<qint64>(1, intervalSeconds);
    update();
}

void CandleItem::setColors(const QColor &up, const QColor &down)
{
    m_up = up;
    m_down = down;
    update();
}

void CandleItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    const auto [first, last] = candlesInView(m_candles, m_interval, fromMs(), toMs());
    if (first >= last)
        return;
    painter->save();
    painter->setClipRect(plot());
    painter->setRenderHint(QPainter::Antialiasing, false);
    const double slot = mapX(m_interval * 1000.0) - mapX(0);
    const double body = std::max(1.0, std::floor(slot * 0.7));
    for (int i = first; i < last; ++i) {
        const Candle &c = m_candles.at(i);
        const QColor &color = c.close >= c.open ? m_up : m_down;
        const double centre = std::round(mapX((c.start + m_interval / 2.0) * 1000.0));
        painter->setPen(QPen(color, 1));
        painter->drawLine(QPointF(centre, mapY(c.high)), QPointF(centre, mapY(c.low)));
        const double top = mapY(std::max(c.open, c.close));
        const double bottom = mapY(std::min(c.open, c.close));
        painter->fillRect(QRectF(centre - std::floor(body / 2), top, body, std::max(1.0, bottom - top)), color);
    }
    painter->restore();
}

// ---- bars ---------------------------------------------------------------------------------------

BarItem::BarItem(Kind kind, QGraphicsItem *parent) : PlotItem(parent), m_kind(kind) {}

void BarItem::setCandles(QVector<Candle> candles, qint64 intervalSeconds, double volumeScale)
{
    m_candles = std::move(candles);
    m_interval = std::max<qint64>(1, intervalSeconds);
    m_scale = volumeScale > 0 ? volumeScale : 1;
    update();
}

void BarItem::setColors(const QColor &first, const QColor &second)
{
    m_first = first;
    m_second = second;
    update();
}

void BarItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    const auto [first, last] = candlesInView(m_candles, m_interval, fromMs(), toMs());
    if (first >= last)
        return;
    painter->save();
    painter->setClipRect(plot());
    painter->setRenderHint(QPainter::Antialiasing, false);
    const double slot = mapX(m_interval * 1000.0) - mapX(0);
    const double gap = slot > 4 ? slot * 0.1 : 0;   // thin bars touch
    const double base = mapY(0);
    for (int i = first; i < last; ++i) {
        const Candle &c = m_candles.at(i);
        const double x0 = mapX(c.start * 1000.0) + gap;
        const double width = std::max(1.0, slot - 2 * gap);
        if (m_kind == Kind::Count) {
            const double top = mapY(c.swaps);
            painter->fillRect(QRectF(x0, top, width, base - top), m_first);
            continue;
        }
        const double buyTop = mapY(c.buyUsdc / m_scale);
        const double sellTop = mapY((c.buyUsdc + c.sellUsdc) / m_scale);
        painter->fillRect(QRectF(x0, buyTop, width, base - buyTop), m_first);
        painter->fillRect(QRectF(x0, sellTop, width, buyTop - sellTop), m_second);
    }
    painter->restore();
}

} // namespace apedesk::ui::charts
