#include "tradercurvesview.h"

#include "traderstyle.h"
#include "widgets/charts/linechartview.h"

#include <QGridLayout>
#include <QResizeEvent>

#include <algorithm>
#include <cmath>

namespace apedesk::ui {

namespace {
// Three charts side by side need about this much width each to keep their axes fine-grained …
constexpr int kWideChartWidth = 420;
// … and two rows need this much height each to show more than a bare line.
constexpr int kRowHeight = 140;
// The least a chart gets: in a small dock the charts go compact (no titles, no legend) rather than
// push the buttons out of view.
constexpr QSize kChartMinimum(100, 80);
constexpr int kSpacing = 4;
} // namespace

TraderCurvesView::TraderCurvesView(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("traderCurves"));
    const QPalette p = palette();
    m_reward = new charts::LineChartView(QStringLiteral("traderRewardChart"), this);
    m_reward->setTitle(tr("Episode reward"));
    m_reward->setAxisTitles(tr("step"), QString());
    m_reward->setEmptyText(tr("No finished episode yet."));
    m_reward->addSeries(tr("Episode"), {traderstyle::episodeRewardColor(p), Qt::SolidLine, 1.0});
    m_reward->addSeries(tr("Mean of 20"), {traderstyle::meanRewardColor(p), Qt::SolidLine, 2.2});

    m_loss = new charts::LineChartView(QStringLiteral("traderLossChart"), this);
    m_loss->setTitle(tr("Loss"));
    m_loss->setAxisTitles(tr("step"), QString());
    m_loss->setEmptyText(tr("No loss yet."));
    m_loss->addSeries(tr("Huber loss"), {traderstyle::lossColor(p)});

    m_epsilon = new charts::LineChartView(QStringLiteral("traderEpsilonChart"), this);
    m_epsilon->setTitle(tr("Exploration ε"));
    m_epsilon->setAxisTitles(tr("step"), QString());
    m_epsilon->setEmptyText(tr("No steps yet."));
    m_epsilon->addSeries(tr("ε"), {traderstyle::epsilonColor(p)});

    for (charts::LineChartView *chart : {m_reward, m_loss, m_epsilon})
        chart->setMinimumSize(kChartMinimum);
    // One row of compact charts is the least this view needs; resizeEvent picks the arrangement.
    setMinimumSize(3 * kChartMinimum.width() + 2 * kSpacing, kChartMinimum.height());

    m_grid = new QGridLayout(this);
    m_grid->setContentsMargins(0, 0, 0, 0);
    m_grid->setSpacing(kSpacing);
    arrange(true);
}

void TraderCurvesView::arrange(bool oneRow)
{
    m_oneRow = oneRow;
    for (QWidget *chart : {static_cast<QWidget *>(m_reward), static_cast<QWidget *>(m_loss), static_cast<QWidget *>(m_epsilon)})
        m_grid->removeWidget(chart);
    for (int i = 0; i < 3; ++i) {
        m_grid->setColumnStretch(i, 0);
        m_grid->setRowStretch(i, 0);
    }
    if (oneRow) {
        m_grid->addWidget(m_reward, 0, 0);
        m_grid->addWidget(m_loss, 0, 1);
        m_grid->addWidget(m_epsilon, 0, 2);
        m_grid->setColumnStretch(0, 2);
        m_grid->setColumnStretch(1, 1);
        m_grid->setColumnStretch(2, 1);
        m_grid->setRowStretch(0, 1);
    } else {
        m_grid->addWidget(m_reward, 0, 0, 1, 2);
        m_grid->addWidget(m_loss, 1, 0);
        m_grid->addWidget(m_epsilon, 1, 1);
        m_grid->setColumnStretch(0, 1);
        m_grid->setColumnStretch(1, 1);
        m_grid->setRowStretch(0, 3);
        m_grid->setRowStretch(1, 2);
    }
}

void TraderCurvesView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    // One row when there is width for three good charts, or too little height for two rows.
    const bool oneRow = event->size().width() >= 3 * kWideChartWidth || event->size().height() < 2 * kRowHeight;
    if (oneRow != m_oneRow)
        arrange(oneRow);
}

int TraderCurvesView::totalPoints() const
{
    int total = 0;
    for (charts::LineChartView *chart : {m_reward, m_loss, m_epsilon})
        for (int s = 0; s < chart->seriesCount(); ++s)
            total += chart->pointCount(s);
    return total;
}

void TraderCurvesView::append(const ml::DqnStepMetrics &metrics)
{
    if (!m_rows.isEmpty() && metrics.step <= m_rows.last().step) {
        const auto from = std::lower_bound(m_rows.begin(), m_rows.end(), metrics.step,
                                           [](const ml::DqnStepMetrics &row, qint64 step) { return row.step < step; });
        m_rows.erase(from, m_rows.end());
        m_rows.append(metrics);
        rebuild();
        return;
    }
    m_rows.append(metrics);
    plotRows(int(m_rows.size()) - 1);
}

void TraderCurvesView::setRows(QVector<ml::DqnStepMetrics> rows)
{
    m_rows = std::move(rows);
    rebuild();
}

void TraderCurvesView::clear() { setRows({}); }

void TraderCurvesView::rebuild()
{
    for (charts::LineChartView *chart : {m_reward, m_loss, m_epsilon})
        chart->clearPoints();
    if (!m_rows.isEmpty())
        plotRows(0);
}

void TraderCurvesView::plotRows(int first)
{
    QVector<QPointF> episode, mean, loss, epsilon;
    for (int row = first; row < m_rows.size(); ++row) {
        const ml::DqnStepMetrics &m = m_rows.at(row);
        const double x = double(m.step);
        // A row repeats the last finished episode until the next one ends: plot each episode once.
        const int episodesBefore = row > 0 ? m_rows.at(row - 1).episodes : 0;
        if (m.episodes > episodesBefore) {
            if (std::isfinite(m.episodeReward))
                episode.append({x, m.episodeReward});
            if (std::isfinite(m.meanEpisodeReward))
                mean.append({x, m.meanEpisodeReward});
        }
        if (std::isfinite(m.loss))
            loss.append({x, m.loss});
        if (std::isfinite(m.epsilon))
            epsilon.append({x, m.epsilon});
    }
    m_reward->appendPoints(EpisodeReward, episode);
    m_reward->appendPoints(MeanEpisodeReward, mean);
    m_loss->appendPoints(0, loss);
    m_epsilon->appendPoints(0, epsilon);
}

} // namespace apedesk::ui
