#include "swapchartstack.h"

#include "common/logging.h"
#include "framescheduler.h"
#include "plotitems.h"
#include "timechartview.h"

#include <QDateTime>
#include <QEvent>
#include <QLabel>
#include <QLocale>
#include <QStackedLayout>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace apedesk::ui::charts {

namespace {
constexpr double kMinSpanMs = 60'000;        // one minute
constexpr double kHeadPad = 0.03;            // room right of the newest swap, as a share of the span

bool byTime(const SwapPoint &a, const SwapPoint &b) { return a.timestamp < b.timestamp; }

bool isAfter(const SwapPoint &p, const SwapPoint &last)
{
    return p.blockNumber > last.blockNumber || (p.blockNumber == last.blockNumber && p.logIndex > last.logIndex);
}

QString number(double value, int decimals) { return QLocale().toString(value, 'f', decimals); }
} // namespace

SwapChartStack::SwapChartStack(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("swapChartStack"));
    m_pages = new QStackedLayout(this);
    m_pages->setContentsMargins(0, 0, 0, 0);

    m_empty = new QLabel(this);
    m_empty->setObjectName(QStringLiteral("chartsEmptyLabel"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setTextFormat(Qt::PlainText);
    m_empty->setText(tr("No swaps yet — connect a chain or import a CSV."));
    m_empty->setMinimumSize(120, 60);
    m_pages->addWidget(m_empty);

    m_area = new QWidget(this);
    m_area->setObjectName(QStringLiteral("chartsArea"));
    m_area->setAutoFillBackground(true);
    auto *layout = new QVBoxLayout(m_area);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    m_price = new TimeChartView(QStringLiteral("priceChartView"), m_area);
    m_volume = new TimeChartView(QStringLiteral("volumeChartView"), m_area);
    m_count = new TimeChartView(QStringLiteral("swapCountChartView"), m_area);
    layout->addWidget(m_price, 5);
    layout->addWidget(m_volume, 2);
    layout->addWidget(m_count, 2);
    m_pages->addWidget(m_area);

    m_tip = new QLabel(m_area);
    m_tip->setObjectName(QStringLiteral("chartTooltip"));
    m_tip->setTextFormat(Qt::PlainText);
    m_tip->setFrameShape(QFrame::StyledPanel);
    m_tip->setMargin(4);
    m_tip->setAutoFillBackground(true);
    m_tip->setAttribute(Qt::WA_TransparentForMouseEvents);
    m_tip->hide();

    m_scheduler = new FrameScheduler([this] { return FrameScheduler::Snapshot{m_points, m_dataVersion}; }, this);
    connect(m_scheduler, &FrameScheduler::frameReady, this, &SwapChartStack::applyFrame);
    connect(m_scheduler, &FrameScheduler::idle, this, &SwapChartStack::flushAppends);

    for (TimeChartView *view : {m_price, m_volume, m_count}) {
        connect(view, &TimeChartView::zoomRequested, this, [this](double anchor, double factor) { zoom(factor, anchor); });
        connect(view, &TimeChartView::panRequested, this, &SwapChartStack::pan);
        connect(view, &TimeChartView::hovered, this,
                [this, view](double timeMs, QPoint pos) { onHover(view, timeMs, pos); });
        connect(view, &TimeChartView::hoverLeft, this, &SwapChartStack::hideCrosshair);
    }
    // The price plot's width is the decimation's column count.
    connect(m_price, &TimeChartView::plotResized, this, &SwapChartStack::requestFrame);
    buildItems();
    applyTheme();
    m_range = Range::All;
    applyRangePreset();
    updateEmptyState();
}

SwapChartStack::~SwapChartStack() = default;

void SwapChartStack::buildItems()
{
    m_line = new LineItem;
    m_price->addPlotItem(m_line);
    m_candles = new CandleItem;
    m_price->addPlotItem(m_candles);
    m_volumeBars = new BarItem(BarItem::Kind::Volume);
    m_volume->addPlotItem(m_volumeBars);
    m_countBars = new BarItem(BarItem::Kind::Count);
    m_count->addPlotItem(m_countBars);

    QFont small = font();
    small.setPointSizeF(std::max(6.0, font().pointSizeF() * 0.85));
    const QFontMetrics metrics(small);
    // One left margin for all three, wide enough for any of their value labels, so the plots line up.
    // The bottom margin of the upper charts leaves room for half a value label, so "0" shows.
    m_plotMargins = QMargins(metrics.horizontalAdvance(QStringLiteral("00000.00")) + 14, metrics.height() + 6,
                             metrics.horizontalAdvance(QStringLiteral("Wed 30 Sep")) / 2 + 4, metrics.height() / 2 + 2);
    m_timeLabelHeight = metrics.height() + 8;
    m_price->setMinimumHeight(80);
    m_volume->setMinimumHeight(50);
    m_count->setMinimumHeight(50);
    updateChartVisibility();
    updateTitles();
}

void SwapChartStack::applyTheme()
{
    m_theme = ChartTheme::fromPalette(palette());
    for (TimeChartView *view : {m_price, m_volume, m_count})
        view->applyTheme(m_theme);
    QPalette areaPalette = m_area->palette();
    areaPalette.setColor(QPalette::Window, m_theme.background);
    m_area->setPalette(areaPalette);
    QPalette tipPalette = m_tip->palette();
    tipPalette.setColor(QPalette::Window, palette().color(QPalette::ToolTipBase));
    tipPalette.setColor(QPalette::WindowText, palette().color(QPalette::ToolTipText));
    m_tip->setPalette(tipPalette);

    m_line->setPen(QPen(m_theme.line, 1.5));
    m_candles->setColors(m_theme.buy, m_theme.sell);
    m_volumeBars->setColors(m_theme.buy, m_theme.sell);
    m_countBars->setColors(m_theme.count, m_theme.count);
    m_volume->setLegendEntries({{m_theme.buy, tr("buys ETH")}, {m_theme.sell, tr("sells ETH")}});
}

void SwapChartStack::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyTheme();
}

