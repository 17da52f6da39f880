#pragma once
// The rolling metrics of the followed pool in one compact strip: last price, change, ETH and USDC
// volume, swap count and volatility over the service's window (10 minutes by default). Cells wrap
// onto a second line in a narrow dock.

#include "market/pooltypes.h"

#include <QWidget>

class QLabel;

namespace apedesk::ui {

class MetricsStrip : public QWidget
{
    Q_OBJECT
public:
    explicit MetricsStrip(QWidget *parent = nullptr);

    void showMetrics(const market::PoolMetrics &metrics);

private:
    QLabel *addCell(const QString &objectName, const QString &caption, const QString &toolTip);

    QLabel *m_window;
    QLabel *m_lastPrice;
    QLabel *m_change;
    QLabel *m_volumeEth;
    QLabel *m_volumeUsdc;
    QLabel *m_swaps;
    QLabel *m_volatility;
};

} // namespace apedesk::ui
