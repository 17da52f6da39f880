#include "federatedtotalsbox.h"

#include <QFormLayout>
#include <QLabel>
#include <QLocale>

namespace apedesk::ui {

FederatedTotalsBox::FederatedTotalsBox(QWidget *parent) : QGroupBox(tr("Totals"), parent)
{
    setObjectName(QStringLiteral("fedTotalsBox"));
    static const char *const names[FieldCount] = {"fedTotalFry",      "fedTotalSlippage", "fedTotalArbitrage",
                                                  "fedTotalBreakers", "fedTotalRejected", "fedTotalDropouts",
                                                  "fedTotalRounds"};
    const QString titles[FieldCount] = {tr("FRY minted:"),
                                        tr("Slippage harvested:"),
                                        tr("Arbitrage profit:"),
                                        tr("Circuit-breaker activations:"),
                                        tr("Rejected updates:"),
                                        tr("Dropouts:"),
                                        tr("Rounds:")};
    const QString tips[FieldCount] = {
        tr("FRY minted by the venues' simulated trading: per USDC of slippage harvested and of arbitrage profit."),
        tr("Price impact of other traders' swaps the agent's hedge rebalancing traded against, in USDC."),
        tr("Net arbitrage profit toward each venue's fair price, after fees, in USDC."),
        tr("Venue-rounds in which a venue's circuit breaker tripped (its weight counts 0.6×)."),
        tr("Updates the robust aggregation refused (NaN or infinite values, wrong shapes, norms far above the median)."),
        tr("Sampled venues that did not report in their round."),
        tr("Rounds completed, and skipped for too few venues."),
    };
    auto *form = new QFormLayout(this);
    for (int f = 0; f < FieldCount; ++f) {
        auto *title = new QLabel(titles[f], this);
        title->setObjectName(QLatin1String(names[f]) + QStringLiteral("Label"));
        title->setToolTip(tips[f]);
        m_values[f] = new QLabel(this);
        m_values[f]->setObjectName(QLatin1String(names[f]));
        m_values[f]->setTextInteractionFlags(Qt::TextSelectableByMouse);
        m_values[f]->setToolTip(tips[f]);
        form->addRow(title, m_values[f]);
    }
    clear();
}

QString FederatedTotalsBox::usdcText(double usdc) { return tr("%1 USDC").arg(QLocale().toString(usdc, 'f', 2)); }

void FederatedTotalsBox::setTotals(const federated::FederatedTotals &totals)
{
    m_totals = totals;
    const QLocale locale;
    m_values[FryMinted]->setText(locale.toString(totals.fryMinted, 'f', 2));
    m_values[SlippageHarvested]->setText(usdcText(totals.slippageHarvestedUsdc));
    m_values[ArbitrageProfit]->setText(usdcText(totals.arbitrageProfitUsdc));
    m_values[CircuitBreakers]->setText(locale.toString(totals.circuitBreakerActivations));
    m_values[RejectedUpdates]->setText(locale.toString(totals.rejectedUpdates));
    m_values[Dropouts]->setText(locale.toString(totals.dropouts));
    m_values[Rounds]->setText(tr("%1 completed, %2 skipped").arg(totals.completedRounds).arg(totals.skippedRounds));
}

void FederatedTotalsBox::clear() { setTotals({}); }

QString FederatedTotalsBox::valueText(Field field) const { return m_values[field]->text(); }

} // namespace apedesk::ui
