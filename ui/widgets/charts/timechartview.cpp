#include "timechartview.h"

#include <QDateTime>
#include <QLocale>
#include <QGraphicsLayout>
#include <QGraphicsLineItem>
#include <QGraphicsRectItem>
#include <QGraphicsSimpleTextItem>
#include <QMouseEvent>
#include <QValueAxis>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace apedesk::ui::charts {

namespace {
// 1, 2 or 5 times a power of ten, at least `raw`.
double niceStep(double raw)
{
    if (!(raw > 0))
        return 1;
    const double power = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (m * power >= raw)
            return m * power;
    return 10 * power;
}

// Steps between time ticks, in seconds: the first that leaves room for a label is used.
constexpr qint64 kTimeSteps[] = {60, 120, 300, 600, 900, 1800, 3600, 2 * 3600, 3 * 3600, 6 * 3600, 12 * 3600,
                                 86400, 2 * 86400, 7 * 86400, 14 * 86400};
constexpr int kMonthSteps[] = {1, 2, 3, 6, 12};

struct TimeTick
{
    qint64 ms;
    QString label;
};

// Round ticks in local time: minutes and hours show "HH:mm" and local midnight its day; days show the
// date; beyond a few weeks, the first of a month.
QList<TimeTick> timeTicks(double fromMs, double toMs, int plotWidth, const QFontMetrics &metrics)
{
    QList<TimeTick> ticks;
    const QString dayFormat = QStringLiteral("ddd d MMM");
    const int labelWidth = metrics.horizontalAdvance(QStringLiteral("Wed 30 Sep")) + 18;
    const int maxTicks = std::max(1, plotWidth / labelWidth);
    const double spanSeconds = (toMs - fromMs) / 1000.0;
    const qint64 offset = QDateTime::fromMSecsSinceEpoch(qint64(fromMs)).offsetFromUtc();
    for (qint64 step : kTimeSteps) {
        if (spanSeconds / double(step) > maxTicks)
            continue;
        // Multiples of the step in local time (so days start at local midnight).
        const qint64 firstLocal = qint64(std::ceil((fromMs / 1000.0 + offset) / double(step))) * step;
        for (qint64 local = firstLocal; (local - offset) * 1000.0 <= toMs; local += step) {
            const QDateTime time = QDateTime::fromSecsSinceEpoch(local - offset);
            const bool midnight = time.time() == QTime(0, 0);
            const QString format = step >= 86400 ? QStringLiteral("d MMM") : midnight ? dayFormat : QStringLiteral("HH:mm");
            ticks.append({(local - offset) * 1000, QLocale().toString(time, format)});
        }
        return ticks;
    }
    // Months.
    for (int months : kMonthSteps) {
        if (spanSeconds / (months * 30.44 * 86400) > maxTicks && months != 12)
            continue;
        QDate date = QDateTime::fromMSecsSinceEpoch(qint64(fromMs)).date();
        date = QDate(date.year(), date.month(), 1);
        while (date.month() % months != 1 % months)
            date = date.addMonths(1);
        for (; date.startOfDay().toMSecsSinceEpoch() <= toMs; date = date.addMonths(months))
            if (date.startOfDay().toMSecsSinceEpoch() >= fromMs)
                ticks.append({date.startOfDay().toMSecsSinceEpoch(),
                              QLocale().toString(date, date.month() == 1 ? QStringLiteral("yyyy") : QStringLiteral("MMM"))});
        return ticks;
    }
    return ticks;
}
} // namespace

