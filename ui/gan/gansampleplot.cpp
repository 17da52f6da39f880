#include "gansampleplot.h"

#include "ganstyle.h"
#include "gansamples.h"
#include "widgets/charts/linechartview.h"

#include <QVBoxLayout>

namespace apedesk::ui {

GanSamplePlot::GanSamplePlot(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("ganSamplePlot"));
    m_chart = new charts::LineChartView(QStringLiteral("ganSampleChart"), this);
    m_chart->setTitle(tr("Price: real windows and synthetic sequences"));
    m_chart->setAxisTitles(tr("step"), tr("USDC per ETH"));
    m_chart->setEmptyText(tr("Generate sequences to compare them with real windows."));
    m_chart->setRedrawInterval(0);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_chart);
}

void GanSamplePlot::clear()
{
    m_chart->removeAllSeries();
    m_real = m_synthetic = 0;
}

void GanSamplePlot::showSamples(const GanSampleSet &samples)
{
    clear();
    const QPalette p = palette();
    const auto add = [this](const QVector<QVector<double>> &sequences, const QString &name, const QColor &color,
                            double width) {
        for (int i = 0; i < sequences.size(); ++i) {
            // One legend entry per group: the first line carries the name.
            const int series = m_chart->addSeries(name, {color, Qt::SolidLine, width, i == 0});
            QVector<QPointF> points;
            for (int step = 0; step < sequences.at(i).size(); ++step)
                points.append({double(step), sequences.at(i).at(step)});
            m_chart->setPoints(series, points);
        }
    };
    add(samples.real, tr("Real windows"), ganstyle::realColor(p), 1.4);
    add(samples.synthetic, tr("Synthetic"), ganstyle::syntheticColor(p), 1.8);
    m_real = int(samples.real.size());
    m_synthetic = int(samples.synthetic.size());
}

} // namespace apedesk::ui
