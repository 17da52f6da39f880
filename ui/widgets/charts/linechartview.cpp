#include "linechartview.h"

#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QGraphicsLayout>
#include <QLabel>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>

namespace apedesk::ui::charts {

QVector<QPointF> decimateLine(const QVector<QPointF> &points, int maxPoints)
{
    if (maxPoints < 8 || points.size() <= maxPoints)
        return points;
    const int buckets = maxPoints / 4;
    const double x0 = points.first().x();
    const double x1 = points.last().x();
    const double span = x1 > x0 ? x1 - x0 : 1.0;
    QVector<QPointF> out;
    out.reserve(buckets * 4);
    int i = 0;
    const int n = int(points.size());
    while (i < n) {
        const int bucket = std::min(buckets - 1, int((points.at(i).x() - x0) / span * buckets));
        int first = i, low = i, high = i, last = i;
        for (++i; i < n; ++i) {
            if (std::min(buckets - 1, int((points.at(i).x() - x0) / span * buckets)) != bucket)
                break;
            last = i;
            if (points.at(i).y() < points.at(low).y())
                low = i;
            if (points.at(i).y() > points.at(high).y())
                high = i;
        }
        // The four in index order (= x order), each once.
        int picks[4] = {first, low, high, last};
        std::sort(std::begin(picks), std::end(picks));
        for (int k = 0; k < 4; ++k)
            if (k == 0 || picks[k] != picks[k - 1])
                out.append(points.at(picks[k]));
    }
    return out;
}

namespace {
struct Extent
{
    double minX = std::numeric_limits<double>::infinity();
    double maxX = -std::numeric_limits<double>::infinity();
    double minY = std::numeric_limits<double>::infinity();
    double maxY = -std::numeric_limits<double>::infinity();
    void add(QPointF p)
    {
        if (!std::isfinite(p.x()) || !std::isfinite(p.y()))
            return;
        minX = std::min(minX, p.x());
        maxX = std::max(maxX, p.x());
        minY = std::min(minY, p.y());
        maxY = std::max(maxY, p.y());
    }
    void add(const Extent &e)
    {
        minX = std::min(minX, e.minX);
        maxX = std::max(maxX, e.maxX);
        minY = std::min(minY, e.minY);
        maxY = std::max(maxY, e.maxY);
    }
    bool valid() const { return minX <= maxX && minY <= maxY; }
};

// Round ends and up to `intervals` round steps (1, 2 or 5 × 10^n apart), labelled with as many
// decimals as the step needs (not "3.08e+03"). Computed from the data each time, so the axis never
// drifts; fewer ticks on a short plot, so labels are not elided to "…".
void setNiceRange(QValueAxis *axis, double min, double max, int intervals)
{
    const double raw = (max - min) / std::max(1, intervals);
    const double power = std::pow(10.0, std::floor(std::log10(raw)));
    double step = 10 * power;
    for (double m : {1.0, 2.0, 5.0})
        if (m * power >= raw) {
            step = m * power;
            break;
        }
    const double low = std::floor(min / step + 1e-9) * step;
    const double high = std::ceil(max / step - 1e-9) * step;
    const int decimals = std::clamp(int(-std::floor(std::log10(step) + 1e-9)), 0, 6);
    axis->setRange(low, high);
    axis->setTickCount(int(std::lround((high - low) / step)) + 1);
    axis->setLabelFormat(QStringLiteral("%.") + QString::number(decimals) + QStringLiteral("f"));
}
} // namespace

struct LineChartView::Private
{
    struct Series
    {
        QString name;
        SeriesStyle style;
        QVector<QPointF> points;
        Extent extent;
        QLineSeries *line = nullptr;
        int shown = 0;
        bool dirty = false;
    };
    QChartView *view = nullptr;
    QChart *chart = nullptr;
    QValueAxis *x = nullptr;
    QValueAxis *y = nullptr;
    QVector<Series> series;
};

LineChartView::LineChartView(const QString &objectName, QWidget *parent) : QWidget(parent), d(new Private)
{
    setObjectName(objectName);
    d->chart = new QChart;
    d->chart->setObjectName(objectName + QStringLiteral("Chart"));
    d->chart->setAnimationOptions(QChart::NoAnimation);
    d->chart->setBackgroundRoundness(0);
    d->chart->setMargins(QMargins(4, 2, 6, 2));
    d->chart->layout()->setContentsMargins(0, 0, 0, 0);
    d->chart->legend()->setAlignment(Qt::AlignTop);
    QFont small = font();
    small.setPointSizeF(std::max(6.0, font().pointSizeF() * 0.85));
    d->chart->legend()->setFont(small);
    d->chart->setTitleFont(font());

    d->x = new QValueAxis(d->chart);
    d->y = new QValueAxis(d->chart);
    for (QValueAxis *axis : {d->x, d->y}) {
        axis->setLabelsFont(small);
        axis->setTitleFont(small);
        axis->setMinorGridLineVisible(false);
        axis->setRange(0, 1);
    }
    d->x->setLabelFormat(QStringLiteral("%.0f"));
    d->y->setLabelFormat(QStringLiteral("%.3g"));
    d->chart->addAxis(d->x, Qt::AlignBottom);
    d->chart->addAxis(d->y, Qt::AlignLeft);

    d->view = new QChartView(d->chart, this);   // the view owns the chart
    d->view->setObjectName(objectName + QStringLiteral("View"));
    d->view->setRenderHint(QPainter::Antialiasing, true);
    d->view->setFrameShape(QFrame::NoFrame);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(d->view);
    setMinimumSize(160, 100);

    m_empty = new QLabel(this);
    m_empty->setObjectName(objectName + QStringLiteral("Empty"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setAttribute(Qt::WA_TransparentForMouseEvents);

    m_redrawTimer.setSingleShot(true);
    m_redrawTimer.setInterval(150);   // ~7 redraws a second at most, however fast points arrive
    connect(&m_redrawTimer, &QTimer::timeout, this, &LineChartView::redraw);
    applyTheme();
    updateEmptyState();
}

LineChartView::~LineChartView() = default;

void LineChartView::setTitle(const QString &title)
{
    m_title = title;
    updateCompact();
}

QString LineChartView::title() const { return m_title; }

void LineChartView::setAxisTitles(const QString &x, const QString &y)
{
    m_xTitle = x;
    m_yTitle = y;
    d->x->setTitleText(x);
    d->y->setTitleText(y);
    updateCompact();
}

void LineChartView::updateCompact()
{
    const int h = height();
    const bool titles = h >= 200;
    d->chart->setTitle(titles ? m_title : QString());
    d->x->setTitleVisible(titles && !m_xTitle.isEmpty());
    d->y->setTitleVisible(titles && !m_yTitle.isEmpty());
    d->chart->legend()->setVisible(h >= 130);
}

void LineChartView::setEmptyText(const QString &text)
{
    m_empty->setText(text);
    updateEmptyState();
}

QString LineChartView::emptyText() const { return m_empty->text(); }

int LineChartView::addSeries(const QString &name, const SeriesStyle &style)
{
    Private::Series s;
    s.name = name;
    s.style = style;
    s.line = new QLineSeries(d->chart);
    s.line->setName(name);
    QPen pen(style.color, style.width, style.penStyle);
    pen.setCosmetic(true);
    s.line->setPen(pen);
    if (style.markers) {
        s.line->setPointsVisible(true);
        s.line->setMarkerSize(std::max(5.0, style.width * 3));
    }
    d->chart->addSeries(s.line);   // the chart owns it
    s.line->attachAxis(d->x);
    s.line->attachAxis(d->y);
    const auto markers = d->chart->legend()->markers(s.line);
    for (QLegendMarker *marker : markers)
        marker->setVisible(style.inLegend);
    d->series.append(s);
    return int(d->series.size()) - 1;
}

int LineChartView::seriesCount() const { return int(d->series.size()); }

QString LineChartView::seriesName(int series) const { return d->series.at(series).name; }

void LineChartView::setSeriesName(int series, const QString &name)
{
    d->series[series].name = name;
    d->series[series].line->setName(name);
}

void LineChartView::removeAllSeries()
{
    d->chart->removeAllSeries();   // deletes the QLineSeries
    d->series.clear();
    scheduleRedraw();
}

void LineChartView::appendPoint(int series, QPointF point)
{
    Private::Series &s = d->series[series];
    s.points.append(point);
    s.extent.add(point);
    s.dirty = true;
    scheduleRedraw();
}

void LineChartView::appendPoints(int series, const QVector<QPointF> &points)
{
    if (points.isEmpty())
        return;
    Private::Series &s = d->series[series];
    s.points += points;
    for (const QPointF &p : points)
        s.extent.add(p);
    s.dirty = true;
    scheduleRedraw();
}

void LineChartView::setPoints(int series, QVector<QPointF> points)
{
    Private::Series &s = d->series[series];
    s.points = std::move(points);
    s.extent = {};
    for (const QPointF &p : std::as_const(s.points))
        s.extent.add(p);
    s.dirty = true;
    scheduleRedraw();
}

void LineChartView::clearPoints()
{
    for (Private::Series &s : d->series) {
        s.points.clear();
        s.extent = {};
        s.dirty = true;
    }
    scheduleRedraw();
}

int LineChartView::pointCount(int series) const { return int(d->series.at(series).points.size()); }

int LineChartView::shownPointCount(int series) const { return d->series.at(series).shown; }

const QVector<QPointF> &LineChartView::points(int series) const { return d->series.at(series).points; }

void LineChartView::setRedrawInterval(int ms) { m_redrawTimer.setInterval(ms); }

void LineChartView::setMaxShownPoints(int points)
{
    m_maxShownPoints = points;
    for (Private::Series &s : d->series)
        s.dirty = true;
    scheduleRedraw();
}

void LineChartView::redrawNow()
{
    m_redrawTimer.stop();
    redraw();
}

QPointF LineChartView::xRange() const { return {d->x->min(), d->x->max()}; }

QPointF LineChartView::yRange() const { return {d->y->min(), d->y->max()}; }

QColor LineChartView::seriesColor(int series) const { return d->series.at(series).style.color; }

void LineChartView::scheduleRedraw()
{
    // A timer that is already running is left alone: points arriving during the interval ride along.
    if (!m_redrawTimer.isActive())
        m_redrawTimer.start();
}

int LineChartView::decimationTarget() const
{
    if (m_maxShownPoints > 0)
        return m_maxShownPoints;
    return std::max(200, 2 * int(d->chart->plotArea().width()));
}

void LineChartView::redraw()
{
    const int target = decimationTarget();
    Extent all;
    for (Private::Series &s : d->series) {
        all.add(s.extent);
        if (!s.dirty)
            continue;
        s.dirty = false;
        // Non-finite values (a diverged loss) would break the axes; they are left out of the line.
        QVector<QPointF> finite;
        finite.reserve(s.points.size());
        for (const QPointF &p : std::as_const(s.points))
            if (std::isfinite(p.x()) && std::isfinite(p.y()))
                finite.append(p);
        const QVector<QPointF> shown = decimateLine(finite, target);
        s.shown = int(shown.size());
        s.line->replace(shown);   // one change signal for the whole series
    }
    if (all.valid()) {
        double minX = all.minX, maxX = all.maxX;
        if (!(maxX > minX))
            maxX = minX + 1;
        double minY = all.minY, maxY = all.maxY;
        const double pad = maxY > minY ? (maxY - minY) * 0.05 : std::max(std::abs(minY) * 0.05, 0.5);
        minY -= pad;
        maxY += pad;
        const QRectF plot = d->chart->plotArea();
        setNiceRange(d->x, minX, maxX, std::clamp(int(plot.width() / 90), 2, 5));
        setNiceRange(d->y, minY, maxY, std::clamp(int(plot.height() / 35), 1, 5));
    }
    ++m_redraws;
    updateEmptyState();
    Q_EMIT redrawn();
}

void LineChartView::updateEmptyState()
{
    bool any = false;
    for (const Private::Series &s : std::as_const(d->series))
        any = any || !s.points.isEmpty();
    // Nothing to draw: the sentence alone, not empty axes with elided labels.
    d->view->setVisible(any || m_empty->text().isEmpty());
    m_empty->setVisible(!any && !m_empty->text().isEmpty());
    if (m_empty->isVisible()) {
        m_empty->setGeometry(rect().adjusted(20, 20, -20, -20));
        m_empty->raise();
    }
}

void LineChartView::applyTheme()
{
    m_theme = ChartTheme::fromPalette(palette());
    d->chart->setBackgroundBrush(m_theme.background);
    d->chart->setBackgroundPen(Qt::NoPen);
    d->chart->setPlotAreaBackgroundBrush(m_theme.plotBackground);
    d->chart->setPlotAreaBackgroundPen(QPen(m_theme.grid, 1));
    d->chart->setPlotAreaBackgroundVisible(true);
    d->chart->setTitleBrush(m_theme.text);
    d->chart->legend()->setLabelColor(m_theme.text);
    d->view->setBackgroundBrush(m_theme.background);
    for (QValueAxis *axis : {d->x, d->y}) {
        axis->setLabelsColor(m_theme.text);
        axis->setTitleBrush(m_theme.text);
        axis->setGridLineColor(m_theme.grid);
        axis->setLinePenColor(m_theme.grid);
        axis->setShadesVisible(false);
    }
    QPalette emptyPalette = m_empty->palette();
    emptyPalette.setColor(QPalette::WindowText, m_theme.mutedText);
    m_empty->setPalette(emptyPalette);
}

void LineChartView::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyTheme();
}

void LineChartView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    updateCompact();
    updateEmptyState();
    // A wider plot shows more points: decimate again.
    for (Private::Series &s : d->series)
        s.dirty = s.dirty || s.points.size() > s.shown;
    scheduleRedraw();
}

} // namespace apedesk::ui::charts