TimeChartView::TimeChartView(const QString &objectName, QWidget *parent) : QChartView(parent)
{
    setObjectName(objectName);
    m_chart = new QChart;
    m_chart->setObjectName(objectName + QStringLiteral("Chart"));
    m_chart->legend()->hide();
    m_chart->setMargins(QMargins());
    m_chart->setBackgroundRoundness(0);
    m_chart->layout()->setContentsMargins(0, 0, 0, 0);
    m_chart->setAnimationOptions(QChart::NoAnimation);
    setChart(m_chart);   // the view owns the chart
    setRenderHint(QPainter::Antialiasing, true);
    setMouseTracking(true);
    setFrameShape(QFrame::NoFrame);
    setMinimumHeight(36);

    m_value = new QValueAxis(m_chart);
    m_value->setTickType(QValueAxis::TicksDynamic);
    m_value->setTickAnchor(0);
    m_chart->addAxis(m_value, Qt::AlignLeft);
    QFont small = font();
    small.setPointSizeF(std::max(6.0, font().pointSizeF() * 0.85));
    m_value->setLabelsFont(small);
    m_value->setTitleVisible(false);

    // Qt Charts 6.4 leaves its own plot background at a default rectangle when the plot area is
    // fixed; this one follows the plot area.
    m_chart->setPlotAreaBackgroundVisible(false);
    m_plotBackground = new QGraphicsRectItem(m_chart);
    m_plotBackground->setZValue(0.5);   // above the chart's background, below grid and series

    m_title = new QGraphicsSimpleTextItem(m_chart);
    m_title->setFont(small);
    m_title->setZValue(10);
    m_vertical = new QGraphicsLineItem(m_chart);
    m_horizontal = new QGraphicsLineItem(m_chart);
    for (QGraphicsLineItem *line : {m_vertical, m_horizontal}) {
        line->setZValue(20);
        line->setVisible(false);
    }
    applyTheme(ChartTheme::fromPalette(palette()));
}

void TimeChartView::addPlotItem(PlotItem *item)
{
    item->setParentItem(m_chart);
    item->setZValue(4);   // where Qt Charts puts series: over the grid, under labels and the crosshair
    item->setPlot(plotArea());
    item->setTimeRange(m_fromMs, m_toMs);
    item->setValueRange(m_value->min(), m_value->max());
    m_items.append(item);
}

void TimeChartView::setPlotMargins(const QMargins &margins)
{
    m_margins = margins;
    layoutPlot();
}

QRectF TimeChartView::plotArea() const { return m_chart->plotArea(); }

void TimeChartView::setTitleText(const QString &text) { m_title->setText(text); }

QString TimeChartView::titleText() const { return m_title->text(); }

void TimeChartView::setLegendEntries(const QList<QPair<QColor, QString>> &entries)
{
    for (const auto &entry : std::as_const(m_legend)) {
        delete entry.first;
        delete entry.second;
    }
    m_legend.clear();
    for (const auto &[color, text] : entries) {
        auto *box = new QGraphicsRectItem(m_chart);
        box->setBrush(color);
        box->setPen(Qt::NoPen);
        box->setZValue(10);
        auto *label = new QGraphicsSimpleTextItem(text, m_chart);
        label->setFont(m_title->font());
        label->setBrush(m_title->brush());
        label->setZValue(10);
        m_legend.append({box, label});
    }
    layoutPlot();
}

void TimeChartView::setTimeLabelsVisible(bool visible)
{
    m_timeLabelsVisible = visible;
    layoutTimeTicks();
}

void TimeChartView::applyTheme(const ChartTheme &theme)
{
    m_chart->setBackgroundBrush(theme.background);
    m_chart->setBackgroundPen(Qt::NoPen);
    m_theme = theme;
    m_plotBackground->setBrush(theme.plotBackground);
    m_plotBackground->setPen(QPen(theme.grid, 1));
    setBackgroundBrush(theme.background);
    m_value->setLabelsColor(theme.text);
    m_value->setGridLineColor(theme.grid);
    m_value->setLinePenColor(theme.grid);
    m_value->setShadesVisible(false);
    m_value->setMinorGridLineVisible(false);
    m_title->setBrush(theme.text);
    for (const auto &entry : std::as_const(m_legend))
        entry.second->setBrush(theme.text);
    QPen cross(theme.crosshair, 1, Qt::DashLine);
    cross.setCosmetic(true);
    m_vertical->setPen(cross);
    m_horizontal->setPen(cross);
    layoutTimeTicks();
}

