#include "joblosschart.h"

#include "distillstyle.h"
#include "widgets/charts/linechartview.h"

#include <QVBoxLayout>

namespace apedesk::ui {

JobLossChart::JobLossChart(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("distillLossView"));
    m_chart = new charts::LineChartView(QStringLiteral("distillLossChart"), this);
    m_chart->setTitle(tr("Fine-tune loss"));
    m_chart->setAxisTitles(tr("iteration"), tr("loss"));
    const QPalette p = palette();
    m_chart->addSeries(tr("Train loss"), {distillstyle::trainLossColor(p), Qt::SolidLine, 1.8});
    // Validation runs every few hundred iterations: markers keep single points visible.
    m_chart->addSeries(tr("Validation loss"), {distillstyle::valLossColor(p), Qt::SolidLine, 1.8, true, true});
    m_chart->setMinimumSize(160, 100);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_chart);
    setEmptyText(tr("Select a fine-tune job to see its loss curves."));
}

int JobLossChart::seriesOf(const QString &name)
{
    if (name == QLatin1String("train_loss"))
        return TrainLoss;
    if (name == QLatin1String("val_loss"))
        return ValLoss;
    return -1;
}

void JobLossChart::setEmptyText(const QString &text) { m_chart->setEmptyText(text); }

void JobLossChart::clear() { m_chart->clearPoints(); }

int JobLossChart::pointCount(Series series) const { return m_chart->pointCount(series); }

void JobLossChart::setPoints(const QList<distill::JobMetricPoint> &points)
{
    QVector<QPointF> series[2];
    for (const distill::JobMetricPoint &point : points) {
        const int s = seriesOf(point.series);
        if (s < 0)
            continue;
        QVector<QPointF> &line = series[s];
        while (!line.isEmpty() && line.last().x() >= point.step)
            line.removeLast();
        line.append({point.step, point.value});
    }
    m_chart->setPoints(TrainLoss, series[TrainLoss]);
    m_chart->setPoints(ValLoss, series[ValLoss]);
}

void JobLossChart::addPoint(const distill::JobMetricPoint &point, bool onlyNewer)
{
    const int s = seriesOf(point.series);
    if (s < 0)
        return;
    const QVector<QPointF> &line = m_chart->points(s);
    if (line.isEmpty() || line.last().x() < point.step) {
        m_chart->appendPoint(s, {point.step, point.value});
        return;
    }
    if (onlyNewer)
        return;
    QVector<QPointF> kept = line;
    while (!kept.isEmpty() && kept.last().x() >= point.step)
        kept.removeLast();
    kept.append({point.step, point.value});
    m_chart->setPoints(s, kept);
}

} // namespace apedesk::ui
