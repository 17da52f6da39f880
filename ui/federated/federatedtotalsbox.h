#pragma once
// A run's totals over its rounds (federated::federatedTotals): FRY minted, slippage harvested and
// arbitrage profit of the venues' simulated trading, circuit-breaker activations, rejected updates,
// dropouts, and rounds completed and skipped.

#include "federated/federatedtypes.h"

#include <QGroupBox>

class QLabel;

namespace apedesk::ui {

class FederatedTotalsBox : public QGroupBox
{
    Q_OBJECT
public:
    enum Field { FryMinted, SlippageHarvested, ArbitrageProfit, CircuitBreakers, RejectedUpdates, Dropouts, Rounds,
                 FieldCount };

    explicit FederatedTotalsBox(QWidget *parent = nullptr);

    void setTotals(const federated::FederatedTotals &totals);
    void clear();
    const federated::FederatedTotals &totals() const { return m_totals; }
    QString valueText(Field field) const;

    static QString usdcText(double usdc);

private:
    federated::FederatedTotals m_totals;
    QLabel *m_values[FieldCount];
};

} // namespace apedesk::ui
