#pragma once
// The live training curves of the run on screen, drawn from a GanMetricsModel: losses (critic,
// generator and the per-epoch validation losses) in one chart, the critic's gradient penalty and
// Wasserstein estimate in another, both over the training step. Rows reach the charts as the model
// gets them; the charts coalesce their redraws (LineChartView), so the GUI never waits on a burst.

#include <QWidget>

namespace apedesk::ui {

namespace charts {
class LineChartView;
}
class GanMetricsModel;

class GanCurvesView : public QWidget
{
    Q_OBJECT
public:
    // The series of lossesChart(), in order.
    enum LossSeries { CriticLoss, GeneratorLoss, ValidationGeneratorLoss, ValidationCriticLoss };
    // The series of criticChart(), in order.
    enum CriticSeries { GradientPenalty, Wasserstein };

    explicit GanCurvesView(GanMetricsModel *model, QWidget *parent = nullptr);

    charts::LineChartView *lossesChart() const { return m_losses; }
    charts::LineChartView *criticChart() const { return m_critic; }
    // Points stored across every series (what a test watches grow).
    int totalPoints() const;

private:
    void rebuild();
    void appendRows(int first, int last);

    GanMetricsModel *m_model;
    charts::LineChartView *m_losses;
    charts::LineChartView *m_critic;
};

} // namespace apedesk::ui
