#include "gancurvesview.h"

#include "ganmetricsmodel.h"
#include "ganstyle.h"
#include "widgets/charts/linechartview.h"

#include <QHBoxLayout>

namespace apedesk::ui {

GanCurvesView::GanCurvesView(GanMetricsModel *model, QWidget *parent) : QWidget(parent), m_model(model)
{
    setObjectName(QStringLiteral("ganCurves"));
    const QPalette p = palette();
    m_losses = new charts::LineChartView(QStringLiteral("ganLossesChart"), this);
    m_losses->setTitle(tr("Losses"));
    m_losses->setAxisTitles(tr("step"), QString());
    m_losses->setEmptyText(tr("The losses appear here while a run trains, or open a past run."));
    m_losses->addSeries(tr("Critic"), {ganstyle::criticColor(p)});
    m_losses->addSeries(tr("Generator"), {ganstyle::generatorColor(p)});
    // Once an epoch: dashed, with a dot per value.
    m_losses->addSeries(tr("Validation G"), {ganstyle::generatorColor(p), Qt::DashLine, 1.6, true, true});
    m_losses->addSeries(tr("Validation critic"), {ganstyle::criticColor(p), Qt::DashLine, 1.6, true, true});

    m_critic = new charts::LineChartView(QStringLiteral("ganCriticChart"), this);
    m_critic->setTitle(tr("Critic"));
    m_critic->setAxisTitles(tr("step"), QString());
    m_critic->setEmptyText(tr("Gradient penalty and Wasserstein estimate."));
    m_critic->addSeries(tr("Gradient penalty"), {ganstyle::penaltyColor(p)});
    m_critic->addSeries(tr("Wasserstein estimate"), {ganstyle::wassersteinColor(p)});

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_losses, 3);
    layout->addWidget(m_critic, 2);

    connect(m_model, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &, int first, int last) { appendRows(first, last); });
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &GanCurvesView::rebuild);
    connect(m_model, &QAbstractItemModel::modelReset, this, &GanCurvesView::rebuild);
    rebuild();
}

int GanCurvesView::totalPoints() const
{
    int total = 0;
    for (charts::LineChartView *chart : {m_losses, m_critic})
        for (int s = 0; s < chart->seriesCount(); ++s)
            total += chart->pointCount(s);
    return total;
}

void GanCurvesView::rebuild()
{
    m_losses->clearPoints();
    m_critic->clearPoints();
    if (m_model->rowCount() > 0)
        appendRows(0, m_model->rowCount() - 1);
}

void GanCurvesView::appendRows(int first, int last)
{
    QVector<QPointF> critic, generator, validationG, validationD, penalty, wasserstein;
    for (int row = first; row <= last; ++row) {
        const ml::GanStepMetrics &m = m_model->at(row);
        const double x = double(m.step);
        critic.append({x, m.criticLoss});
        generator.append({x, m.generatorLoss});
        penalty.append({x, m.gradientPenalty});
        wasserstein.append({x, m.wasserstein});
        // The validation figures come once an epoch.
        if (m.validationGeneratorLoss)
            validationG.append({x, *m.validationGeneratorLoss});
        if (m.validationCriticLoss)
            validationD.append({x, *m.validationCriticLoss});
    }
    m_losses->appendPoints(CriticLoss, critic);
    m_losses->appendPoints(GeneratorLoss, generator);
    m_losses->appendPoints(ValidationGeneratorLoss, validationG);
    m_losses->appendPoints(ValidationCriticLoss, validationD);
    m_critic->appendPoints(GradientPenalty, penalty);
    m_critic->appendPoints(Wasserstein, wasserstein);
}

} // namespace apedesk::ui