void TimeChartView::setTimeRange(double fromMs, double toMs)
{
    if (!(toMs > fromMs))
        toMs = fromMs + 1000;
    m_fromMs = fromMs;
    m_toMs = toMs;
    for (PlotItem *item : std::as_const(m_items))
        item->setTimeRange(fromMs, toMs);
    layoutTimeTicks();
}

void TimeChartView::layoutTimeTicks()
{
    const QRectF plot = plotArea();
    const QFont font = m_value->labelsFont();
    const QList<TimeTick> ticks = timeTicks(m_fromMs, m_toMs, int(plot.width()), QFontMetrics(font));
    QPen gridPen(m_theme.grid, 1);
    gridPen.setCosmetic(true);
    while (m_grid.size() < ticks.size()) {
        auto *line = new QGraphicsLineItem(m_chart);
        line->setZValue(2);   // with the value axis' grid, under the series
        m_grid.append(line);
        auto *label = new QGraphicsSimpleTextItem(m_chart);
        label->setFont(font);
        label->setZValue(10);
        m_timeLabels.append(label);
    }
    for (int i = 0; i < m_grid.size(); ++i) {
        QGraphicsLineItem *line = m_grid.at(i);
        QGraphicsSimpleTextItem *label = m_timeLabels.at(i);
        if (i >= ticks.size()) {
            line->setVisible(false);
            label->setVisible(false);
            continue;
        }
        const double x = xOf(double(ticks.at(i).ms));
        line->setPen(gridPen);
        line->setLine(x, plot.top(), x, plot.bottom());
        line->setVisible(x >= plot.left() && x <= plot.right());
        label->setText(ticks.at(i).label);
        label->setBrush(m_theme.text);
        const QRectF box = label->boundingRect();
        label->setPos(x - box.width() / 2, plot.bottom() + 3);
        // Only where it fits inside the view.
        label->setVisible(m_timeLabelsVisible && line->isVisible() && x - box.width() / 2 >= 0
                          && x + box.width() / 2 <= m_chart->size().width());
    }
}

void TimeChartView::setValueRange(double min, double max, int decimals, double minStep)
{
    if (!(max > min)) {
        const double pad = std::max(std::abs(min) * 0.01, 1.0);
        min -= pad;
        max += pad;
    }
    const int wanted = std::clamp(int(plotArea().height() / 28), 1, 8);
    const double step = std::max(niceStep((max - min) / wanted), minStep);
    if (decimals < 0)
        decimals = std::clamp(int(-std::floor(std::log10(step))), 0, 6);
    if (m_value->tickInterval() != step)
        m_value->setTickInterval(step);
    const QString format = QStringLiteral("%.") + QString::number(decimals) + QStringLiteral("f");
    if (m_value->labelFormat() != format)
        m_value->setLabelFormat(format);
    m_value->setRange(min, max);
    for (PlotItem *item : std::as_const(m_items))
        item->setValueRange(min, max);
}

double TimeChartView::valueMin() const { return m_value->min(); }

double TimeChartView::valueMax() const { return m_value->max(); }

double TimeChartView::timeAt(double viewportX) const
{
    const QRectF plot = plotArea();
    if (plot.width() <= 0)
        return m_fromMs;
    return m_fromMs + (viewportX - plot.left()) / plot.width() * (m_toMs - m_fromMs);
}

double TimeChartView::xOf(double timeMs) const
{
    const QRectF plot = plotArea();
    return plot.left() + (timeMs - m_fromMs) / (m_toMs - m_fromMs) * plot.width();
}

double TimeChartView::valueAt(double viewportY) const
{
    const QRectF plot = plotArea();
    if (plot.height() <= 0)
        return m_value->min();
    return m_value->max() - (viewportY - plot.top()) / plot.height() * (m_value->max() - m_value->min());
}