void SwapChartStack::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    updateChartVisibility();
    requestFrame();   // as many columns as the plot has pixels
}

void SwapChartStack::updateChartVisibility()
{
    const int h = height();
    const bool volume = h >= 210;
    const bool count = h >= 300;
    m_volume->setVisible(volume);
    m_count->setVisible(count);
    TimeChartView *lowest = count ? m_count : volume ? m_volume : m_price;
    for (TimeChartView *view : {m_price, m_volume, m_count}) {
        QMargins margins = m_plotMargins;
        if (view == lowest)
            margins.setBottom(m_timeLabelHeight);
        view->setPlotMargins(margins);
        view->setTimeLabelsVisible(view == lowest);
    }
}

// ---- data ---------------------------------------------------------------------------------------

void SwapChartStack::setPoints(QVector<SwapPoint> points)
{
    if (!std::is_sorted(points.cbegin(), points.cend(), byTime)) {
        qCWarning(lcUi) << "chart points were not in time order; sorting" << points.size();
        std::stable_sort(points.begin(), points.end(), byTime);
    }
    m_points = std::move(points);
    ++m_dataVersion;
    if (m_range == Range::Custom) {
        m_range = Range::All;
        Q_EMIT rangeChanged(m_range);
    }
    applyRangePreset();
    updateEmptyState();
    Q_EMIT pointsChanged(pointCount());
    flushAppends();
}

void SwapChartStack::appendPoints(const QVector<SwapPoint> &points)
{
    m_pendingAppends += points;
    flushAppends();
}

void SwapChartStack::clear() { setPoints({}); }

void SwapChartStack::flushAppends()
{
    // While a job reads the series an append would copy all of it; the scheduler's idle() comes back here.
    if (m_pendingAppends.isEmpty() || m_scheduler->busy())
        return;
    const double oldNewest = newestMs();
    const bool atHead = !m_points.isEmpty() && m_toMs >= oldNewest;
    int added = 0;
    for (const SwapPoint &p : std::as_const(m_pendingAppends)) {
        if (!m_points.isEmpty() && !isAfter(p, m_points.constLast()))
            continue;
        if (!m_points.isEmpty() && p.timestamp < m_points.constLast().timestamp)
            m_points.insert(std::upper_bound(m_points.begin(), m_points.end(), p, byTime), p);
        else
            m_points.append(p);
        ++added;
    }
    m_pendingAppends.clear();
    if (added == 0)
        return;
    ++m_dataVersion;
    if (m_range != Range::Custom) {
        applyRangePreset();
    } else if (atHead) {
        const double delta = newestMs() - oldNewest;
        m_fromMs += delta;
        m_toMs += delta;
        applyView();
    } else {
        requestFrame();
    }
    updateEmptyState();
    Q_EMIT pointsChanged(pointCount());
}

double SwapChartStack::newestMs() const { return m_points.isEmpty() ? 0 : m_points.constLast().timestamp * 1000.0; }

