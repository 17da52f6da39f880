#pragma once
// A few generated price sequences drawn over real price windows of the run's data, on one step
// axis: a quick look at whether the generator's prices move like the market's (and are not ramps).

#include <QWidget>

namespace apedesk::ui {

namespace charts {
class LineChartView;
}
struct GanSampleSet;

class GanSamplePlot : public QWidget
{
    Q_OBJECT
public:
    explicit GanSamplePlot(QWidget *parent = nullptr);

    void showSamples(const GanSampleSet &samples);
    void clear();
    int realCount() const { return m_real; }
    int syntheticCount() const { return m_synthetic; }
    charts::LineChartView *chart() const { return m_chart; }

private:
    charts::LineChartView *m_chart;
    int m_real = 0;
    int m_synthetic = 0;
};

} // namespace apedesk::ui
