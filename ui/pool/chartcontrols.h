#pragma once
// The row above the charts: range buttons (1 h, 1 d, 1 w, All), line or candles, the interval (auto
// or fixed) and the export menu. It steers a SwapChartStack and mirrors its state (a zoom or pan
// unchecks the range buttons; "Auto" names the interval in use).

#include "widgets/charts/swapchartstack.h"

#include <QWidget>

class QAction;
class QComboBox;
class QToolButton;

namespace apedesk::ui {

class ChartControls : public QWidget
{
    Q_OBJECT
public:
    explicit ChartControls(charts::SwapChartStack *charts, QWidget *parent = nullptr);

    QAction *exportPngAction() const { return m_exportPng; }
    QAction *exportCandlesAction() const { return m_exportCandles; }

private:
    QToolButton *addRangeButton(const QString &objectName, const QString &text, const QString &toolTip,
                                charts::SwapChartStack::Range range);
    void showRange(charts::SwapChartStack::Range range);
    void updateIntervalText();

    charts::SwapChartStack *m_charts;
    QList<QPair<QToolButton *, charts::SwapChartStack::Range>> m_rangeButtons;
    QComboBox *m_mode;
    QComboBox *m_interval;
    QToolButton *m_export;
    QAction *m_exportPng;
    QAction *m_exportCandles;
};

} // namespace apedesk::ui