double SwapChartStack::oldestMs() const { return m_points.isEmpty() ? 0 : m_points.constFirst().timestamp * 1000.0; }

void SwapChartStack::updateEmptyState()
{
    m_pages->setCurrentWidget(m_points.isEmpty() ? static_cast<QWidget *>(m_empty) : m_area);
    if (m_points.isEmpty())
        hideCrosshair();
}

void SwapChartStack::setEmptyText(const QString &text) { m_empty->setText(text); }

QString SwapChartStack::emptyText() const { return m_empty->text(); }

// ---- view ---------------------------------------------------------------------------------------

void SwapChartStack::showRange(Range range)
{
    const bool changed = range != m_range;
    m_range = range;
    applyRangePreset();
    if (changed)
        Q_EMIT rangeChanged(m_range);
}

void SwapChartStack::applyRangePreset()
{
    if (m_points.isEmpty()) {
        const double now = QDateTime::currentMSecsSinceEpoch();
        m_fromMs = now - 3'600'000;
        m_toMs = now;
        applyView();
        return;
    }
    const double newest = newestMs();
    double span = 0;
    switch (m_range) {
    case Range::Hour: span = 3'600'000; break;
    case Range::Day: span = 86'400'000; break;
    case Range::Week: span = 7 * 86'400'000.0; break;
    case Range::All:
    case Range::Custom: {
        if (m_range == Range::Custom)
            return applyView();
        const double data = std::max(newest - oldestMs(), kMinSpanMs);
        m_fromMs = oldestMs() - data * 0.01;
        m_toMs = newest + data * kHeadPad;
        return applyView();
    }
    }
    m_fromMs = newest - span;
    m_toMs = newest + span * kHeadPad;
    applyView();
}

void SwapChartStack::setVisibleRange(double fromMs, double toMs)
{
    if (!(toMs - fromMs >= 1000))
        return;
    m_fromMs = fromMs;
    m_toMs = toMs;
    if (m_range != Range::Custom) {
        m_range = Range::Custom;
        Q_EMIT rangeChanged(m_range);
    }
    applyView();
}

void SwapChartStack::zoom(double factor, double anchorMs)
{
    if (m_points.isEmpty() || !(factor > 0))
        return;
    const double span = m_toMs - m_fromMs;
    const double maxSpan = std::max((newestMs() - oldestMs()) * 3, 2 * 3'600'000.0);
    const double next = std::clamp(span * factor, kMinSpanMs, maxSpan);
    anchorMs = std::clamp(anchorMs, m_fromMs, m_toMs);
    const double from = anchorMs - (anchorMs - m_fromMs) * next / span;
    setVisibleRange(from, from + next);
}

void SwapChartStack::pan(double deltaMs)
{
    if (m_points.isEmpty() || deltaMs == 0)
        return;
    const double span = m_toMs - m_fromMs;
    // Keep a tenth of the view on the data, so the series cannot be dragged out of sight.
    double from = m_fromMs + deltaMs;
    from = std::min(from, newestMs() - span * 0.1);
    from = std::max(from, oldestMs() - span * 0.9);
    setVisibleRange(from, from + span);
}

void SwapChartStack::applyView()
{
    for (TimeChartView *view : {m_price, m_volume, m_count})
        view->setTimeRange(m_fromMs, m_toMs);
    Q_EMIT visibleRangeChanged(m_fromMs, m_toMs);
    if (m_hoverView && m_crosshairMs)
        onHover(m_hoverView, m_hoverView->timeAt(m_hoverPos.x()), m_hoverPos);
    requestFrame();
}

void SwapChartStack::setMode(Mode mode)
{
    if (mode == m_mode)
        return;
    m_mode = mode;
    requestFrame();
    Q_EMIT modeChanged(mode);
}

void SwapChartStack::setInterval(qint64 seconds)
{
    seconds = std::max<qint64>(0, seconds);
    if (seconds == m_interval)
        return;
    m_interval = seconds;
    requestFrame();
    Q_EMIT intervalChanged(seconds);
}

QString SwapChartStack::intervalName(qint64 seconds)
{
    switch (seconds) {
    case 60: return tr("1 min");
    case 300: return tr("5 min");
    case 900: return tr("15 min");
    case 3600: return tr("1 h");
    case 4 * 3600: return tr("4 h");
    case 86400: return tr("1 d");
    default: return tr("%n s", nullptr, int(seconds));
    }
}

// ---- frames -------------------------------------------------------------------------------------

