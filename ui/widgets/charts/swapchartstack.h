#pragma once
// Price (line or candles), volume (buy/sell bars) and swap-count charts stacked on one time axis:
// range presets relative to the newest swap, wheel zoom and drag pan applied to all three at once, a
// crosshair with a tooltip, and live appends that follow the head. What the charts draw is computed
// off the GUI thread (FrameScheduler → computeFrame); the GUI thread only moves the axes and hands
// the plot items their vectors. This header includes no Qt Charts header, so the pane does not either.

#include "chartframe.h"
#include "charttheme.h"

#include <QWidget>

#include <optional>

class QLabel;
class QStackedLayout;

namespace apedesk::ui::charts {

class BarItem;
class CandleItem;
class FrameScheduler;
class LineItem;
class TimeChartView;

class SwapChartStack : public QWidget
{
    Q_OBJECT
public:
    enum class Range { Hour, Day, Week, All, Custom };
    Q_ENUM(Range)
    enum class Mode { Line, Candles };
    Q_ENUM(Mode)

    explicit SwapChartStack(QWidget *parent = nullptr);
    ~SwapChartStack() override;

    // Replaces the series (sorted by time here when it is not). The range preset stays.
    void setPoints(QVector<SwapPoint> points);
    // Newer swaps. Points at or before the newest (block, log index) are skipped, so history and the
    // live feed may overlap. When the view shows the newest swap it moves along with the head.
    void appendPoints(const QVector<SwapPoint> &points);
    void clear();
    const QVector<SwapPoint> &points() const { return m_points; }
    int pointCount() const { return int(m_points.size()); }

    // A preset relative to the newest swap; any zoom or pan makes the range Custom.
    void showRange(Range range);
    Range range() const { return m_range; }
    void setVisibleRange(double fromMs, double toMs);
    double visibleFrom() const { return m_fromMs; }
    double visibleTo() const { return m_toMs; }
    // factor < 1 zooms in, about the time `anchorMs`; a positive delta moves toward newer swaps.
    void zoom(double factor, double anchorMs);
    void pan(double deltaMs);

    void setMode(Mode mode);
    Mode mode() const { return m_mode; }
    // The candle and bar interval in seconds; 0 = chosen from the visible span.
    void setInterval(qint64 seconds);
    qint64 interval() const { return m_interval; }
    // The interval of the frame on screen (0 before the first one).
    qint64 shownInterval() const { return m_frame.intervalSeconds; }
    static QString intervalName(qint64 seconds);

    // The sentence shown while there is nothing to draw.
    void setEmptyText(const QString &text);
    QString emptyText() const;

    // The crosshair and its tooltip at a time, as the mouse shows them; `near` is a point of the
    // charts area the tooltip sits next to.
    void showCrosshairAt(double timeMs, std::optional<QPoint> near = std::nullopt);
    void hideCrosshair();
    QString tooltipText() const;
    // The tooltip's text for a time: the interval, price or OHLC, volume and swap count.
    QString describeAt(double timeMs) const;

    // The shown interval's candles inside the visible range (what "Export CSV" writes).
    QVector<Candle> visibleCandles() const;
    const ChartFrame &frame() const { return m_frame; }
    // The three charts without the empty-state page: what "Export PNG" grabs.
    QWidget *chartsArea() const { return m_area; }
    bool frameInFlight() const;
    // No frame is being computed and the one on screen answers the current view (range, mode,
    // interval and plot width): for tests and the benchmark.
    bool frameIsCurrent() const;
    // The price plot's width in pixels: the columns of the decimation.
    int plotColumns() const;

    // What is on screen, for tests and the benchmark.
    int linePointCount() const;
    int candleCount() const;
    int volumeBarCount() const;
    int countBarCount() const;
    // Each chart's time axis range (ms), price, volume and count in that order.
    QVector<QPair<double, double>> axisRanges() const;
    QString chartTitle(int chart) const;

Q_SIGNALS:
    // A frame reached the series (after new points, appends, a zoom, a pan, a mode change).
    void frameApplied();
    void visibleRangeChanged(double fromMs, double toMs);
    void rangeChanged(apedesk::ui::charts::SwapChartStack::Range range);
    void modeChanged(apedesk::ui::charts::SwapChartStack::Mode mode);
    void intervalChanged(qint64 seconds);
    void pointsChanged(int count);

protected:
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void buildItems();
    void applyTheme();
    void applyRangePreset();
    void applyView();
    void requestFrame();
    void applyFrame(const ChartFrame &frame);
    void flushAppends();
    void updateEmptyState();
    // A short stack drops the count chart, then the volume chart, so the price keeps its height;
    // the lowest chart shown carries the time labels.
    void updateChartVisibility();
    void updateTitles();
    void onHover(TimeChartView *view, double timeMs, QPoint viewportPos);
    double newestMs() const;
    double oldestMs() const;

    QVector<SwapPoint> m_points;          // sorted by time; shared with at most one running job
    QVector<SwapPoint> m_pendingAppends;  // held while a job reads m_points, so appends never copy it
    quint64 m_dataVersion = 0;
    FrameScheduler *m_scheduler;
    ChartFrame m_frame;

    Range m_range = Range::Day;
    Mode m_mode = Mode::Line;
    qint64 m_interval = 0;
    double m_fromMs = 0;
    double m_toMs = 0;

    ChartTheme m_theme;
    QMargins m_plotMargins;       // left, top and right of every chart; bottom of the upper ones
    int m_timeLabelHeight = 0;    // bottom margin of the lowest chart
    QStackedLayout *m_pages;
    QLabel *m_empty;
    QWidget *m_area;
    QLabel *m_tip;
    TimeChartView *m_price;
    TimeChartView *m_volume;
    TimeChartView *m_count;
    LineItem *m_line = nullptr;
    CandleItem *m_candles = nullptr;
    BarItem *m_volumeBars = nullptr;
    BarItem *m_countBars = nullptr;
    // The mouse over a chart: the crosshair follows it through zooms and pans.
    TimeChartView *m_hoverView = nullptr;
    QPoint m_hoverPos;
    std::optional<double> m_crosshairMs;
};

} // namespace apedesk::ui::charts
