#pragma once
// A fine-tune job's loss curves: "train_loss" and "val_loss" from the job's metric points, drawn by
// the shared LineChartView. A point at a step at or before the series' last one starts the curve over
// from there (a new attempt trains from its checkpoint again), so the curves stay sorted by step.

#include "distill/jobtypes.h"

#include <QWidget>

namespace apedesk::ui {

namespace charts {
class LineChartView;
}

class JobLossChart : public QWidget
{
    Q_OBJECT
public:
    enum Series { TrainLoss, ValLoss };

    explicit JobLossChart(QWidget *parent = nullptr);

    // Every point of the job (the details answer); replaces what is drawn.
    void setPoints(const QList<distill::JobMetricPoint> &points);
    // A live point. `onlyNewer`: drop it when its series already reaches its step (a point that came
    // in before the details answer, which holds it already).
    void addPoint(const distill::JobMetricPoint &point, bool onlyNewer = false);
    void clear();
    // The text over an empty plot: says whether this job draws curves at all.
    void setEmptyText(const QString &text);

    int pointCount(Series series) const;
    charts::LineChartView *chart() const { return m_chart; }

    // The metric series names the chart draws; others are ignored.
    static int seriesOf(const QString &name);   // -1: not drawn

private:
    charts::LineChartView *m_chart;
};

} // namespace apedesk::ui
