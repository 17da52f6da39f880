#pragma once
// A small generic line chart: named series of (x, y) points over two value axes, a legend, and live
// appends that do not stall the GUI. Appends only store the point; the chart is redrawn by a timer
// (about 7 times a second by default), each series decimated to what the plot's width can show, so a
// training that logs hundreds of points a second costs a handful of redraws. This header includes no
// Qt Charts header: only this folder does, so a later Qt Graphs move touches one place.

#include "charttheme.h"

#include <QPointF>
#include <QTimer>
#include <QVector>
#include <QWidget>

#include <memory>

class QLabel;

namespace apedesk::ui::charts {

// Min/max decimation of an x-sorted series to at most about `maxPoints` points: the x span is cut
// into maxPoints / 4 buckets, and each keeps its first, lowest, highest and last point in x order,
// so spikes stay visible. A series of at most `maxPoints` points comes back as it is.
QVector<QPointF> decimateLine(const QVector<QPointF> &points, int maxPoints);

class LineChartView : public QWidget
{
    Q_OBJECT
public:
    struct SeriesStyle
    {
        QColor color;
        Qt::PenStyle penStyle = Qt::SolidLine;
        double width = 1.6;
        bool inLegend = true;   // false: drawn, but without a legend entry (the 2nd… of a group)
        bool markers = false;   // a dot on each point (sparse series, e.g. once per epoch)
    };

    explicit LineChartView(const QString &objectName, QWidget *parent = nullptr);
    ~LineChartView() override;

    void setTitle(const QString &title);
    QString title() const;
    void setAxisTitles(const QString &x, const QString &y);
    // Shown over the plot while no series has a point.
    void setEmptyText(const QString &text);
    QString emptyText() const;

    // A new series; returns its index.
    int addSeries(const QString &name, const SeriesStyle &style);
    int seriesCount() const;
    QString seriesName(int series) const;
    void setSeriesName(int series, const QString &name);
    // Removes every series (and its points).
    void removeAllSeries();

    // Points are stored at once and drawn at the next redraw tick.
    void appendPoint(int series, QPointF point);
    void appendPoints(int series, const QVector<QPointF> &points);
    void setPoints(int series, QVector<QPointF> points);
    void clearPoints();                      // every series keeps its name and style
    int pointCount(int series) const;        // stored
    int shownPointCount(int series) const;   // drawn after decimation (at the last redraw)
    const QVector<QPointF> &points(int series) const;

    // The redraw coalescing interval (ms) and the decimation target per series (0: twice the plot's
    // width in pixels).
    void setRedrawInterval(int ms);
    int redrawInterval() const { return m_redrawTimer.interval(); }
    void setMaxShownPoints(int points);
    // Draws what is pending now instead of at the next tick (tests, a grab for a screenshot).
    void redrawNow();
    bool redrawPending() const { return m_redrawTimer.isActive(); }
    int redrawCount() const { return m_redraws; }

    // The axis ranges on screen.
    QPointF xRange() const;
    QPointF yRange() const;
    // The series colour as drawn (for a matching legend elsewhere).
    QColor seriesColor(int series) const;

Q_SIGNALS:
    // A redraw put new points on screen.
    void redrawn();

protected:
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void scheduleRedraw();
    void redraw();
    void applyTheme();
    void updateEmptyState();
    // A short chart drops its title, axis titles and then its legend, so the plot keeps some height.
    void updateCompact();
    int decimationTarget() const;

    struct Private;
    std::unique_ptr<Private> d;   // the Qt Charts objects and the stored series
    QTimer m_redrawTimer;
    int m_maxShownPoints = 0;
    int m_redraws = 0;
    QLabel *m_empty;
    ChartTheme m_theme;
    QString m_title;
    QString m_xTitle;
    QString m_yTitle;
};

} // namespace apedesk::ui::charts