void TimeChartView::setCrosshair(std::optional<double> timeMs, std::optional<double> viewportY)
{
    const QRectF plot = plotArea();
    if (timeMs && *timeMs >= m_fromMs && *timeMs <= m_toMs) {
        const double x = xOf(*timeMs);
        m_vertical->setLine(x, plot.top(), x, plot.bottom());
        m_vertical->setVisible(true);
    } else {
        m_vertical->setVisible(false);
    }
    if (viewportY && *viewportY >= plot.top() && *viewportY <= plot.bottom()) {
        m_horizontal->setLine(plot.left(), *viewportY, plot.right(), *viewportY);
        m_horizontal->setVisible(true);
    } else {
        m_horizontal->setVisible(false);
    }
}

void TimeChartView::resizeEvent(QResizeEvent *event)
{
    QChartView::resizeEvent(event);
    layoutPlot();
}

void TimeChartView::layoutPlot()
{
    const QSizeF size = m_chart->size();
    const QRectF plot(m_margins.left(), m_margins.top(),
                      std::max(10.0, size.width() - m_margins.left() - m_margins.right()),
                      std::max(10.0, size.height() - m_margins.top() - m_margins.bottom()));
    const bool resized = m_chart->plotArea().size() != plot.size();
    if (m_chart->plotArea() != plot)
        m_chart->setPlotArea(plot);
    const double textTop = std::max(0.0, (m_margins.top() - m_title->boundingRect().height()) / 2);
    m_title->setPos(plot.left() + 2, textTop);
    // Legend keys right-aligned on the title line.
    double x = plot.right();
    for (auto it = m_legend.crbegin(); it != m_legend.crend(); ++it) {
        const QRectF text = it->second->boundingRect();
        x -= text.width();
        it->second->setPos(x, textTop);
        const double side = std::max(6.0, text.height() * 0.6);
        x -= side + 4;
        it->first->setRect(x, textTop + (text.height() - side) / 2, side, side);
        x -= 10;
    }
    m_plotBackground->setRect(plot);
    for (PlotItem *item : std::as_const(m_items))
        item->setPlot(plot);
    layoutTimeTicks();   // how many ticks fit follows the width
    if (resized)
        Q_EMIT plotResized(plot.size());
}

void TimeChartView::wheelEvent(QWheelEvent *event)
{
    const double steps = event->angleDelta().y() / 120.0;
    if (steps == 0) {
        event->ignore();
        return;
    }
    Q_EMIT zoomRequested(timeAt(event->position().x()), std::pow(0.8, steps));
    event->accept();
}

void TimeChartView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton) {
        m_dragX = event->position().x();
        setCursor(Qt::ClosedHandCursor);
        event->accept();
        return;
    }
    QChartView::mousePressEvent(event);
}

void TimeChartView::mouseMoveEvent(QMouseEvent *event)
{
    const QPointF pos = event->position();
    if (m_dragX && (event->buttons() & Qt::LeftButton)) {
        const QRectF plot = plotArea();
        const double dx = pos.x() - *m_dragX;
        m_dragX = pos.x();
        if (plot.width() > 0 && dx != 0)
            Q_EMIT panRequested(-dx / plot.width() * (m_toMs - m_fromMs));
    }
    const QRectF plot = plotArea();
    if (pos.x() >= plot.left() && pos.x() <= plot.right())
        Q_EMIT hovered(timeAt(pos.x()), pos.toPoint());
    else
        Q_EMIT hoverLeft();
    event->accept();
}

void TimeChartView::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton && m_dragX) {
        m_dragX.reset();
        unsetCursor();
        event->accept();
        return;
    }
    QChartView::mouseReleaseEvent(event);
}

void TimeChartView::leaveEvent(QEvent *event)
{
    Q_EMIT hoverLeft();
    QChartView::leaveEvent(event);
}

} // namespace apedesk::ui::charts
