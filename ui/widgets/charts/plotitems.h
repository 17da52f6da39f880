#pragma once
// Series painted straight with QPainter inside a chart's plot area: the price line, candles, and
// bars per interval. Qt Charts' own series rebuild a stroked QPainterPath of every point on each
// axis change (for mouse hit tests this pane does not use), which costs tens of milliseconds per pan
// step at ten thousand points; these items keep their data in axis units and map only what is in
// view when they paint, so a pan or zoom is a repaint.

#include "seriesdecimation.h"

#include <QBrush>
#include <QGraphicsItem>
#include <QPen>

namespace apedesk::ui::charts {

class PlotItem : public QGraphicsItem
{
public:
    explicit PlotItem(QGraphicsItem *parent = nullptr);

    // The plot area in the parent's coordinates, and the axis ranges it shows.
    void setPlot(const QRectF &plot);
    void setTimeRange(double fromMs, double toMs);
    void setValueRange(double min, double max);
    QRectF boundingRect() const override { return m_plot; }

protected:
    double mapX(double ms) const { return m_plot.left() + (ms - m_fromMs) * m_scaleX; }
    double mapY(double value) const { return m_plot.bottom() - (value - m_min) * m_scaleY; }
    double fromMs() const { return m_fromMs; }
    double toMs() const { return m_toMs; }
    const QRectF &plot() const { return m_plot; }

private:
    void rescale();

    QRectF m_plot;
    double m_fromMs = 0;
    double m_toMs = 1;
    double m_min = 0;
    double m_max = 1;
    double m_scaleX = 0;
    double m_scaleY = 0;
};

// The decimated price: a polyline through (ms, price) points sorted by time.
class LineItem : public PlotItem
{
public:
    using PlotItem::PlotItem;
    void setPoints(QVector<QPointF> points);
    int count() const { return int(m_points.size()); }
    void setPen(const QPen &pen);
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    QVector<QPointF> m_points;
    QVector<QPointF> m_mapped;   // reused between paints
    QPen m_pen;
};

// OHLC candles: a wick from low to high and a body from open to close, green up, red down.
class CandleItem : public PlotItem
{
public:
    using PlotItem::PlotItem;
    void setCandles(QVector<Candle> candles, qint64 intervalSeconds);
    int count() const { return int(m_candles.size()); }
    void setColors(const QColor &up, const QColor &down);
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    QVector<Candle> m_candles;
    qint64 m_interval = 60;
    QColor m_up;
    QColor m_down;
};

// One bar per candle: the volume split into buys (from 0) and sells (stacked on top), or the swap count.
class BarItem : public PlotItem
{
public:
    enum class Kind { Volume, Count };
    explicit BarItem(Kind kind, QGraphicsItem *parent = nullptr);
    void setCandles(QVector<Candle> candles, qint64 intervalSeconds, double volumeScale);
    int count() const { return int(m_candles.size()); }
    void setColors(const QColor &first, const QColor &second);
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    Kind m_kind;
    QVector<Candle> m_candles;
    qint64 m_interval = 60;
    double m_scale = 1;
    QColor m_first;    // buys, or the count
    QColor m_second;   // sells
};

} // namespace apedesk::ui::charts