void SwapChartStack::requestFrame()
{
    if (m_points.isEmpty())
        return;
    FrameRequest request;
    request.fromMs = m_fromMs;
    request.toMs = m_toMs;
    request.columns = plotColumns();
    request.intervalSeconds = m_interval;
    request.candles = m_mode == Mode::Candles;
    m_scheduler->request(request);
}

bool SwapChartStack::frameInFlight() const { return m_scheduler->busy(); }

int SwapChartStack::plotColumns() const { return std::max(100, int(m_price->plotArea().width())); }

bool SwapChartStack::frameIsCurrent() const
{
    const FrameRequest &r = m_frame.request;
    return !m_scheduler->busy() && m_frame.dataVersion == m_dataVersion && m_frame.intervalSeconds > 0
        && r.fromMs == m_fromMs && r.toMs == m_toMs && r.candles == (m_mode == Mode::Candles)
        && r.intervalSeconds == m_interval && r.columns == plotColumns();
}

void SwapChartStack::applyFrame(const ChartFrame &frame)
{
    // Stale: computed from an older series, or for a mode or interval no longer chosen. A frame for
    // an older range is still the best there is while the next one computes, so it is shown.
    if (frame.dataVersion != m_dataVersion || frame.request.candles != (m_mode == Mode::Candles)
        || frame.request.intervalSeconds != m_interval) {
        qCDebug(lcUi) << "chart frame dropped as stale" << frame.generation;
        return;
    }
    m_frame = frame;
    m_line->setPoints(m_mode == Mode::Line ? frame.line : QVector<QPointF>());
    m_candles->setCandles(m_mode == Mode::Candles ? frame.candles : QVector<Candle>(), frame.intervalSeconds);
    m_volumeBars->setCandles(frame.candles, frame.intervalSeconds, frame.volumeScale);
    m_countBars->setCandles(frame.candles, frame.intervalSeconds, 1);

    const double spread = frame.priceMax - frame.priceMin;
    const double pad = spread > 0 ? spread * 0.08 : std::max(std::abs(frame.priceMax) * 0.002, 0.01);
    m_price->setValueRange(frame.priceMin - pad, frame.priceMax + pad);
    m_volume->setValueRange(0, std::max(frame.volumeMax, 1e-6) * 1.15);
    m_count->setValueRange(0, std::max(frame.countMax, 1) * 1.15, 0, 1);
    updateTitles();
    if (m_crosshairMs && m_tip->isVisible())
        m_tip->setText(describeAt(*m_crosshairMs));
    qCDebug(lcUi).nospace() << "chart frame " << frame.generation << ": " << frame.pointsInView << " swaps in view, "
                            << frame.line.size() << " line points, " << frame.candles.size() << " candles, "
                            << frame.computeMs << " ms";
    Q_EMIT frameApplied();
}

void SwapChartStack::updateTitles()
{
    const qint64 interval = m_frame.intervalSeconds;
    const QString every = interval > 0 ? intervalName(interval) : QString();
    if (m_mode == Mode::Candles && interval > 0)
        m_price->setTitleText(tr("Price, USDC per ETH · %1 candles").arg(every));
    else
        m_price->setTitleText(tr("Price, USDC per ETH"));
    const QString unit = m_frame.volumeScale >= 1e6 ? tr("million USDC")
                         : m_frame.volumeScale >= 1e3 ? tr("thousand USDC")
                                                      : tr("USDC");
    m_volume->setTitleText(interval > 0 ? tr("Volume per %1, %2").arg(every, unit) : tr("Volume"));
    m_count->setTitleText(interval > 0 ? tr("Swaps per %1").arg(every) : tr("Swaps"));
}

// ---- crosshair ----------------------------------------------------------------------------------

void SwapChartStack::onHover(TimeChartView *view, double timeMs, QPoint viewportPos)
{
    m_hoverView = view;
    m_hoverPos = viewportPos;
    showCrosshairAt(timeMs, view->viewport()->mapTo(m_area, viewportPos));
    view->setCrosshair(timeMs, viewportPos.y());
}

