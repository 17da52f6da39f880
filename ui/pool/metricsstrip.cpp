#include "metricsstrip.h"

#include "flowlayout.h"
#include "widgets/charts/charttheme.h"

#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

namespace apedesk::ui {

MetricsStrip::MetricsStrip(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("poolMetricsStrip"));
    new FlowLayout(this, 18, 4);
    m_window = addCell(QStringLiteral("metricWindowValue"), tr("Window"),
                       tr("Metrics cover the swaps of this many minutes before the newest block."));
    m_lastPrice = addCell(QStringLiteral("metricLastPriceValue"), tr("Last price"),
                          tr("USDC per ETH after the newest swap."));
    m_change = addCell(QStringLiteral("metricChangeValue"), tr("Change"),
                       tr("Price change from the window's first swap to its last."));
    m_volumeEth = addCell(QStringLiteral("metricVolumeEthValue"), tr("Volume ETH"),
                          tr("Sum of the ETH amounts swapped in the window."));
    m_volumeUsdc = addCell(QStringLiteral("metricVolumeUsdcValue"), tr("Volume USDC"),
                           tr("Sum of the USDC amounts swapped in the window."));
    m_swaps = addCell(QStringLiteral("metricSwapCountValue"), tr("Swaps"), tr("Swaps in the window."));
    m_volatility = addCell(QStringLiteral("metricVolatilityValue"), tr("Volatility"),
                           tr("Standard deviation of the log returns between consecutive swaps."));
    showMetrics({});
}

QLabel *MetricsStrip::addCell(const QString &objectName, const QString &caption, const QString &toolTip)
{
    auto *cell = new QWidget(this);
    cell->setObjectName(objectName + QStringLiteral("Cell"));
    cell->setToolTip(toolTip);
    auto *column = new QVBoxLayout(cell);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(0);
    auto *name = new QLabel(caption, cell);
    name->setObjectName(objectName + QStringLiteral("Caption"));
    QFont small = name->font();
    small.setPointSizeF(std::max(6.0, small.pointSizeF() * 0.85));
    name->setFont(small);
    name->setForegroundRole(QPalette::PlaceholderText);
    auto *value = new QLabel(cell);
    value->setObjectName(objectName);
    QFont bold = value->font();
    bold.setBold(true);
    value->setFont(bold);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    column->addWidget(name);
    column->addWidget(value);
    layout()->addWidget(cell);
    return value;
}

void MetricsStrip::showMetrics(const market::PoolMetrics &metrics)
{
    const QLocale locale;
    const QString none = tr("—");
    m_window->setText(tr("%n min", nullptr, int((metrics.windowSeconds + 59) / 60)));
    const bool valid = metrics.valid && metrics.swapCount > 0;
    m_lastPrice->setText(valid ? locale.toString(metrics.lastPrice, 'f', 2) : none);
    const QString sign = metrics.priceChangePercent > 0 ? QStringLiteral("+") : QString();
    m_change->setText(valid ? tr("%1%2 %").arg(sign, locale.toString(metrics.priceChangePercent, 'f', 2)) : none);
    m_volumeEth->setText(valid ? locale.toString(metrics.volumeEth, 'f', 4) : none);
    m_volumeUsdc->setText(valid ? locale.toString(metrics.volumeUsdc, 'f', 2) : none);
    m_swaps->setText(metrics.valid ? locale.toString(metrics.swapCount) : none);
    m_volatility->setText(valid ? tr("%1 %").arg(locale.toString(metrics.volatilityPercent, 'f', 3)) : none);

    // Up green, down red, in the charts' colours.
    const charts::ChartTheme theme = charts::ChartTheme::fromPalette(palette());
    QPalette changePalette = palette();
    if (valid && metrics.priceChangePercent != 0)
        changePalette.setColor(QPalette::WindowText, metrics.priceChangePercent > 0 ? theme.buy : theme.sell);
    m_change->setPalette(changePalette);
}

} // namespace apedesk::ui
