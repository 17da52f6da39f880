#pragma once
// The live training curves of the trader run on screen: the episode reward (each finished episode
// and the running mean of the last 20) in one chart, the TD loss in another, the exploration ε in a
// third, all over the environment step. Wide or short: three side by side; otherwise the reward
// across the top and the other two under it. Rows reach the charts as they come; the charts
// coalesce their redraws.

#include "dqntrainer.h"

#include <QVector>
#include <QWidget>

class QGridLayout;

namespace apedesk::ui {

namespace charts {
class LineChartView;
}

class TraderCurvesView : public QWidget
{
    Q_OBJECT
public:
    // The series of rewardChart(), in order.
    enum RewardSeries { EpisodeReward, MeanEpisodeReward };

    explicit TraderCurvesView(QWidget *parent = nullptr);

    // A logged row. A step at or before the last row's is a restart of the series (a new run or a
    // continuation from an earlier checkpoint): rows from that step on are dropped first.
    void append(const ml::DqnStepMetrics &metrics);
    void setRows(QVector<ml::DqnStepMetrics> rows);
    void clear();
    const QVector<ml::DqnStepMetrics> &rows() const { return m_rows; }

    charts::LineChartView *rewardChart() const { return m_reward; }
    charts::LineChartView *lossChart() const { return m_loss; }
    charts::LineChartView *epsilonChart() const { return m_epsilon; }
    // Points stored across every series (what a test watches grow).
    int totalPoints() const;

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void rebuild();
    // The points of rows[first…] (the reward only where an episode finished since the row before).
    void plotRows(int first);
    void arrange(bool oneRow);

    QVector<ml::DqnStepMetrics> m_rows;
    charts::LineChartView *m_reward;
    charts::LineChartView *m_loss;
    charts::LineChartView *m_epsilon;
    QGridLayout *m_grid;
    bool m_oneRow = false;
};

} // namespace apedesk::ui