void SwapChartStack::showCrosshairAt(double timeMs, std::optional<QPoint> near)
{
    if (m_points.isEmpty())
        return;
    m_crosshairMs = timeMs;
    for (TimeChartView *view : {m_price, m_volume, m_count})
        view->setCrosshair(timeMs);
    m_tip->setText(describeAt(timeMs));
    m_tip->adjustSize();
    QPoint at = near.value_or(QPoint(int(m_price->xOf(timeMs)), int(m_price->plotArea().top())));
    QPoint pos = at + QPoint(14, 14);
    if (pos.x() + m_tip->width() > m_area->width())
        pos.setX(at.x() - m_tip->width() - 14);
    if (pos.y() + m_tip->height() > m_area->height())
        pos.setY(m_area->height() - m_tip->height());
    m_tip->move(std::max(0, pos.x()), std::max(0, pos.y()));
    m_tip->show();
    m_tip->raise();
}

void SwapChartStack::hideCrosshair()
{
    m_crosshairMs.reset();
    m_hoverView = nullptr;
    for (TimeChartView *view : {m_price, m_volume, m_count})
        view->setCrosshair(std::nullopt);
    m_tip->hide();
}

QString SwapChartStack::tooltipText() const { return m_tip->isVisible() ? m_tip->text() : QString(); }

QString SwapChartStack::describeAt(double timeMs) const
{
    if (m_points.isEmpty())
        return {};
    const qint64 interval = m_frame.intervalSeconds > 0 ? m_frame.intervalSeconds
                                                        : autoInterval((m_toMs - m_fromMs) / 1000.0, 150);
    const qint64 start = intervalStart(qint64(std::floor(timeMs / 1000.0)), interval);
    const QDateTime from = QDateTime::fromSecsSinceEpoch(start);
    const QDateTime to = QDateTime::fromSecsSinceEpoch(start + interval);
    QStringList lines;
    lines << tr("%1 – %2").arg(from.toString(QStringLiteral("yyyy-MM-dd HH:mm")),
                               to.toString(from.date() == to.date() ? QStringLiteral("HH:mm")
                                                                    : QStringLiteral("yyyy-MM-dd HH:mm")));
    const auto found = std::lower_bound(m_frame.candles.cbegin(), m_frame.candles.cend(), start,
                                        [](const Candle &c, qint64 s) { return c.start < s; });
    const Candle *candle = found != m_frame.candles.cend() && found->start == start ? &*found : nullptr;
    if (m_mode == Mode::Candles && candle) {
        lines << tr("Open %1 · High %2 · Low %3 · Close %4")
                     .arg(number(candle->open, 2), number(candle->high, 2), number(candle->low, 2),
                          number(candle->close, 2));
    } else {
        // The price at that moment: the last swap at or before it.
        const qint64 second = qint64(std::floor(timeMs / 1000.0));
        const auto after = std::upper_bound(m_points.cbegin(), m_points.cend(), second,
                                            [](qint64 t, const SwapPoint &p) { return t < p.timestamp; });
        if (after == m_points.cbegin())
            lines << tr("Price: no swap before this time");
        else
            lines << tr("Price: %1 USDC per ETH").arg(number(std::prev(after)->price, 2));
    }
    if (candle) {
        lines << tr("Volume: %1 USDC · %2 ETH").arg(number(candle->volumeUsdc, 2), number(candle->volumeEth, 4));
        lines << tr("Buys %1 USDC · sells %2 USDC").arg(number(candle->buyUsdc, 2), number(candle->sellUsdc, 2));
        lines << tr("Swaps: %1").arg(candle->swaps);
    } else {
        lines << tr("No swaps in this interval");
    }
    return lines.join(QLatin1Char('\n'));
}

// ---- what is on screen ----------------------------------------------------------------------------

QVector<Candle> SwapChartStack::visibleCandles() const
{
    QVector<Candle> out;
    const qint64 interval = m_frame.intervalSeconds;
    for (const Candle &c : m_frame.candles)
        if ((c.start + interval) * 1000.0 > m_fromMs && c.start * 1000.0 <= m_toMs)
            out.append(c);
    return out;
}

int SwapChartStack::linePointCount() const { return m_line->count(); }

int SwapChartStack::candleCount() const { return m_candles->count(); }

int SwapChartStack::volumeBarCount() const { return m_volumeBars->count(); }

int SwapChartStack::countBarCount() const { return m_countBars->count(); }

QVector<QPair<double, double>> SwapChartStack::axisRanges() const
{
    QVector<QPair<double, double>> out;
    for (TimeChartView *view : {m_price, m_volume, m_count})
        out.append({view->timeFrom(), view->timeTo()});
    return out;
}

QString SwapChartStack::chartTitle(int chart) const
{
    const TimeChartView *views[] = {m_price, m_volume, m_count};
    return chart >= 0 && chart < 3 ? views[chart]->titleText() : QString();
}

} // namespace apedesk::ui::charts
