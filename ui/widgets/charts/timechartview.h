#pragma once
// One Qt Charts chart over a time axis, built to be stacked: a fixed plot area (so the charts above
// and below line up to the pixel), a value axis from Qt Charts, round time ticks, a title inside the
// chart's top margin, a crosshair, plot items that paint the data (plotitems.h), and the mouse turned
// into requests (wheel → zoom about the cursor, drag → pan, move → hover) that the owner applies to
// every chart of the stack. This folder is the only place that includes Qt Charts.

#include "charttheme.h"
#include "plotitems.h"

#include <QChartView>

#include <optional>

class QGraphicsLineItem;
class QGraphicsRectItem;
class QGraphicsSimpleTextItem;
class QValueAxis;

namespace apedesk::ui::charts {

class TimeChartView : public QChartView
{
    Q_OBJECT
public:
    explicit TimeChartView(const QString &objectName, QWidget *parent = nullptr);

    // Draws the item in the plot area, following the axes' ranges. The view owns it.
    void addPlotItem(PlotItem *item);
    // Margins around the plot area, in pixels: room for the value labels, the title, the time labels.
    void setPlotMargins(const QMargins &margins);
    QRectF plotArea() const;
    void setTitleText(const QString &text);
    QString titleText() const;
    // Coloured keys at the right of the title line, e.g. buy and sell.
    void setLegendEntries(const QList<QPair<QColor, QString>> &entries);
    void setTimeLabelsVisible(bool visible);
    void applyTheme(const ChartTheme &theme);

    // The time axis: range in ms since the epoch, ticked at round times.
    void setTimeRange(double fromMs, double toMs);
    double timeFrom() const { return m_fromMs; }
    double timeTo() const { return m_toMs; }
    // The value axis, with ticks at round steps of at least `minStep`; `decimals` of the labels
    // (negative: as many as the step needs).
    void setValueRange(double min, double max, int decimals = -1, double minStep = 0);
    double valueMin() const;
    double valueMax() const;

    // Viewport pixels ↔ values, through the plot area and the axes' ranges.
    double timeAt(double viewportX) const;
    double xOf(double timeMs) const;
    double valueAt(double viewportY) const;
    // A vertical line at `timeMs` (none: hidden), and a horizontal one at viewport y on the chart under the mouse.
    void setCrosshair(std::optional<double> timeMs, std::optional<double> viewportY = std::nullopt);

Q_SIGNALS:
    // The plot area changed size (the data wants another decimation).
    void plotResized(QSizeF size);
    void zoomRequested(double anchorMs, double factor);
    void panRequested(double deltaMs);
    void hovered(double timeMs, QPoint viewportPos);
    void hoverLeft();

protected:
    void resizeEvent(QResizeEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;

private:
    void layoutPlot();
    // Grid lines and labels at round times (QDateTimeAxis spaces its ticks evenly from any start).
    void layoutTimeTicks();

    QChart *m_chart;
    QValueAxis *m_value;
    QGraphicsSimpleTextItem *m_title;
    QGraphicsLineItem *m_vertical;
    QGraphicsLineItem *m_horizontal;
    QList<QPair<QGraphicsRectItem *, QGraphicsSimpleTextItem *>> m_legend;
    QGraphicsRectItem *m_plotBackground;
    QList<PlotItem *> m_items;
    QList<QGraphicsLineItem *> m_grid;
    QList<QGraphicsSimpleTextItem *> m_timeLabels;
    bool m_timeLabelsVisible = true;
    ChartTheme m_theme;
    QMargins m_margins{64, 18, 12, 4};
    double m_fromMs = 0;
    double m_toMs = 1;
    std::optional<double> m_dragX;
};

} // namespace apedesk::ui::charts
